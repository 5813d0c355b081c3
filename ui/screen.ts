// Putting a state on screen: the map, the highlights and every panel; the side panel's tabs.
import type { GameState } from '../engine/core/index.ts';
import { app, applyState, chooseTab } from './app-state.ts';
import { refreshInteraction } from './choices.ts';
import { renderLog } from './log-panel.ts';
import { view } from './services.ts';
import { renderPhases, renderSituation } from './situation.ts';
import { noteShown, storyOfShown } from './story-source.ts';
import { renderUnitPanel } from './unit-panel.ts';

let charts: typeof import('./charts-panel.ts') | null = null;

/** Fetches the Charts tab's chunk (main.ts asks for it once the map shows). */
export async function loadChartsPanel(): Promise<void> {
  charts ??= await import('./charts-panel.ts');
}

/** The Charts tab, in a chunk of its own: drawn at once when the chunk is in, else once it is. */
function renderCharts(): void {
  if (charts) charts.renderCharts();
  else void loadChartsPanel().then(() => charts!.renderCharts());
}

export function showState(s: GameState | null): void {
  applyState(s);
  if (app.mode === 'play') noteShown(s);
  view.setState(s);
  view.setStory(storyOfShown());
  refreshInteraction();
  renderAll();
}

export function renderAll(): void {
  renderSituation();
  renderUnitPanel();
  renderPhases();
  if (app.tab === 'log') renderLog();
  if (app.tab === 'charts') renderCharts();
}

/** Redraws the Log tab if it is the one open (after an order is given or refused). */
export function refreshLog(): void {
  if (app.tab === 'log') renderLog();
}

export function setTab(tab: string): void {
  chooseTab(tab);
  document.querySelectorAll<HTMLButtonElement>('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  document.querySelectorAll<HTMLElement>('.tab').forEach((t) => t.classList.toggle('active', t.id === `tab-${tab}`));
  if (tab === 'log') renderLog();
  if (tab === 'charts') renderCharts();
}
