// The Cassino front end: scenario chooser, the map, play against the engine, historical replays
// and saved replays scrubbed turn by turn, losses against the documented figures, batch
// summaries and what-ifs. Game rules stay in the engine: legality, movement, combat and the other
// side's play come from engine/core (here for highlights, in the worker for play).
// This module wires the parts together and opens what the URL asks for: the app's state and its
// transitions are in app-state.ts, the panels in *-panel.ts and situation.ts, the modes in
// modes/, the keyboard and mouse in input/.
import { app, setHeads } from './app-state.ts';
import { defaultScenarioFile, errorText, mapIds, scenarioHeads } from './data.ts';
import { $, banner, esc, toast } from './dom.ts';
import { bindControls } from './input/controls.ts';
import { bindKeyboard } from './input/keyboard.ts';
import { bindMapPointer } from './input/map-pointer.ts';
import { renderLegend } from './legend.ts';
import { loaded, loadingStep } from './loading.ts';
import { showMapOnly } from './modes/map-only.ts';
import { bindKeepControls } from './modes/keep.ts';
import { startPlay } from './modes/play.ts';
import { startReplay } from './modes/replay.ts';
import { chooseScenario } from './modes/view.ts';
import { loadChartsPanel } from './screen.ts';
import { ORDER_KEYS } from './orders.ts';
import { engine, view } from './services.ts';
import { hooks } from './test-hooks.ts';

async function main(): Promise<void> {
  loadingStep(0);
  await view.init($('map'));
  bindMapPointer($('map'));
  bindKeyboard();
  bindControls();
  bindKeepControls();
  // The Batch and What-if tabs are in chunks of their own, fetched meanwhile and mounted once the map shows.
  const panels = Promise.all([import('./batch-panel.ts'), import('./whatif.ts'), loadChartsPanel()]);
  renderLegend();
  $('help-orders').innerHTML = ORDER_KEYS.map(([key, what]) => `<tr><td><kbd>${key}</kbd></td><td>${esc(what)}</td></tr>`).join('');
  loadingStep(1);
  setHeads(await scenarioHeads());
  $<HTMLSelectElement>('scenario').innerHTML = app.heads.map((h) => `<option value="${esc(h.file)}">${esc(h.name)}${h.window ? ` (${h.window.start.slice(0, 10)})` : ''}</option>`).join('');
  loadingStep(2);
  await openFromUrl(new URLSearchParams(location.search));
  loadingStep(3);
  view.renderNow();
  loaded();
  await new Promise<void>((done) => requestAnimationFrame(() => { hooks.readyMs = performance.now(); done(); }));
  const [{ mountBatchPanel }, { mountWhatIfPanel }] = await panels;
  mountBatchPanel($('tab-batch'), (m) => toast(m, true));
  mountWhatIfPanel($('tab-whatif'), { engine, scenario: () => app.ctx?.scenario ?? null });
  hooks.ready = true;
  document.body.dataset.ready = '1';
}

/** ?map=<id> (the map alone), else ?scenario=<id> with ?seed= and ?mode=allied|german|replay. */
async function openFromUrl(params: URLSearchParams): Promise<void> {
  if (params.get('seed')) $<HTMLInputElement>('seed').value = params.get('seed')!;
  const mapOnly = params.get('map');
  if (mapOnly && mapIds().includes(mapOnly)) {
    await showMapOnly(mapOnly);
    return;
  }
  const wanted = params.get('scenario');
  const file = wanted && app.heads.some((h) => h.file === `${wanted}.json`) ? `${wanted}.json` : defaultScenarioFile();
  await chooseScenario(file);
  const mode = params.get('mode');
  if (mode === 'replay') await startReplay();
  else if (mode === 'allied' || mode === 'german') await startPlay(mode);
}

main().catch((e) => {
  loaded();
  banner(`The app failed to start: ${errorText(e)}`);
  console.error(e);
});
