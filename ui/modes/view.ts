// View mode: a scenario's initial deployment, opened on its units. A scenario that does not load
// (it may be being written) is said in the banner, over its map alone.
import { type MapIndex, startGame } from '../../engine/core/index.ts';
import { app, beginScenario, isCurrent, scenarioLoaded } from '../app-state.ts';
import { errorText, loadContext, loadMap, readScenarioRaw } from '../data.ts';
import { $, banner, hint, seedInput } from '../dom.ts';
import { renderAll, showState } from '../screen.ts';
import { engine, view } from '../services.ts';
import { loadOverview } from '../map/overview-image.ts';
import { updateModeButtons } from './buttons.ts';
import { stopPlaying } from './replay.ts';

export async function chooseScenario(file: string): Promise<void> {
  const gen = beginScenario(file);
  stopPlaying();
  $<HTMLSelectElement>('scenario').value = file;
  banner(null);
  hint('Loading the scenario…');
  engine.restart();
  // The worker loads the scenario while the page draws the map: its requests wait in its queue.
  const engineLoaded = engine.load(file);
  engineLoaded.catch(() => { /* the page's own load says what is wrong */ });
  // Its map's picture and data are fetched meanwhile too (loadOverview and loadMap share one fetch a map).
  const mapId = app.heads.find((h) => h.file === file)?.map;
  if (mapId) {
    void loadOverview(mapId);
    loadMap(mapId).catch(() => { /* the load below says what is wrong */ });
  }
  try {
    const ctx = await loadContext(file);
    if (!isCurrent(gen)) return;
    scenarioLoaded(ctx, seedInput(ctx.scenario.defaultSeed));
    $<HTMLInputElement>('seed').value = app.seed;
    view.viewer = 'allied';
    const picture = await loadOverview(ctx.map.data.id);
    if (!isCurrent(gen)) return;
    view.setMap(ctx.map, ctx.scenario, picture);
    const start = startGame(ctx, app.seed);
    // A battle covers part of the sector: open on its units (0 shows the whole map).
    view.frameHexes(Object.values(start.units).filter((u) => u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')).map((u) => u.hex));
    showState(start);
    hint('Choose “Play Allies”, “Play Germans” or “Historical replay”. Click a unit to see its history.');
  } catch (e) {
    if (!isCurrent(gen)) return;
    banner(`This scenario cannot be loaded (it may be being written):\n${errorText(e)}`);
    hint('The scenario has errors; showing its map only.');
    await showScenarioMap(file);
  }
  updateModeButtons();
  renderAll();
}

/** The map a broken scenario names, so that the rest of the app stays usable. */
async function showScenarioMap(file: string): Promise<void> {
  try {
    const raw = (await readScenarioRaw(file)) as { map?: string };
    const map: MapIndex = await loadMap(raw.map ?? 'cassino-sector');
    view.setMap(map, null, await loadOverview(map.data.id));
    view.setState(null);
  } catch { /* nothing to show */ }
}
