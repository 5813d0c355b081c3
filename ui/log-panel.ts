// The Log tab: the player's orders (and those the engine refused), then the events of the game,
// newest first, filtered to the fighting or to the turn shown.
import { fullLog } from '../engine/core/index.ts';
import { app, setLogFilter } from './app-state.ts';
import { esc } from './charts.ts';
import { eventText, shortDate } from './describe.ts';
import { $ } from './dom.ts';
import { journalHtml } from './orders.ts';

const FILTERS = ['all', 'combat', 'turn'] as const;
const FILTER_LABEL = { all: 'Everything', combat: 'Fighting', turn: 'This turn' } as const;

export function renderLog(): void {
  const el = $('tab-log');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">Nothing has happened yet.</p>'; return; }
  const shownTurn = app.mode === 'replay' ? app.frame - 1 : s.turn;
  let entries = fullLog(s).map((e, i) => ({ e, i }));
  if (app.logFilter === 'combat') entries = entries.filter(({ e }) => e.kind === 'combat' || e.kind === 'bombardment' || e.kind === 'airStrike');
  if (app.logFilter === 'turn') entries = entries.filter(({ e }) => e.turn === shownTurn);
  const shown = entries.slice(-400).reverse();
  el.innerHTML = journalHtml(app.journal) + `<div class="filters">${FILTERS.map((f) => `<button data-filter="${f}" class="small${app.logFilter === f ? ' active' : ''}">${FILTER_LABEL[f]}</button>`).join('')}</div>`
    + (shown.length ? '' : '<p class="muted">No events.</p>')
    + shown.map(({ e }) => `<div class="log-entry kind-${esc(e.kind)}${e.kind === 'combat' ? ' combat' : ''}${e.turn === shownTurn ? ' current' : ''}"><div class="when">Turn ${e.turn + 1} · ${shortDate(e.at)} · ${esc(e.kind)}</div>${esc(eventText(ctx, e))}</div>`).join('');
  el.querySelectorAll<HTMLButtonElement>('button[data-filter]').forEach((b) => b.addEventListener('click', () => {
    setLogFilter(b.dataset.filter as (typeof FILTERS)[number]);
    renderLog();
  }));
}
