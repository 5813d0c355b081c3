// The Cassino front end: scenario chooser, the map, play against the engine, historical replays
// and saved replays scrubbed turn by turn, losses against the documented figures, batch
// summaries and what-ifs. Game rules stay in the engine: legality, movement, combat and the other
// side's play come from engine/core (here for highlights, in the worker for play).
import {
  type Action, type EngineContext, type GameState, type MapIndex, type ReplayFile, type Side, PHASES, artilleryInRange,
  checkAction, fromMinutes, hexLabel, turnStart, holderOf, occupancy, reachable, startGame, stateHash, terrainAt, unitDivision, unitFormations,
  unitsInHex,
} from '../engine/core/index.ts';
import { mountBatchPanel } from './batch-panel.ts';
import { mountWhatIfPanel } from './whatif.ts';
import { compareChart, esc, lineChart, type Series } from './charts.ts';
import { EngineClient } from './client.ts';
import {
  type ScenarioHead, defaultScenarioFile, errorText, loadContext, loadMap, mapIds, readScenarioRaw, scenarioHeads,
} from './data.ts';
import { ENTRENCHMENT, dayOrNight, eventText, hexName, longDate, lossesByTurn, missionText, placeAt, shortDate, sideName } from './describe.ts';
import { type Highlights, MapView } from './map-view.ts';
import { type JournalEntry, type OrderChoice, type PickKind, ORDER_KEYS, hexOrders, journalHtml, missionAction, orderForKey, ordersHtml, orderText, unitOrders } from './orders.ts';
import { CAVENDISH_STYLE, LINK_STYLE, RIVER_COLOUR, FRONT_COLOUR, TERRAIN_COLOUR, TERRAIN_LABEL } from './style-map.ts';
import { symbolDataUrl } from './symbols.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type Mode = 'view' | 'play' | 'replay';

const app = {
  heads: [] as ScenarioHead[],
  file: '',
  ctx: null as EngineContext | null,
  mode: 'view' as Mode,
  side: 'allied' as Side,
  seed: '1',
  waiting: false,
  busy: false,
  state: null as GameState | null,
  frames: [] as GameState[],
  frame: 0,
  follow: true,
  runDone: false,
  playing: null as ReturnType<typeof setInterval> | null,
  lastRun: null as null | { finalHash: string; turns: number; computeMs: number },
  lastReplay: null as null | { ok: boolean; message: string; finalHash: string },
  selected: [] as string[],
  attackTarget: null as number | null,
  reach: new Map<number, number>(),
  targets: [] as number[],
  fireTargets: [] as number[],
  hover: -1,
  logFilter: 'all' as 'all' | 'combat' | 'turn',
  tab: 'unit',
  lastClick: { hex: -1, index: 0 },
  generation: 0,
  /** Orders offered in the panel (buttons and keys), a mission waiting for its hex, the player's orders so far. */
  orders: [] as OrderChoice[],
  /** A hex chosen for smoke or an air strike (combat phase). */
  orderHex: null as number | null,
  pick: null as null | { kind: PickKind; units: string[] },
  journal: [] as JournalEntry[],
};

const view = new MapView();
const engine = new EngineClient();

// --- helpers -------------------------------------------------------------------------------

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function toast(text: string, error = false): void {
  const t = $('toast');
  t.textContent = text;
  t.className = `show${error ? ' error' : ''}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.className = ''; }, error ? 5000 : 2500);
}

function banner(text: string | null): void {
  const b = $('banner');
  b.hidden = !text;
  b.textContent = text ?? '';
}

function hint(text: string): void { $('hint').textContent = text; }

function ctxOrThrow(): EngineContext {
  if (!app.ctx) throw new Error('no scenario loaded');
  return app.ctx;
}

const meter = (v: number, good: 'high' | 'low') => {
  const q = good === 'high' ? v / 100 : 1 - v / 100;
  const c = q > 0.66 ? '#2e9d57' : q > 0.33 ? '#d4a017' : '#c0392b';
  return `<span class="meter"><i style="width:${Math.max(0, Math.min(100, v))}%;background:${c}"></i></span>${v}%`;
};

// --- scenario loading ----------------------------------------------------------------------

async function chooseScenario(file: string): Promise<void> {
  const gen = ++app.generation;
  stopPlaying();
  app.file = file;
  app.ctx = null;
  app.mode = 'view';
  app.frames = [];
  app.state = null;
  app.selected = [];
  app.attackTarget = null;
  app.lastRun = null;
  app.lastReplay = null;
  app.waiting = false;
  ($('scenario') as HTMLSelectElement).value = file;
  banner(null);
  hint('Loading the scenario…');
  engine.restart();
  try {
    const ctx = await loadContext(file);
    if (gen !== app.generation) return;
    app.ctx = ctx;
    app.seed = ($('seed') as HTMLInputElement).value.trim() || ctx.scenario.defaultSeed;
    ($('seed') as HTMLInputElement).value = app.seed;
    view.viewer = 'allied';
    view.setMap(ctx.map, ctx.scenario);
    await engine.load(file);
    const start = startGame(ctx, app.seed);
    // A battle covers part of the sector: open on its units (0 shows the whole map).
    view.frameHexes(Object.values(start.units).filter((u) => u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')).map((u) => u.hex));
    showState(start);
    hint('Choose “Play Allies”, “Play Germans” or “Historical replay”. Click a unit to see its history.');
  } catch (e) {
    if (gen !== app.generation) return;
    banner(`This scenario cannot be loaded (it may be being written):\n${errorText(e)}`);
    hint('The scenario has errors; showing its map only.');
    // Show the map alone so the rest of the app stays usable.
    try {
      const raw = (await readScenarioRaw(file)) as { map?: string };
      const map: MapIndex = await loadMap(raw.map ?? 'cassino-sector');
      view.setMap(map, null);
      view.setState(null);
    } catch { /* nothing to show */ }
  }
  updateModeButtons();
  renderAll();
}

async function showMapOnly(mapId: string): Promise<void> {
  app.generation++;
  app.ctx = null;
  app.state = null;
  const map = await loadMap(mapId);
  view.setMap(map, null);
  view.setState(null);
  hint(`Map ${map.data.name}: ${map.cols} × ${map.rows} hexes of ${map.data.grid.hexSizeM} m.`);
  renderAll();
}

// --- showing a state ---------------------------------------------------------------------

function showState(s: GameState | null): void {
  app.state = s;
  view.setState(s);
  app.selected = app.selected.filter((id) => s && s.units[id] && s.units[id].hex >= 0);
  if (app.attackTarget !== null && !(s && unitsInHex(s, app.attackTarget).some((u) => u.side !== app.side))) app.attackTarget = null;
  refreshInteraction();
  renderAll();
}

function renderAll(): void {
  renderSituation();
  renderUnitPanel();
  renderPhases();
  if (app.tab === 'log') renderLog();
  if (app.tab === 'charts') renderCharts();
}

function renderSituation(): void {
  const el = $('situation');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = ctx ? '' : '<span class="muted">No scenario</span>'; return; }
  const w = s.weather;
  const night = dayOrNight(s.time) === 'night';
  const turnOf = `Turn ${Math.min(s.turn, s.lastTurn) + 1} of ${s.lastTurn + 1}`;
  const modeText = app.mode === 'play' ? `You command the ${sideName(app.side)} side` : app.mode === 'replay' ? (app.lastReplay ? 'Saved replay' : 'Historical replay: both sides by the engine') : 'Initial deployment';
  el.innerHTML = `<div class="big">${esc(ctx.scenario.name)}</div>`
    + `<div>${turnOf} · <b>${longDate(s.time)}</b> · <span class="${night ? 'night' : ''}">${night ? '☾ night' : '☀ day'}</span>${s.finished ? ' · <b>scenario ended</b>' : ` · phase <b>${s.phase}</b>`}</div>`
    + `<div>${w.condition.replace('-', ' ')}, ground ${w.ground}, rivers ${['normal', 'high', 'in flood'][w.riverLevel] ?? w.riverLevel}, visibility ${w.visibility}%${w.air ? '' : ', no flying'}${w.historical ? ' <span class="muted">(historical record)</span>' : ' <span class="muted">(climatology)</span>'}</div>`
    + `<div class="muted">${modeText}</div>`;
}

function renderPhases(): void {
  const s = app.state;
  $('phases').innerHTML = PHASES.map((p) => `<span class="${s && s.phase === p && !s.finished ? 'now' : ''}">${p}</span>`).join('');
  const canAct = app.mode === 'play' && app.waiting && !app.busy && !!s && !s.finished;
  ($('end-phase') as HTMLButtonElement).disabled = !canAct;
  ($('end-turn') as HTMLButtonElement).disabled = !canAct;
}

// --- selection and the player's choices ----------------------------------------------------

function ownUnit(id: string): boolean {
  return !!app.state && app.state.units[id]?.side === app.side;
}

function isArtillery(id: string): boolean {
  return app.ctx?.scenario.unitById[id]?.type === 'artillery';
}

/** Highlights from the engine: reachable hexes, attack and fire targets of the selection. */
let interactionKey: { state: GameState | null; sel: string; mode: string; waiting: boolean } | null = null;

function refreshInteraction(): void {
  const ctx = app.ctx;
  const s = app.state;
  const hl: Highlights = { hover: app.hover };
  // Reach and targets depend on the state and the selection only, not on the hovered hex.
  const key = { state: s, sel: app.selected.join(','), mode: app.mode, waiting: app.waiting };
  const same = interactionKey && interactionKey.state === key.state && interactionKey.sel === key.sel && interactionKey.mode === key.mode && interactionKey.waiting === key.waiting;
  if (!same) {
    interactionKey = key;
    computeChoices();
  }
  if (ctx && s) {
    hl.selectedHexes = app.selected.map((id) => s.units[id]?.hex).filter((h) => h !== undefined && h >= 0);
    if (app.reach.size) {
      hl.reach = [...app.reach.keys()];
      const from = s.units[app.selected[0]]?.hex;
      if (app.reach.has(app.hover) && from !== undefined) {
        const path = [app.hover];
        for (let h = app.reach.get(app.hover)!; h >= 0 && h !== from; h = app.reach.get(h) ?? -1) path.push(h);
        path.push(from);
        hl.path = path.reverse();
      }
    }
    hl.targets = app.targets;
    hl.fireTargets = app.fireTargets;
    if (app.attackTarget !== null) hl.targets = [...new Set([...app.targets, app.attackTarget])];
  }
  view.selected = app.selected;
  view.setHighlights(hl);
}

/** Asks the engine where the selection can move, what it can attack and fire on. */
function computeChoices(): void {
  app.reach = new Map();
  app.targets = [];
  app.fireTargets = [];
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) return;
  const canAct = app.mode === 'play' && app.waiting && !s.finished;
  const mine = app.selected.filter((id) => ownUnit(id) && s.units[id].status === 'active' && s.units[id].hex >= 0);
  if (canAct && s.phase === 'movement' && mine.length === 1 && s.units[mine[0]].mp > 0) {
    const u = s.units[mine[0]];
    const r = reachable(ctx.map, ctx.params.movement, s, u, ctx.scenario.unitById[u.id].type, occupancy(ctx.map, s));
    for (const h of r.reached) if (h !== u.hex) app.reach.set(h, r.prevOf(h));
  }
  if (canAct && s.phase === 'combat') {
    const attackers = mine.filter((id) => !isArtillery(id));
    const guns = mine.filter((id) => isArtillery(id));
    const enemyHexes = new Set<number>();
    for (const id in s.units) {
      const u = s.units[id];
      if (u.side !== app.side && u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) enemyHexes.add(u.hex);
    }
    for (const h of enemyHexes) {
      const near = attackers.filter((id) => ctx.map.neighbours.subarray(s.units[id].hex * 6, s.units[id].hex * 6 + 6).includes(h));
      if (near.length && checkAction(ctx, s, { type: 'attack', units: near, target: h }) === null) app.targets.push(h);
      if (guns.length && checkAction(ctx, s, { type: 'fireSupport', artillery: guns, target: h }) === null) app.fireTargets.push(h);
    }
  }
}

function select(ids: string[], centre = false): void {
  app.selected = ids;
  app.attackTarget = null;
  app.orderHex = null;
  app.pick = null;
  if (centre && ids.length && app.state) {
    const h = app.state.units[ids[0]]?.hex;
    if (h !== undefined && h >= 0) view.centreOn(h, 40);
  }
  refreshInteraction();
  setTab('unit');
  renderUnitPanel();
}

async function act(action: Action): Promise<boolean> {
  if (app.busy) return false;
  app.busy = true;
  renderPhases();
  try {
    const r = await engine.act(action);
    const at = app.state ? fromMinutes(app.state.time) : '';
    app.journal.push({ turn: app.state?.turn ?? 0, at, text: orderText(ctxOrThrow(), action), ...(r.rejected ? { rejected: r.rejected } : {}) });
    if (r.rejected) { toast(`Not allowed: ${r.rejected}`, true); if (app.tab === 'log') renderLog(); return false; }
    const before = app.state?.log.length ?? 0;
    app.attackTarget = null;
    showState(r.state);
    const fresh = r.state.log.slice(before);
    const ctx = ctxOrThrow();
    const news = fresh.filter((e) => e.kind === 'combat' || e.kind === 'bombardment');
    if (news.length) toast(eventText(ctx, news[news.length - 1]));
    return true;
  } catch (e) {
    toast(errorText(e), true);
    return false;
  } finally {
    app.busy = false;
    renderPhases();
  }
}

async function endPhase(turn: boolean): Promise<void> {
  if (app.mode !== 'play' || app.busy || !app.waiting) return;
  app.busy = true;
  renderPhases();
  hint(`The engine is playing the ${sideName(app.side === 'allied' ? 'german' : 'allied')} side…`);
  try {
    const before = app.state?.log.length ?? 0;
    const r = await engine.end(turn);
    app.waiting = r.waiting;
    app.selected = [];
    app.orderHex = null;
    app.pick = null;
    showState(r.state);
    const fights = r.state.log.slice(before).filter((e) => e.kind === 'combat').length;
    hint(r.state.finished ? 'The scenario has ended. See the Losses tab, or save the replay.' : `${fights ? `${fights} ${fights === 1 ? 'attack' : 'attacks'} — see the log. ` : ''}${phaseHint()}`);
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    app.busy = false;
    renderPhases();
  }
}

function phaseHint(): string {
  const s = app.state;
  if (!s) return '';
  if (s.phase === 'movement') return 'Movement: select a unit, click a green hex to move. N: next unit. E: end turn.';
  if (s.phase === 'combat') return 'Combat: select units next to the enemy, click a red hex to attack; select artillery, click an orange hex to fire.';
  return '';
}

function nextUnit(): void {
  const s = app.state;
  if (!s) return;
  const side = app.mode === 'play' ? app.side : (s.units[app.selected[0]]?.side ?? 'allied');
  const ids = Object.keys(s.units).sort().filter((id) => {
    const u = s.units[id];
    if (u.side !== side || u.hex < 0 || u.status !== 'active') return false;
    if (app.mode === 'play' && s.phase === 'movement') return u.mp > 0;
    if (app.mode === 'play' && s.phase === 'combat') return !u.attacked;
    return true;
  });
  if (!ids.length) { toast('No unit left to command in this phase'); return; }
  const i = ids.indexOf(app.selected[0]);
  select([ids[(i + 1) % ids.length]], true);
}

// --- clicks on the map -----------------------------------------------------------------------

function onMapClick(sx: number, sy: number, shift: boolean): void {
  const s = app.state;
  const ctx = app.ctx;
  const hex = view.hexAt(sx, sy);
  const unit = view.unitAt(sx, sy);
  if (!s || !ctx) return;
  const canAct = app.mode === 'play' && app.waiting && !app.busy && !s.finished;
  if (canAct && app.pick && hex >= 0) {
    const { kind, units } = app.pick;
    app.pick = null;
    void act(missionAction(kind, units, unit ? s.units[unit].hex : hex)).then(() => hint(phaseHint()));
    return;
  }
  if (canAct) {
    if (unit && ownUnit(unit)) {
      if (shift) select(app.selected.includes(unit) ? app.selected.filter((x) => x !== unit) : [...app.selected, unit]);
      else pickInStack(unit, s.units[unit].hex);
      return;
    }
    const target = unit ? s.units[unit].hex : hex;
    if (s.phase === 'movement' && target >= 0 && app.reach.has(target) && app.selected.length === 1) {
      void act({ type: 'move', unit: app.selected[0], to: target });
      return;
    }
    if (s.phase === 'combat' && app.fireTargets.includes(target) && !app.targets.includes(target)) {
      void act({ type: 'fireSupport', artillery: app.selected.filter(isArtillery), target });
      return;
    }
    if (s.phase === 'combat' && target >= 0 && unitsInHex(s, target).some((u) => u.side !== app.side)) {
      app.attackTarget = target;
      refreshInteraction();
      setTab('unit');
      renderUnitPanel();
      return;
    }
    if (s.phase === 'combat' && target >= 0 && hexOrders(ctx, s, app.side, target).some((o) => !o.reason)) {
      app.orderHex = target;
      setTab('unit');
      renderUnitPanel();
      return;
    }
  }
  if (unit) { pickInStack(unit, s.units[unit].hex); return; }
  if (hex >= 0) {
    const here = unitsInHex(s, hex);
    if (here.length) { pickInStack(here[0].id, hex); return; }
  }
  select([]);
}

/** Clicking a stack again selects the next unit in it. */
function pickInStack(unit: string, hex: number): void {
  const s = app.state!;
  const stack = unitsInHex(s, hex).map((u) => u.id);
  if (app.lastClick.hex === hex && stack.length > 1 && app.selected.length === 1 && stack.includes(app.selected[0])) {
    const i = stack.indexOf(app.selected[0]);
    select([stack[(i + 1) % stack.length]]);
  } else {
    select([unit]);
  }
  app.lastClick = { hex, index: 0 };
}

// --- the unit panel --------------------------------------------------------------------------

function renderUnitPanel(): void {
  const el = $('tab-unit');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">No scenario loaded.</p>'; return; }
  let html = '';
  if (app.attackTarget !== null) html += attackForm(ctx, s, app.attackTarget);
  else if (app.orderHex !== null) html += hexOrderForm(ctx, s, app.orderHex);
  const id = app.selected[0];
  if (!playerTurn()) app.orders = [];
  else if (app.attackTarget === null && app.orderHex === null) app.orders = unitOrders(ctx, s, app.side, app.selected);
  if (!id) {
    if (app.attackTarget === null && app.orderHex === null) app.orders = [];
    el.innerHTML = html + scenarioSummary(ctx, s);
    bindPanel(el);
    return;
  }
  const def = ctx.scenario.unitById[id];
  const u = s.units[id];
  const sc = ctx.scenario;
  const chain = unitFormations(sc, id).map((f) => sc.formationById[f]);
  const at = (level: string) => chain.find((f) => f.level === level);
  const division = at('division');
  const corps = at('corps');
  const army = at('army');
  const immediate = chain[0];
  const friend = app.mode === 'play' ? u.side === app.side : u.side === 'allied';
  html += `<div class="unit-head"><img alt="" src="${symbolDataUrl(def.type, def.size, u.side, friend)}"><div><h2>${esc(def.name)}</h2>`
    + `<div><span class="side-${u.side}">${sideName(u.side)}</span> · ${esc(def.nation)} ${def.type} ${def.size}</div><div class="muted">${esc(id)}</div></div></div>`;
  if (app.selected.length > 1) html += `<p><b>${app.selected.length} units selected</b> (Shift+click to add or remove)</p>`;
  if (app.attackTarget === null && app.orderHex === null) html += ordersHtml(app.orders, 'Orders');
  if (app.pick) html += `<p class="pick-hint">Click the hex to ${app.pick.kind === 'withdraw' ? 'withdraw to' : app.pick.kind === 'advance' ? 'advance on' : 'assault'} (<kbd>Esc</kbd> cancels).</p>`;
  html += '<h3>Formation</h3><table class="kv">';
  if (immediate && immediate !== division && immediate !== corps && immediate !== army) html += `<tr><td>${esc(immediate.level)}</td><td>${esc(immediate.name)}</td></tr>`;
  html += `<tr><td>Division</td><td>${division ? esc(division.name) : '<span class="muted">— (corps or army troops)</span>'}</td></tr>`;
  html += `<tr><td>Corps</td><td>${corps ? esc(corps.name) + (corps.commander ? ` <span class="muted">(${esc(corps.commander)})</span>` : '') : '—'}</td></tr>`;
  html += `<tr><td>Army</td><td>${army ? esc(army.name) + (army.commander ? ` <span class="muted">(${esc(army.commander)})</span>` : '') : '—'}</td></tr></table>`;
  const lost = s.losses[id] ?? 0;
  html += '<h3>Strength</h3><table class="kv">'
    + `<tr><td>Men</td><td><b>${u.men}</b> <span class="muted">of ${def.men} at the start${lost ? `; ${lost} lost` : ''}</span></td></tr>`
    + (def.guns || u.guns ? `<tr><td>Guns</td><td>${u.guns} <span class="muted">of ${def.guns}</span></td></tr>` : '')
    + (def.tanks || u.tanks ? `<tr><td>Tanks</td><td>${u.tanks} <span class="muted">of ${def.tanks}</span></td></tr>` : '')
    + `<tr><td>Quality</td><td>${def.quality}</td></tr></table>`;
  html += '<h3>Condition</h3><table class="kv">'
    + `<tr><td>Fatigue</td><td>${meter(u.fatigue, 'low')}</td></tr>`
    + `<tr><td>Cohesion</td><td>${meter(u.cohesion, 'high')}</td></tr>`
    + `<tr><td>Supply</td><td>${meter(u.supply, 'high')}</td></tr>`
    + `<tr><td>Entrenchment</td><td>${ENTRENCHMENT[u.entrenchment] ?? u.entrenchment} (${u.entrenchment}/3)</td></tr>`
    + `<tr><td>Posture</td><td>${u.posture}${u.attacked ? ', has attacked this turn' : ''}${u.fired ? `, fired ${u.fired}×` : ''}</td></tr>`
    + `<tr><td>Movement left</td><td>${(u.mp / 100).toFixed(1)} h</td></tr>`
    + `<tr><td>Status</td><td>${u.status}</td></tr>`
    + `<tr><td>Position</td><td>${u.hex >= 0 ? `${esc(hexName(ctx, u.hex))}, ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, u.hex)])}, ${ctx.map.elevation[u.hex]} m` : 'off the map'}</td></tr>`
    + `<tr><td>Mission</td><td>${esc(missionText(ctx, s.missions[id]))}</td></tr></table>`;
  html += `<h3>Source</h3><div class="source">${esc(def.source)}</div>`;
  if (u.hex >= 0) {
    const stack = unitsInHex(s, u.hex);
    if (stack.length > 1) {
      html += `<h3>In this hex (${stack.length})</h3><div class="stack">${stack.map((x) => `<button data-unit="${esc(x.id)}" class="${x.id === id ? 'active' : ''}">${esc(sc.unitById[x.id].name)} · ${x.men} men</button>`).join('')}</div>`;
    }
  }
  el.innerHTML = html;
  bindPanel(el);
}

function scenarioSummary(ctx: EngineContext, s: GameState): string {
  const sc = ctx.scenario;
  const count = (side: Side) => Object.values(s.units).filter((u) => u.side === side && u.hex >= 0 && (u.status === 'active' || u.status === 'reserve'));
  const men = (side: Side) => count(side).reduce((a, u) => a + u.men, 0);
  let html = `<h2>${esc(sc.name)}</h2><p>${esc(sc.description)}</p>`;
  html += `<table class="kv"><tr><td>Window</td><td>${longDate(sc.start)} – ${longDate(sc.end)} (${sc.turns} turns of 12 h)</td></tr>`;
  for (const side of ['allied', 'german'] as const) {
    html += `<tr><td><span class="side-${side}">${esc(sc.sides[side].name)}</span></td><td>${count(side).length} units on the map, ${men(side).toLocaleString('en-GB')} men</td></tr>`;
  }
  html += `<tr><td>Air superiority</td><td>${sc.airSuperiority}</td></tr><tr><td>Map</td><td>${esc(ctx.map.data.name)}</td></tr></table>`;
  if (sc.objectives.length) {
    html += '<h3>Objectives</h3><table class="kv">' + sc.objectives.map((o) => {
      const holder = holderOf(s, o.hex);
      return `<tr><td>${esc(o.name)}</td><td>${holder === 'none' ? 'nobody' : `<span class="side-${holder}">${sideName(holder)}</span>`}</td></tr>`;
    }).join('') + '</table>';
  }
  html += '<p class="muted">Click a unit on the map for its history and state.</p>';
  return html;
}

function attackForm(ctx: EngineContext, s: GameState, target: number): string {
  const defenders = unitsInHex(s, target).filter((u) => u.side !== app.side);
  const neighbours = [...ctx.map.neighbours.subarray(target * 6, target * 6 + 6)];
  const candidates = Object.values(s.units).filter((u) => u.side === app.side && neighbours.includes(u.hex)
    && checkAction(ctx, s, { type: 'attack', units: [u.id], target }) === null).sort((a, b) => (a.id < b.id ? -1 : 1));
  const chosen = app.selected.filter((id) => candidates.some((c) => c.id === id));
  const pre = new Set(chosen.length ? chosen : candidates.map((c) => c.id));
  const guns = artilleryInRange(ctx, s, app.side, target);
  let html = `<div class="attack-form"><h2>Attack ${esc(hexName(ctx, target))}</h2>`;
  html += `<p>Defenders: ${defenders.map((d) => `${esc(ctx.scenario.unitById[d.id].name)} (${d.men} men, ${ENTRENCHMENT[d.entrenchment]} positions)`).join('; ')}</p>`;
  html += `<p class="muted">Ground: ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, target)])}, ${ctx.map.elevation[target]} m.</p>`;
  if (!candidates.length) html += '<p><b>None of your units can attack this hex now</b> (they must be next to it and not have attacked this turn).</p>';
  else {
    html += '<h3>Attackers</h3>' + candidates.map((c) => `<label><input type="checkbox" name="att" value="${esc(c.id)}"${pre.has(c.id) ? ' checked' : ''}> ${esc(ctx.scenario.unitById[c.id].name)} · ${c.men} men</label>`).join('');
    html += `<h3>Artillery in range</h3>${guns.length ? guns.map((g) => `<label><input type="checkbox" name="art" value="${esc(g.id)}" checked> ${esc(ctx.scenario.unitById[g.id].name)} · ${g.guns} guns</label>`).join('') : '<p class="muted">none</p>'}`;
    html += '<p><button class="primary" data-do="attack">Attack</button> <button data-do="cancel-attack">Cancel</button></p>';
  }
  app.orders = hexOrders(ctx, s, app.side, target);
  return html + ordersHtml(app.orders, 'Smoke and air') + '</div>';
}

/** Smoke and the planned air raids on a hex without enemy units. */
function hexOrderForm(ctx: EngineContext, s: GameState, target: number): string {
  app.orders = hexOrders(ctx, s, app.side, target);
  return `<div class="attack-form"><h2>${esc(hexName(ctx, target))}</h2><p class="muted">Ground: ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, target)])}, ${ctx.map.elevation[target]} m.</p>`
    + ordersHtml(app.orders, 'Smoke and air') + '<p><button data-do="cancel-attack">Close</button></p></div>';
}

/** The game waits for the player's orders (whether or not one is being carried out). */
function playerTurn(): boolean {
  return app.mode === 'play' && app.waiting && !!app.state && !app.state.finished;
}

function playerCanAct(): boolean { return playerTurn() && !app.busy; }

/** Gives an order from the panel or the keyboard; a refused one is said in the log and a toast. */
async function giveOrder(o: OrderChoice): Promise<void> {
  const ctx = app.ctx;
  if (!ctx || !app.state) return;
  if (o.reason) {
    app.journal.push({ turn: app.state.turn, at: fromMinutes(app.state.time), text: o.label.replace(/…$/, ''), rejected: o.reason });
    toast(`Not allowed: ${o.reason}`, true);
    if (app.tab === 'log') renderLog();
    return;
  }
  if (o.pick) {
    app.pick = o.pick;
    hint(`Click the hex to ${o.pick.kind === 'withdraw' ? 'withdraw to' : o.pick.kind === 'advance' ? 'advance on' : 'assault'}; Esc cancels.`);
    renderUnitPanel();
    return;
  }
  for (const a of o.actions) if (!(await act(a))) break;
  if (o.actions.length) toast(o.actions.map((a) => orderText(ctx, a)).join('; '));
}

function bindPanel(el: HTMLElement): void {
  el.querySelectorAll<HTMLButtonElement>('button[data-order]').forEach((b) => b.addEventListener('click', () => {
    const o = app.orders[Number(b.dataset.order)];
    if (o) void giveOrder(o);
  }));
  el.querySelectorAll<HTMLButtonElement>('button[data-unit]').forEach((b) => b.addEventListener('click', () => select([b.dataset.unit!], true)));
  el.querySelector<HTMLButtonElement>('button[data-do="attack"]')?.addEventListener('click', () => {
    const units = [...el.querySelectorAll<HTMLInputElement>('input[name="att"]:checked')].map((i) => i.value);
    const artillery = [...el.querySelectorAll<HTMLInputElement>('input[name="art"]:checked')].map((i) => i.value);
    if (!units.length) { toast('Choose at least one attacking unit', true); return; }
    if (app.attackTarget !== null) void act({ type: 'attack', units, target: app.attackTarget, artillery });
  });
  el.querySelector<HTMLButtonElement>('button[data-do="cancel-attack"]')?.addEventListener('click', () => {
    app.attackTarget = null;
    app.orderHex = null;
    refreshInteraction();
    renderUnitPanel();
  });
}

// --- log -----------------------------------------------------------------------------------

function renderLog(): void {
  const el = $('tab-log');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">Nothing has happened yet.</p>'; return; }
  const shownTurn = app.mode === 'replay' ? app.frame - 1 : s.turn;
  let entries = s.log.map((e, i) => ({ e, i }));
  if (app.logFilter === 'combat') entries = entries.filter(({ e }) => e.kind === 'combat' || e.kind === 'bombardment' || e.kind === 'airStrike');
  if (app.logFilter === 'turn') entries = entries.filter(({ e }) => e.turn === shownTurn);
  const shown = entries.slice(-400).reverse();
  el.innerHTML = journalHtml(app.journal) + `<div class="filters">${(['all', 'combat', 'turn'] as const).map((f) => `<button data-filter="${f}" class="small${app.logFilter === f ? ' active' : ''}">${f === 'all' ? 'Everything' : f === 'combat' ? 'Fighting' : 'This turn'}</button>`).join('')}</div>`
    + (shown.length ? '' : '<p class="muted">No events.</p>')
    + shown.map(({ e }) => `<div class="log-entry kind-${esc(e.kind)}${e.kind === 'combat' ? ' combat' : ''}${e.turn === shownTurn ? ' current' : ''}"><div class="when">Turn ${e.turn + 1} · ${shortDate(e.at)} · ${esc(e.kind)}</div>${esc(eventText(ctx, e))}</div>`).join('');
  el.querySelectorAll<HTMLButtonElement>('button[data-filter]').forEach((b) => b.addEventListener('click', () => {
    app.logFilter = b.dataset.filter as typeof app.logFilter;
    renderLog();
  }));
}

// --- charts --------------------------------------------------------------------------------

const PALETTE = ['#3a7bd5', '#c0392b', '#2e9d57', '#8e44ad', '#d4a017', '#16a085', '#7f5539', '#e67e22', '#34495e', '#c2185b'];

function renderCharts(): void {
  const el = $('tab-charts');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">No scenario loaded.</p>'; return; }
  const sc = ctx.scenario;
  const W = el.clientWidth - 24 || 320;
  const played = Math.max(1, Math.min(s.lastTurn + 1, s.turnHashes.length + (s.finished ? 0 : 1)));
  const xLabels = Array.from({ length: played }, (_, i) => shortDate(fromMinutes(turnStart(sc.start, i))).slice(0, -6));
  const bySide = lossesByTurn(ctx, s, played, (id) => sc.unitById[id]?.side);
  const series: Series[] = (['allied', 'german'] as const).map((side) => ({ name: sideName(side), color: side === 'allied' ? '#3a7bd5' : '#c0392b', values: bySide.get(side) ?? new Array(played).fill(0) }));
  let html = lineChart(series, { width: W, height: 170, xLabels, title: 'Men lost, cumulative, by side', marker: app.mode === 'replay' ? Math.max(0, app.frame - 1) : undefined });
  const byDiv = lossesByTurn(ctx, s, played, (id) => { const d = unitDivision(sc, id); return d ? sc.formationById[d].name : undefined; });
  const top = [...byDiv.entries()].sort((a, b) => b[1][b[1].length - 1] - a[1][a[1].length - 1]).slice(0, 8);
  if (top.length) {
    html += lineChart(top.map(([name, values], i) => ({ name: name.replace(/ (Infantry|Panzergrenadier|Parachute|Mountain) Division$/, ' $1 Div.').slice(0, 26), color: PALETTE[i % PALETTE.length], values })),
      { width: W, height: 200 + Math.ceil(top.length / 2) * 12, xLabels, title: 'Men lost by division, cumulative (top 8)' });
  }
  const targets = sc.documented?.losses ?? [];
  html += '<h3>Against the documented figures</h3>';
  if (!targets.length) html += '<p class="muted">This scenario documents no loss figures.</p>';
  else {
    const rows = targets.map((t) => {
      let sim = 0;
      for (const u of sc.units) {
        if (t.side && u.side !== t.side) continue;
        const inF = (t.formations ?? []).some((f) => unitFormations(sc, u.id).includes(f));
        if (inF || (t.units ?? []).includes(u.id)) sim += s.losses[u.id] ?? 0;
      }
      return { label: `${t.who} (${t.from} – ${t.to})`, simulated: sim, documented: t.documented, tolerance: t.tolerance, note: t.note };
    });
    html += compareChart(rows, W);
    html += '<p class="muted">Blue: simulated so far; brown line: documented; yellow band: tolerance.</p>';
    for (const r of rows) if (r.note) html += `<p class="muted"><b>${esc(r.label)}</b>: ${esc(r.note)}</p>`;
    if (sc.documented?.source) html += `<p class="muted">Source: ${esc(sc.documented.source)}</p>`;
  }
  el.innerHTML = html;
}


// --- batch and what-if panels ---------------------------------------------------------------

function renderWhatIf(): void {
  mountWhatIfPanel($('tab-whatif'), { engine, scenario: () => app.ctx?.scenario.id ?? null, seed: () => app.seed });
}

function renderLegend(): void {
  const sw = (c: number) => `#${c.toString(16).padStart(6, '0')}`;
  const t = Object.entries(TERRAIN_COLOUR).map(([k, c]) => `<div><span class="sw" style="background:${sw(c)}"></span>${esc(TERRAIN_LABEL[k as keyof typeof TERRAIN_LABEL])}</div>`).join('');
  const lines = [
    ['Highway', LINK_STYLE.highway.color], ['Road', LINK_STYLE.road.color], ['Railway', LINK_STYLE.railway.color],
    ['Track', LINK_STYLE.track.color], ['Mule track', LINK_STYLE['mule-track'].color], ['Cavendish Road', CAVENDISH_STYLE.color],
    ['River (hexside)', RIVER_COLOUR], ['Front line', FRONT_COLOUR],
  ].map(([n, c]) => `<div><span class="ln" style="border-color:${sw(c as number)}"></span>${n}</div>`).join('');
  $('legend').innerHTML = `<b>Terrain</b>${t}<b>Lines</b>${lines}<div>★ objective · hill shading from the elevation grid, contours every 200 m</div><div>Bar under a unit: men left of its starting strength</div>`;
}

// --- modes ---------------------------------------------------------------------------------

function updateModeButtons(): void {
  $('play-allied').classList.toggle('active', app.mode === 'play' && app.side === 'allied');
  $('play-german').classList.toggle('active', app.mode === 'play' && app.side === 'german');
  $('watch').classList.toggle('active', app.mode === 'replay');
  $('play-controls').hidden = app.mode !== 'play';
  $('replay-controls').hidden = app.mode !== 'replay';
  const ok = !!app.ctx;
  for (const id of ['play-allied', 'play-german', 'watch']) ($(id) as HTMLButtonElement).disabled = !ok;
}

async function startPlay(side: Side): Promise<void> {
  const ctx = app.ctx;
  if (!ctx) return;
  stopPlaying();
  engine.restart();
  await engine.load(app.file);
  app.mode = 'play';
  app.side = side;
  app.seed = ($('seed') as HTMLInputElement).value.trim() || ctx.scenario.defaultSeed;
  app.selected = [];
  app.lastReplay = null;
  app.journal = [];
  app.pick = null;
  app.orderHex = null;
  view.viewer = side;
  updateModeButtons();
  app.busy = true;
  hint('Starting the game…');
  try {
    const r = await engine.play(app.seed, side, ($('assist') as HTMLInputElement).checked);
    app.waiting = r.waiting;
    showState(r.state);
    hint(phaseHint());
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    app.busy = false;
    renderPhases();
  }
}

async function startReplay(file?: ReplayFile): Promise<void> {
  const ctx = app.ctx;
  if (!ctx) return;
  stopPlaying();
  engine.restart();
  await engine.load(app.file);
  const gen = app.generation;
  app.mode = 'replay';
  app.frames = [];
  app.frame = 0;
  app.follow = true;
  app.runDone = false;
  app.lastRun = null;
  app.lastReplay = null;
  app.selected = [];
  view.viewer = 'allied';
  app.seed = file ? file.seed : (($('seed') as HTMLInputElement).value.trim() || ctx.scenario.defaultSeed);
  updateModeButtons();
  hint(file ? 'Checking the replay against the engine…' : 'The engine is playing the historical plan…');
  const onFrame = (i: number, s: GameState) => {
    if (gen !== app.generation) return;
    app.frames[i] = s;
    const slider = $('timeline') as HTMLInputElement;
    slider.max = String(app.frames.length - 1);
    if (app.follow) setFrame(app.frames.length - 1);
    else updateTimelineLabel();
  };
  try {
    const done = file ? await engine.replay(file, onFrame) : await engine.historical(app.seed, onFrame);
    if (gen !== app.generation) return;
    app.runDone = true;
    app.lastRun = { finalHash: done.finalHash, turns: done.turns, computeMs: done.computeMs };
    if (done.check) {
      app.lastReplay = { ...done.check, finalHash: done.finalHash };
      (done.check.ok ? toast : (m: string) => toast(m, true))(done.check.message);
    }
    hint(`${done.turns} turns computed in ${(done.computeMs / 1000).toFixed(1)} s · final state hash ${done.finalHash}${done.check ? ` · ${done.check.message}` : ''}`);
    updateTimelineLabel();
    renderAll();
  } catch (e) {
    if (gen === app.generation) toast(errorText(e), true);
  }
}

function setFrame(i: number): void {
  if (!app.frames.length) return;
  app.frame = Math.max(0, Math.min(app.frames.length - 1, i));
  ($('timeline') as HTMLInputElement).value = String(app.frame);
  showState(app.frames[app.frame]);
  updateTimelineLabel();
}

function updateTimelineLabel(): void {
  const s = app.frames[app.frame];
  if (!s) { $('timeline-label').textContent = ''; return; }
  const ctx = app.ctx!;
  const total = ctx.scenario.turns;
  const label = app.frame === 0 ? 'Start' : s.finished ? `End (after turn ${app.frame} of ${total})` : `After turn ${app.frame} of ${total}`;
  const w = s.weather;
  $('timeline-label').textContent = `${label} · ${longDate(s.time)} ${dayOrNight(s.time) === 'night' ? '☾ night' : '☀ day'} · ${w.condition.replace('-', ' ')}, ground ${w.ground}${w.air ? '' : ', no flying'}${app.runDone ? '' : ' · computing…'}`;
}

function stopPlaying(): void {
  if (app.playing) clearInterval(app.playing);
  app.playing = null;
  $('play-pause').textContent = '▶';
}

function togglePlay(): void {
  if (app.mode !== 'replay') return;
  if (app.playing) { stopPlaying(); return; }
  if (app.frame >= app.frames.length - 1) setFrame(0);
  $('play-pause').textContent = '⏸';
  app.follow = false;
  app.playing = setInterval(() => {
    if (app.frame >= app.frames.length - 1) { if (app.runDone) stopPlaying(); return; }
    setFrame(app.frame + 1);
  }, 900);
}

async function saveReplay(): Promise<void> {
  try {
    const rp = await engine.saveReplay();
    const blob = new Blob([JSON.stringify(rp) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${rp.scenario.id}-seed${rp.seed}-${app.side}.replay.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  } catch (e) {
    toast(errorText(e), true);
  }
}

async function openReplayFile(f: File): Promise<void> {
  let rp: ReplayFile;
  try {
    rp = JSON.parse(await f.text()) as ReplayFile;
  } catch (e) {
    toast(`${f.name}: not valid JSON (${errorText(e)})`, true);
    return;
  }
  const id = rp?.scenario?.id;
  const head = app.heads.find((h) => h.id === id);
  if (!head) { toast(`${f.name}: no scenario "${id}" in this build`, true); return; }
  if (head.file !== app.file || !app.ctx) await chooseScenario(head.file);
  if (!app.ctx) return;
  ($('seed') as HTMLInputElement).value = rp.seed;
  await startReplay(rp);
}

// --- tabs, input, keyboard -------------------------------------------------------------------

function setTab(tab: string): void {
  app.tab = tab;
  document.querySelectorAll<HTMLButtonElement>('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  document.querySelectorAll<HTMLElement>('.tab').forEach((t) => t.classList.toggle('active', t.id === `tab-${tab}`));
  if (tab === 'log') renderLog();
  if (tab === 'charts') renderCharts();
}

function hoverText(h: number): string {
  const ctx = app.ctx;
  const m = view.map;
  if (!m || h < 0) return '';
  const t = app.state ? terrainAt(m, app.state, h) : m.terrain[h];
  let text = `${hexLabel(m, h)} · ${TERRAIN_LABEL[t]} · ${m.elevation[h]} m`;
  if (ctx) {
    const p = placeAt(ctx, h);
    if (p) text += ` · ${p}`;
  } else {
    const p = m.data.places.find((x) => x.row * m.cols + x.col === h);
    if (p) text += ` · ${p.name}`;
  }
  if (app.state) {
    const holder = holderOf(app.state, h);
    if (holder !== 'none') text += ` · held by ${sideName(holder)}`;
    const here = unitsInHex(app.state, h);
    if (here.length && ctx) text += ` · ${here.map((u) => ctx.scenario.unitById[u.id].name).join('; ')}`;
  }
  return text;
}

function bindInput(): void {
  const el = $('map');
  let down: { x: number; y: number; cx: number; cy: number; moved: boolean; id: number } | null = null;
  el.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    down = { x: e.clientX, y: e.clientY, cx: e.clientX, cy: e.clientY, moved: false, id: e.pointerId };
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    const r = el.getBoundingClientRect();
    if (down && down.id === e.pointerId) {
      if (!down.moved && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) { down.moved = true; el.classList.add('dragging'); }
      if (down.moved) { view.panBy(e.clientX - down.cx, e.clientY - down.cy); down.cx = e.clientX; down.cy = e.clientY; }
      return;
    }
    const h = view.hexAt(e.clientX - r.left, e.clientY - r.top);
    if (h !== app.hover) {
      app.hover = h;
      $('hover-info').textContent = hoverText(h);
      refreshHover();
    }
  });
  el.addEventListener('pointerup', (e) => {
    if (!down || down.id !== e.pointerId) return;
    const r = el.getBoundingClientRect();
    if (!down.moved) onMapClick(e.clientX - r.left, e.clientY - r.top, e.shiftKey);
    el.classList.remove('dragging');
    down = null;
  });
  el.addEventListener('pointerleave', () => { if (!down) { app.hover = -1; $('hover-info').textContent = ''; refreshHover(); } });
  el.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = el.getBoundingClientRect();
    const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    view.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.pow(1.0018, -dy));
  }, { passive: false });

  window.addEventListener('keydown', (e) => {
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'INPUT' && (e.target as HTMLInputElement).type !== 'range' && (e.target as HTMLInputElement).type !== 'checkbox') return;
    if (tag === 'SELECT') return;
    const k = e.key;
    const cx = view.width / 2; const cy = view.height / 2;
    if (k === '?' || (k === '/' && e.shiftKey)) { toggleHelp(); e.preventDefault(); return; }
    if (k === 'Escape') {
      $('help').hidden = true;
      if (app.pick) { app.pick = null; hint(phaseHint()); renderUnitPanel(); } else select([]);
      return;
    }
    if (!$('help').hidden) return;
    if (k === '+' || k === '=') view.zoomAt(cx, cy, 1.4);
    else if (k === '-' || k === '_') view.zoomAt(cx, cy, 1 / 1.4);
    else if (k === '0') view.fit();
    else if (k === 'ArrowLeft' && tag !== 'INPUT') view.panBy(120, 0);
    else if (k === 'ArrowRight' && tag !== 'INPUT') view.panBy(-120, 0);
    else if (k === 'ArrowUp' && tag !== 'INPUT') view.panBy(0, 120);
    else if (k === 'ArrowDown' && tag !== 'INPUT') view.panBy(0, -120);
    else if (k === 'e' || k === 'E' || (k === 'Enter' && tag !== 'BUTTON')) void endPhase(true);
    else if (k === 'p' || k === 'P') void endPhase(false);
    else if (k === 'n' || k === 'N' || k === 'Tab') nextUnit();
    else if (k === ' ' && tag !== 'BUTTON') togglePlay();
    else if (k === '[') { app.follow = false; setFrame(app.frame - 1); }
    else if (k === ']') { app.follow = false; setFrame(app.frame + 1); }
    else if (playerCanAct() && !e.ctrlKey && !e.metaKey && !e.altKey && orderForKey(app.orders, k)) void giveOrder(orderForKey(app.orders, k)!);
    else return;
    e.preventDefault();
  });

  $('scenario').addEventListener('change', (e) => void chooseScenario((e.target as HTMLSelectElement).value));
  $('seed').addEventListener('change', () => { if (app.ctx && app.mode === 'view') void chooseScenario(app.file); });
  $('play-allied').addEventListener('click', () => void startPlay('allied'));
  $('play-german').addEventListener('click', () => void startPlay('german'));
  $('watch').addEventListener('click', () => void startReplay());
  $('replay-file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    (e.target as HTMLInputElement).value = '';
    if (f) void openReplayFile(f);
  });
  $('end-phase').addEventListener('click', () => void endPhase(false));
  $('end-turn').addEventListener('click', () => void endPhase(true));
  $('save-replay').addEventListener('click', () => void saveReplay());
  $('play-pause').addEventListener('click', () => togglePlay());
  $('timeline').addEventListener('input', (e) => {
    const v = Number((e.target as HTMLInputElement).value);
    app.follow = v === app.frames.length - 1 && !app.runDone;
    setFrame(v);
  });
  $('help-btn').addEventListener('click', () => toggleHelp());
  $('help-close').addEventListener('click', () => toggleHelp());
  $('legend-btn').addEventListener('click', () => { $('legend').hidden = !$('legend').hidden; });
  document.querySelectorAll<HTMLButtonElement>('#tabs button').forEach((b) => b.addEventListener('click', () => setTab(b.dataset.tab!)));
}

function refreshHover(): void {
  // Only the path preview and the hover outline depend on the hovered hex.
  refreshInteraction();
}

function toggleHelp(): void { $('help').hidden = !$('help').hidden; }

// --- test hooks and measurements ------------------------------------------------------------

async function measureFrames(n = 120): Promise<{ frames: number; avgMs: number; p95Ms: number; maxMs: number; rafAvgMs: number; hexPx: number; mapHexes: number; units: number }> {
  const times: number[] = [];
  const start = { ...view.cam };
  let lastRaf = 0;
  const rafGaps: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve) => requestAnimationFrame((t) => { if (lastRaf) rafGaps.push(t - lastRaf); lastRaf = t; resolve(); }));
    const a = (i / n) * Math.PI * 2;
    view.cam.x = start.x + Math.cos(a) * 140;
    view.cam.y = start.y + Math.sin(a) * 90;
    const t0 = performance.now();
    view.renderNow();
    view.finish();
    times.push(performance.now() - t0);
  }
  view.cam.x = start.x; view.cam.y = start.y;
  view.renderNow();
  const sorted = [...times].sort((x, y) => x - y);
  const avg = times.reduce((x, y) => x + y, 0) / times.length;
  return {
    frames: n, avgMs: avg, p95Ms: sorted[Math.floor(0.95 * (sorted.length - 1))], maxMs: sorted[sorted.length - 1],
    rafAvgMs: rafGaps.reduce((x, y) => x + y, 0) / Math.max(1, rafGaps.length), hexPx: view.hexPx,
    mapHexes: view.map?.size ?? 0, units: app.state ? Object.values(app.state.units).filter((u) => u.hex >= 0).length : 0,
  };
}

const hooks = {
  ready: false,
  get app() { return app; },
  get view() { return view; },
  get state() { return app.state; },
  get mode() { return app.mode; },
  get scenario() { return app.ctx?.scenario.id ?? null; },
  get renderer() { return view.rendererName; },
  get frame() { return app.frame; },
  get frames() { return app.frames.length; },
  get runDone() { return app.runDone; },
  get busy() { return app.busy; },
  get waiting() { return app.waiting; },
  get lastRun() { return app.lastRun; },
  get lastReplay() { return app.lastReplay; },
  get selected() { return app.selected; },
  unitScreenPos: (id: string) => view.unitScreen(id),
  hexScreenPos: (h: number) => { view.renderNow(); return view.hexScreen(h); },
  legalMoves: () => [...app.reach.keys()],
  hashOfShownState: () => (app.state ? stateHash(app.state) : null),
  centreOn: (h: number, px = 40) => { view.centreOn(h, px); view.renderNow(); },
  fit: () => { view.fit(); view.renderNow(); },
  pixelStats: () => view.pixelStats(),
  measureFrames,
};
(window as unknown as { __cassino: typeof hooks }).__cassino = hooks;

// --- start -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  await view.init($('map'));
  bindInput();
  mountBatchPanel($('tab-batch'), (m) => toast(m, true));
  renderWhatIf();
  renderLegend();
  $('help-orders').innerHTML = ORDER_KEYS.map(([key, what]) => `<tr><td><kbd>${key}</kbd></td><td>${esc(what)}</td></tr>`).join('');
  app.heads = await scenarioHeads();
  const sel = $('scenario') as HTMLSelectElement;
  sel.innerHTML = app.heads.map((h) => `<option value="${esc(h.file)}">${esc(h.name)}${h.window ? ` (${h.window.start.slice(0, 10)})` : ''}</option>`).join('');
  const params = new URLSearchParams(location.search);
  if (params.get('seed')) ($('seed') as HTMLInputElement).value = params.get('seed')!;
  const mapOnly = params.get('map');
  if (mapOnly && mapIds().includes(mapOnly)) {
    await showMapOnly(mapOnly);
  } else {
    const wanted = params.get('scenario');
    const file = wanted && app.heads.some((h) => h.file === `${wanted}.json`) ? `${wanted}.json` : defaultScenarioFile();
    await chooseScenario(file);
    const mode = params.get('mode');
    if (mode === 'replay') await startReplay();
    else if (mode === 'allied' || mode === 'german') await startPlay(mode);
  }
  view.renderNow();
  requestAnimationFrame(() => { hooks.ready = true; document.body.dataset.ready = '1'; });
}

main().catch((e) => {
  banner(`The app failed to start: ${errorText(e)}`);
  console.error(e);
});
