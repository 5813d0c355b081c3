// The reducer: every change to the game state goes through applyAction, which checks the action
// against the rules and either rejects it with a reason (state untouched) or returns the next
// state made with immer's produce. Phases that need no decision (weather, supply, recovery) run
// their automatic work when the phase is entered.
import { isDraft, original, peek, produce } from './immer.ts';
import { resolveAttack, artilleryInRange, unitsInHex, inflictLoss } from './attack.ts';
import type { EngineContext } from './context.ts';
import { stateDigest } from './hash.ts';
import { type ControlChar, controlOf, controlRows, joinCutOffUnits, nearestUnitFront, setControl, sideChar, withControl } from './control.ts';
import { hexDistance, hexLabel } from './map.ts';
import { recoverUnit } from './models/fatigue.ts';
import { bombCasualties, bombFall, bombardmentCasualties, bombedTerrain, hexesWithin } from './models/fire.ts';
import { type Occupancy, type Route, inEnemyZoc, moveMode, occupancy, occupancyAfterMove, recount, rememberOccupancy, routeAlong, routeTo, terrainAt } from './models/movement.ts';
import { encodeObserved, isObserved, observedHexes } from './models/observation.ts';
import { supplyCosts, supplyPercent } from './models/supply.ts';
import { nextWeather } from './models/weather.ts';
import { drawSequential, keyedUniform } from './rng.ts';
import type { ScheduledItem } from './scenario.ts';
import { TURN_MINUTES, fromMinutes } from './time.ts';
import { type Action, type GameState, type LogEvent, PHASES, type Phase, type Result, SIDES, type Side, type UnitState } from './types.ts';

const ACTION_PHASES: Record<Action['type'], readonly Phase[]> = {
  setMission: ['orders', 'movement', 'combat'],
  releaseReserve: ['orders', 'movement'],
  airStrike: ['orders', 'combat'],
  smoke: ['orders', 'combat'],
  setFlag: ['orders'],
  rest: ['orders', 'movement'],
  digIn: ['orders', 'movement'],
  relieve: ['orders', 'movement'],
  buildBridge: ['orders', 'movement'],
  move: ['movement'],
  attack: ['combat'],
  fireSupport: ['combat'],
  endPhase: PHASES,
};


/**
 * A unit as the state has it now. Checks in a batch (applyActions) read a draft: reading through
 * it would make a draft of the units record (a slow copy of hundreds of keys) and of each unit read.
 */
function unitOf(state: GameState, id: string): UnitState | undefined {
  return isDraft(state) ? peek(peek(state, 'units'), id) : state.units[id];
}

function unitOnMap(state: GameState, id: string): UnitState | string {
  const u = unitOf(state, id);
  if (!u) return `unknown unit "${id}"`;
  if (u.status !== 'active') return `unit "${id}" is ${u.status === 'reserve' ? 'in reserve (release it first)' : u.status}`;
  return u;
}

/** Why an action of this type is not allowed now, or null. */
function checkPhase(state: GameState, action: Action): string | null {
  if (state.finished) return 'the scenario has ended';
  const phases = ACTION_PHASES[action.type];
  if (!phases) return `unknown action type "${(action as { type: string }).type}"`;
  if (!phases.includes(state.phase)) return `${action.type} is not allowed in the ${state.phase} phase (allowed: ${phases.join(', ')})`;
  return null;
}

/** Why the action is illegal now, or null when it is legal. */
export function checkAction(ctx: EngineContext, state: GameState, action: Action): string | null {
  const wrong = checkPhase(state, action);
  if (wrong) return wrong;
  const map = ctx.map;
  const onMap = (h: number) => Number.isInteger(h) && h >= 0 && h < map.size;
  switch (action.type) {
    case 'endPhase':
      return null;
    case 'move': {
      const route = checkMove(ctx, state, occupancy(map, state), action);
      if (typeof route === 'string') return route;
      lastMove = { state, action, route };
      return null;
    }
    case 'attack': {
      if (!onMap(action.target)) return `hex ${action.target} is off the map`;
      if (action.units.length === 0) return 'an attack needs at least one unit';
      if (new Set(action.units).size !== action.units.length) return 'a unit is listed twice';
      const defenders = unitsInHex(state, action.target);
      let side: Side | null = null;
      for (const id of action.units) {
        const u = unitOnMap(state, id);
        if (typeof u === 'string') return u;
        side ??= u.side;
        if (u.side !== side) return 'attacking units must be on one side';
        if (u.attacked) return `unit "${id}" has already attacked this turn`;
        if (hexDistance(map, u.hex, action.target) !== 1) return `unit "${id}" is not next to hex ${hexLabel(map, action.target)}`;
        if (ctx.scenario.unitById[id].type === 'artillery') return `unit "${id}" is artillery: list it under "artillery"`;
        if (u.men <= 0) return `unit "${id}" has no men left`;
      }
      if (defenders.length === 0) return `hex ${hexLabel(map, action.target)} holds no enemy (move into it instead)`;
      if (defenders[0].side === side) return `hex ${hexLabel(map, action.target)} holds friendly units`;
      for (const id of action.artillery ?? []) {
        const reason = checkArtillery(ctx, state, id, side!, action.target);
        if (reason) return reason;
      }
      return null;
    }
    case 'fireSupport': {
      if (!onMap(action.target)) return `hex ${action.target} is off the map`;
      if (action.artillery.length === 0) return 'fire support needs at least one artillery unit';
      const first = unitOf(state, action.artillery[0]);
      if (!first) return `unknown unit "${action.artillery[0]}"`;
      for (const id of action.artillery) {
        const reason = checkArtillery(ctx, state, id, first.side, action.target);
        if (reason) return reason;
      }
      return null;
    }
    case 'airStrike': {
      if (!onMap(action.target)) return `hex ${action.target} is off the map`;
      if (!state.weather.air) return `no air operations possible (${state.weather.condition}${state.weather.visibility < 50 ? ', poor visibility' : ''})`;
      if (action.tonnage <= 0 || action.aircraft <= 0) return 'an air strike needs aircraft and tonnage';
      if (action.accuracy < 0 || action.accuracy > 1) return 'accuracy is a share from 0 to 1';
      return null;
    }
    case 'smoke':
      return onMap(action.target) ? null : `hex ${action.target} is off the map`;
    case 'setFlag':
      if (!action.key.startsWith(`${action.side}.`)) return `a ${action.side} flag must start with "${action.side}."`;
      return action.text ? null : 'a flag needs a text for the log';
    case 'rest':
    case 'digIn': {
      const u = unitOnMap(state, action.unit);
      if (typeof u === 'string') return u;
      if (u.attacked) return 'the unit has attacked this turn';
      return null;
    }
    case 'relieve': {
      const a = unitOnMap(state, action.unit);
      if (typeof a === 'string') return a;
      const b = unitOnMap(state, action.by);
      if (typeof b === 'string') return b;
      if (a.side !== b.side) return 'a unit can only be relieved by its own side';
      if (a.id === b.id) return 'a unit cannot relieve itself';
      if (hexDistance(map, a.hex, b.hex) > 1) return `unit "${b.id}" must be in or next to the hex of "${a.id}"`;
      if (a.attacked || b.attacked) return 'units that attacked this turn cannot carry out a relief';
      return null;
    }
    case 'releaseReserve': {
      for (const id of action.units) {
        const u = unitOf(state, id);
        if (!u) return `unknown unit "${id}"`;
        if (u.status !== 'reserve') return `unit "${id}" is not in reserve`;
      }
      return null;
    }
    case 'setMission': {
      for (const id of action.units) {
        const u = unitOf(state, id);
        if (!u) return `unknown unit "${id}"`;
        if (u.status === 'destroyed' || u.status === 'withdrawn') return `unit "${id}" is ${u.status}`;
      }
      const m = action.mission;
      const hexes = m.kind === 'assault' || m.kind === 'advance' ? [m.objective] : m.kind === 'support' ? [m.target]
        : m.kind === 'withdraw' ? [m.to] : m.kind === 'hold' && m.hex !== undefined ? [m.hex] : m.kind === 'bridge' ? [m.site, m.toward] : [];
      for (const h of hexes) if (!onMap(h)) return `hex ${h} is off the map`;
      return null;
    }
    case 'buildBridge': {
      const u = unitOnMap(state, action.unit);
      if (typeof u === 'string') return u;
      if (ctx.scenario.unitById[u.id].type !== 'engineer') return `unit "${u.id}" is not an engineer unit`;
      const d = map.neighbours.subarray(u.hex * 6, u.hex * 6 + 6).indexOf(action.toward);
      if (d < 0) return `hex ${action.toward} is not next to the engineers`;
      if (!map.river[u.hex * 6 + d]) return 'there is no river between those hexes';
      const other = controlOf(state, action.toward);
      if (other !== sideChar(u.side) && unitsInHex(state, action.toward).length === 0) {
        return 'the far bank must be held by your side before a bridge can be built';
      }
      if (unitsInHex(state, action.toward).some((x) => x.side !== u.side)) return 'the far bank is held by the enemy';
      return null;
    }
  }
}

function checkArtillery(ctx: EngineContext, state: GameState, id: string, side: Side, target: number): string | null {
  const a = unitOnMap(state, id);
  if (typeof a === 'string') return a;
  if (a.side !== side) return `artillery "${id}" is on the other side`;
  if (ctx.scenario.unitById[id].type !== 'artillery') return `unit "${id}" is not artillery`;
  if (a.fired >= 2) return `artillery "${id}" has fired all its missions this turn`;
  const range = ctx.params.fire.maxFireRange.value;
  if (hexDistance(ctx.map, a.hex, target) > range) return `target is out of range of artillery "${id}" (${range} hexes)`;
  return null;
}

type MoveAction = Extract<Action, { type: 'move' }>;

/**
 * Why a move is illegal, or the route it takes: along the path it was given, or the cheapest one
 * within the unit's remaining movement. `occ` is where units stand in `state` (its occupancy, or
 * one kept up to date through a run of moves: see applyMoves); the rest of the state is read only
 * for the moving unit and the cost of the ground.
 */
export function checkMove(ctx: EngineContext, state: GameState, occ: Occupancy, action: MoveAction): Route | string {
  const map = ctx.map;
  const u = unitOnMap(state, action.unit);
  if (typeof u === 'string') return u;
  if (!Number.isInteger(action.to) || action.to < 0 || action.to >= map.size) return `hex ${action.to} is off the map`;
  if (action.to === u.hex) return 'the unit is already there';
  if (u.attacked) return 'the unit has attacked this turn';
  const enemy = u.side === 'allied' ? 1 : 0;
  if (occ.side[action.to] === enemy) return `hex ${hexLabel(map, action.to)} holds enemy units (attack it instead)`;
  if (action.path && action.path[action.path.length - 1] !== action.to) return 'the path must end at the destination';
  const type = ctx.scenario.unitById[u.id].type;
  const route = action.path ? routeAlong(map, ctx.params.movement, state, u, type, occ, action.path) : routeTo(map, ctx.params.movement, state, u, type, occ, action.to);
  if (typeof route === 'string') return route;
  if (!route) return `hex ${hexLabel(map, action.to)} is out of reach this turn (${(u.mp / 100).toFixed(1)} h of movement left)`;
  if (occ.men[action.to] + u.men > ctx.params.movement.stackLimitMen.value) return `hex ${hexLabel(map, action.to)} is full (stacking limit ${ctx.params.movement.stackLimitMen.value} men)`;
  return route;
}

/** The route of the last move found legal: checking a move and applying it ask twice. */
let lastMove: { state: GameState; action: MoveAction; route: Route } | null = null;

function moveRoute(ctx: EngineContext, state: GameState, action: MoveAction): Route {
  if (lastMove && lastMove.state === state && lastMove.action === action) return lastMove.route;
  return checkMove(ctx, state, occupancy(ctx.map, state), action) as Route;
}

/** Applies an action: the next state, or the reason it is illegal (the state is unchanged). */
export function applyAction(ctx: EngineContext, state: GameState, action: Action): Result<GameState> {
  const reason = checkAction(ctx, state, action);
  if (reason) return { ok: false, reason };
  if (action.type === 'move') {
    const route = moveRoute(ctx, state, action);
    const next = produce(state, (draft) => { perform(ctx, draft, action, route); });
    occupancyAfterMove(ctx.map, state, next, action.unit);
    return { ok: true, value: next };
  }
  if (action.type !== 'endPhase') return { ok: true, value: produce(state, (draft) => { perform(ctx, draft, action); }) };
  // Observation and supply are worked out on the frozen state (reading a draft is slow) and
  // written in the draft; entering the supply phase changes nothing they depend on.
  const entry: PhaseEntry = {
    supply: state.phase === 'weather' ? traceSupply(ctx, state) : undefined,
    // Likewise the turn's hash: the frozen state's canonical text is mostly cached, a draft's never is.
    hash: state.phase === 'recovery' ? turnHash(state) : undefined,
  };
  return { ok: true, value: producePhaseEntry(state, entry, (draft) => { endPhase(ctx, draft, entry); }) };
}

/**
 * What entering a phase needs from outside its draft (the supply trace and the turn's hash, worked
 * out on the state before), and the units it remade (see remakeUnits).
 */
interface PhaseEntry { supply?: SupplyTrace; hash?: string; units?: Record<string, UnitState> }

/**
 * Enters a phase: the phase's work in one produce, then the units record it remade written in a
 * produce of its own. Written in the first, the new record (hundreds of units) would be searched
 * through by immer for drafts when the draft is finished, which costs more than the phase's work;
 * written alone in a draft with no other draft open, it is taken as it is.
 */
function producePhaseEntry(state: GameState, entry: PhaseEntry, recipe: (draft: GameState) => void): GameState {
  const next = produce(state, recipe);
  const units = entry.units;
  return units ? produce(next, (d) => { d.units = units; }) : next;
}

/** The first turn's weather phase, entered from the initial state. */
export function enterFirstPhase(ctx: EngineContext, state: GameState): GameState {
  const entry: PhaseEntry = {};
  return producePhaseEntry(state, entry, (d) => { enterPhase(ctx, d, entry); });
}

/**
 * Action types whose check and effect read only a few units, so that several can be checked and
 * applied on one draft: moves and attacks need the whole board (routes, occupancy) as it stands.
 */
export const BATCHABLE_ACTIONS: ReadonlySet<Action['type']> = new Set(['setMission', 'fireSupport', 'digIn', 'rest', 'releaseReserve', 'setFlag']);

/**
 * Applies actions in order in one produce: the same states and refusals as applyAction one at a
 * time (each is checked against the state its predecessors left), at the cost of one copy of the
 * units, missions and log instead of one per action. Only BATCHABLE_ACTIONS.
 */
export function applyActions(ctx: EngineContext, state: GameState, actions: readonly Action[]): { state: GameState; refused: Array<string | null> } {
  const refused: Array<string | null> = [];
  for (const a of actions) if (!BATCHABLE_ACTIONS.has(a.type)) throw new Error(`applyActions: ${a.type} cannot be batched`);
  const next = produce(state, (draft) => {
    for (const a of actions) {
      const reason = checkAction(ctx, draft, a);
      refused.push(reason);
      if (!reason) perform(ctx, draft, a);
    }
  });
  return { state: next, refused };
}

/**
 * Applies moves in order: the same states and refusals as applyAction one at a time (each is
 * checked against the units as its predecessors left them), in one produce. The moved units and
 * the control rows are remade in a copy of the units record kept through the run, and where units
 * stand is counted again only at the hexes each move leaves and enters, instead of a new state, a
 * copy of the units record and a copy of the occupancy per move. With keep-outs in force a move
 * can lift one (which changes the cost of the ground for the next): those go one at a time.
 */
export function applyMoves(ctx: EngineContext, state: GameState, moves: readonly MoveAction[]): { state: GameState; refused: Array<string | null> } {
  const refused: Array<string | null> = [];
  if (moves.length === 1 || state.keepOut?.length) {
    let s = state;
    for (const a of moves) {
      const r = applyAction(ctx, s, a);
      refused.push(r.ok ? null : r.reason);
      if (r.ok) s = r.value;
    }
    return { state: s, refused };
  }
  const before = occupancy(ctx.map, state);
  const occ = { side: before.side.slice(), men: before.men.slice() };
  const units = { ...state.units };
  let control = state.control;
  // Checks read the moving unit from here (the record as the moves so far left it) and nothing
  // else of the units; the ground's cost does not change with moves.
  const view: GameState = { ...state, units };
  let moved = false;
  for (const a of moves) {
    const route = checkPhase(view, a) ?? checkMove(ctx, view, occ, a);
    if (typeof route === 'string') { refused.push(route); continue; }
    refused.push(null);
    const b = units[a.unit];
    units[a.unit] = { ...b, mp: route.zoc ? 0 : b.mp - route.cost, hex: a.to, posture: 'move', turnsInPlace: 0, entrenchment: 0 };
    control = withControl(control, route.path, sideChar(b.side));
    recount(occ, units, [b.hex, a.to]);
    moved = true;
  }
  if (!moved) return { state, refused };
  const next = produce(state, (d) => {
    d.units = units;
    if (control !== state.control) d.control = control;
  });
  rememberOccupancy(next.units, occ);
  return { state: next, refused };
}

function log(state: GameState, e: Omit<LogEvent, 'turn' | 'at'>): void {
  state.log.push({ turn: state.turn, at: fromMinutes(state.time), ...e });
}

function perform(ctx: EngineContext, s: GameState, a: Action, route?: Route): void {
  const map = ctx.map;
  switch (a.type) {
    case 'endPhase':
      // Entering a phase needs work done outside the draft (producePhaseEntry): applyAction only.
      throw new Error('endPhase is applied by applyAction');
    case 'move':
      moveUnit(s, a.unit, a.to, route!);
      liftKeepOuts(ctx, s);
      return;
    case 'attack': {
      const { event } = resolveAttack(ctx, s, a.units, a.target, a.artillery ?? [], original(s) as GameState);
      event.at = fromMinutes(s.time);
      s.log.push(event);
      liftKeepOuts(ctx, s);
      return;
    }
    case 'fireSupport':
      return bombard(ctx, s, a.artillery, a.target);
    case 'airStrike':
      return airStrike(ctx, s, a);
    case 'smoke': {
      s.hexes[a.target] = { ...s.hexes[a.target], smoke: true };
      // The screen hides the hex from the enemy's distant observers at once, for the rest of the turn.
      const enemy: Side = a.side === 'allied' ? 'german' : 'allied';
      const near = [a.target, ...Array.from(map.neighbours.subarray(a.target * 6, a.target * 6 + 6)).filter((n) => n >= 0)];
      const watched = Object.values(s.units).some((u) => u.side === enemy && near.includes(u.hex) && u.status === 'active');
      const seen = s.observed[enemy];
      if (!watched && seen.charCodeAt(a.target) === 49) s.observed[enemy] = seen.slice(0, a.target) + '0' + seen.slice(a.target + 1);
      return;
    }
    case 'setFlag':
      s.flags[a.key] = a.value;
      log(s, { kind: 'flag', side: a.side, text: a.text, data: { key: a.key, value: a.value } });
      return;
    case 'rest': {
      const u = s.units[a.unit];
      u.posture = 'rest';
      u.mp = 0;
      return;
    }
    case 'digIn': {
      const u = s.units[a.unit];
      u.posture = 'defend';
      u.mp = 0;
      return;
    }
    case 'relieve': {
      const x = s.units[a.unit];
      const y = s.units[a.by];
      const hx = x.hex;
      x.hex = y.hex;
      y.hex = hx;
      y.entrenchment = Math.max(y.entrenchment, x.entrenchment);
      y.turnsInPlace = x.turnsInPlace;
      x.entrenchment = 0;
      x.turnsInPlace = 0;
      x.posture = 'rest';
      x.mp = 0;
      y.mp = 0;
      const m = s.missions[x.id];
      if (m) s.missions[y.id] = m;
      s.missions[x.id] = { kind: 'reserve' };
      log(s, { kind: 'relief', side: x.side, text: `${ctx.scenario.unitById[y.id].name} relieves ${ctx.scenario.unitById[x.id].name}`, units: [x.id, y.id], hex: y.hex });
      return;
    }
    case 'releaseReserve':
      for (const id of a.units) s.units[id].status = 'active';
      log(s, { kind: 'release', text: `released from reserve: ${a.units.map((id) => ctx.scenario.unitById[id].name).join(', ')}`, units: a.units });
      return;
    case 'setMission':
      for (const id of a.units) s.missions[id] = a.mission;
      return;
    case 'buildBridge': {
      const u = s.units[a.unit];
      const key = u.hex < a.toward ? `${u.hex}-${a.toward}` : `${a.toward}-${u.hex}`;
      if (!s.works[key]) {
        const d = map.neighbours.subarray(u.hex * 6, u.hex * 6 + 6).indexOf(a.toward);
        const side = map.data.riverSides[map.river[u.hex * 6 + d] - 1];
        s.works[key] = { unit: u.id, hoursDone: 0, hoursNeeded: Math.ceil(side.widthM * ctx.params.engineering.bridgeHoursPerMetre.value) };
      } else s.works[key].unit = u.id;
      u.mp = 0;
      u.posture = 'defend';
      return;
    }
  }
}

/**
 * Moves are the commonest action (hundreds a turn in a big battle), each in a produce of its own.
 * The units record, the unit and the control rows are copied here and written to the draft whole:
 * a draft of the units record costs immer a slow copy of hundreds of keys, and with any child
 * draft open immer would search the written record through when the draft is finished. Drafts
 * are used only if the parts were already drafted in this produce.
 */
function moveUnit(s: GameState, id: string, to: number, route: Route): void {
  const units = peek(s, 'units');
  const rows = peek(s, 'control');
  const b = units[id];
  const mp = route.zoc ? 0 : b.mp - route.cost;
  const c = sideChar(b.side);
  if (isDraft(units) || isDraft(rows)) {
    for (const h of route.path) setControl(s, h, c);
    Object.assign(s.units[id], { mp, hex: to, posture: 'move', turnsInPlace: 0, entrenchment: 0 });
    return;
  }
  const next = { ...units };
  next[id] = { ...b, mp, hex: to, posture: 'move', turnsInPlace: 0, entrenchment: 0 };
  s.units = next;
  const control = withControl(rows, route.path, c);
  if (control !== rows) s.control = control;
}

function bombard(ctx: EngineContext, s: GameState, artillery: string[], target: number): void {
  const first = s.units[artillery[0]];
  let guns = 0;
  for (const id of artillery) { const a = s.units[id]; guns += a.guns; a.fired++; }
  // Who is in the hex is read from the state before this produce (searching a draft is slow); the
  // guns firing are not among them, nobody moves in, and fire earlier in a batch may have
  // destroyed some.
  const defenders = unitsInHex(original(s) as GameState, target).filter((u) => u.side !== first.side).map((u) => s.units[u.id])
    .filter((u) => u.hex === target && (u.status === 'active' || u.status === 'reserve'));
  const men = defenders.reduce((a, u) => a + u.men, 0);
  const observed = isObserved(s, first.side, target);
  const entrench = defenders.length ? Math.max(...defenders.map((u) => u.entrenchment)) : 0;
  const u = keyedUniform(s.rng, 'fire', `t${s.turn}/h${target}/n${s.attackSeq++}`);
  const lost = bombardmentCasualties(ctx.params.fire, guns, men, entrench, observed, u);
  const losses = spreadLosses(s, defenders, lost);
  // Suppression is what a turn of heavy fire does to a hex, however many missions it comes in:
  // this mission adds what its guns add to the turn's total so far (read from this turn's log).
  const before = gunsFiredThisTurn(s, first.side, target);
  const full = ctx.params.fire.suppressionCohesion.value;
  const suppression = Math.round(full * Math.min(1, (before + guns) / 100)) - Math.round(full * Math.min(1, before / 100));
  // Fire pins and shakes men; what breaks a unit is losses and defeat: fire alone takes cohesion
  // no lower than the floor.
  const floor = ctx.params.fire.suppressionFloor.value;
  for (const d of defenders) {
    const took = Math.max(0, Math.min(d.cohesion - floor, suppression));
    d.cohesion -= took;
    d.suppressed += took;
  }
  log(s, {
    kind: 'bombardment', side: first.side, hex: target, units: artillery, losses,
    text: `${first.side} artillery (${guns} guns) fires on ${hexLabel(ctx.map, target)}: ${lost} ${lost === 1 ? 'man' : 'men'} lost`,
    data: { guns, lost },
  });
}

/** Guns `side` has already fired on hex `h` in bombardments this turn. */
function gunsFiredThisTurn(s: GameState, side: Side, h: number): number {
  // A batch of fire missions asks once per mission: this turn's fire is added up once per draft,
  // then brought up to date with the entries logged since. Entries already in the state before
  // this draft are read there: read through the draft, each would become a draft of its own.
  const log = s.log;
  const turn = s.turn;
  let fired = firedByDraft.get(s);
  if (!fired) {
    fired = { upTo: log.length, guns: new Map() };
    const before = (original(s) as GameState).log;
    for (let i = log.length - 1; i >= 0; i--) {
      const e = i < before.length ? before[i] : log[i];
      if (e.turn !== turn) break;
      addFire(fired.guns, e);
    }
    firedByDraft.set(s, fired);
  } else {
    for (let i = fired.upTo; i < log.length; i++) if (log[i].turn === turn) addFire(fired.guns, log[i]);
    fired.upTo = log.length;
  }
  return fired.guns.get(`${side}|${h}`) ?? 0;
}

const firedByDraft = new WeakMap<GameState, { upTo: number; guns: Map<string, number> }>();

function addFire(guns: Map<string, number>, e: LogEvent): void {
  if (e.kind !== 'bombardment') return;
  const key = `${e.side}|${e.hex}`;
  guns.set(key, (guns.get(key) ?? 0) + (e.data as { guns: number }).guns);
}

function airStrike(ctx: EngineContext, s: GameState, a: Extract<Action, { type: 'airStrike' }>): void {
  const fall = bombFall(ctx.map, ctx.params.fire, a.target, a.radius ?? 0, a.tonnage, a.accuracy);
  const u = keyedUniform(s.rng, 'air', `t${s.turn}/h${a.target}/${a.label ?? ''}`);
  const losses: Record<string, number> = {};
  let total = 0;
  let ruined = 0;
  // Who is in each hex is read from the frozen state (searching a draft is slow); no unit moves here.
  const base = original(s) as GameState;
  for (const [h, tons] of [...fall.entries()].sort((x, y) => x[0] - y[0])) {
    const units = unitsInHex(base, h).map((u) => s.units[u.id]);
    const men = units.reduce((acc, x) => acc + x.men, 0);
    if (men > 0) {
      const entrench = Math.max(...units.map((x) => x.entrenchment));
      const lost = bombCasualties(ctx.params.fire, tons, men, entrench, u);
      for (const [id, n] of Object.entries(spreadLosses(s, units, lost))) losses[id] = (losses[id] ?? 0) + n;
      total += lost;
    }
    const after = bombedTerrain(ctx.params.fire, terrainAt(ctx.map, s, h), tons);
    if (after) {
      s.hexes[h] = { ...s.hexes[h], terrain: after };
      ruined++;
    }
  }
  log(s, {
    kind: 'airStrike', side: a.side, hex: a.target, losses,
    text: `${a.label ?? 'air strike'}: ${a.aircraft} aircraft, ${a.tonnage} t on ${hexLabel(ctx.map, a.target)}; ${total} ${total === 1 ? 'man' : 'men'} lost, ${ruined} ${ruined === 1 ? 'hex' : 'hexes'} wrecked`,
    data: { aircraft: a.aircraft, tonnage: a.tonnage, lost: total, ruined },
  });
}

function spreadLosses(s: GameState, units: UnitState[], lost: number): Record<string, number> {
  const out: Record<string, number> = {};
  const sum = units.reduce((a, u) => a + u.men, 0);
  let left = lost;
  units.forEach((u, i) => {
    const share = i === units.length - 1 ? left : Math.round((lost * u.men) / Math.max(1, sum));
    const n = inflictLoss(s, u, Math.min(share, left));
    left -= n;
    if (n) out[u.id] = n;
  });
  return out;
}

// --- phases ---------------------------------------------------------------------------------

function endPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  const i = PHASES.indexOf(s.phase);
  if (s.phase === 'recovery') {
    s.turnHashes.push(entry.hash!);
    if (s.turn >= s.lastTurn) {
      s.finished = true;
      return;
    }
    s.turn++;
    s.time += TURN_MINUTES;
    s.phase = 'weather';
  } else {
    s.phase = PHASES[i + 1];
  }
  enterPhase(ctx, s, entry);
}

/** Runs the automatic work of the phase just entered. */
function enterPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  switch (s.phase) {
    case 'weather': return weatherPhase(ctx, s, entry);
    case 'supply': return supplyPhase(s, entry);
    case 'orders': return ordersPhase(ctx, s);
    case 'movement': return movementPhase(ctx, s, entry);
    case 'combat': return;
    case 'recovery': return recoveryPhase(ctx, s, entry);
  }
}

function weatherPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  const [u1, u2] = drawSequential(s.rng, 'weather', 2);
  const prev = s.turn === 0 && s.log.length === 0 ? null : s.weather;
  s.weather = nextWeather(ctx.params.weather, ctx.scenario.weather, s.time, prev, u1, u2);
  s.attackSeq = 0;
  for (const key in s.hexes) if (s.hexes[key].smoke) delete s.hexes[key].smoke;
  remakeUnits(s, entry, (b) => (!b.attacked && b.fired === 0 && b.mp === 0 ? undefined : { ...b, attacked: false, fired: 0, mp: 0 }));
  log(s, {
    kind: 'weather',
    text: `${s.weather.condition}, ground ${s.weather.ground}, rivers ${['normal', 'high', 'in flood'][s.weather.riverLevel]}, visibility ${s.weather.visibility}%${s.weather.air ? '' : ', no flying'}`,
  });
}

interface SupplyTrace { observed: Record<Side, string>; supply: Record<string, number> }

/** Each side's observation, then each unit's supply, from a frozen state. */
function traceSupply(ctx: EngineContext, s: GameState): SupplyTrace {
  const observed = {} as Record<Side, string>;
  for (const side of SIDES) observed[side] = encodeObserved(observedHexes(ctx.map, ctx.params.observation, s, side));
  const supply: Record<string, number> = {};
  for (const side of SIDES) {
    const enemy: Side = side === 'allied' ? 'german' : 'allied';
    const cost = supplyCosts(ctx.map, ctx.params.movement, ctx.params.supply, ctx.scenario, s, side, observed[enemy]);
    for (const id in s.units) {
      const u = s.units[id];
      if (u.side === side && u.hex >= 0) supply[id] = supplyPercent(ctx.params.supply, cost[u.hex]);
    }
  }
  return { observed, supply };
}

function supplyPhase(s: GameState, entry: PhaseEntry): void {
  const t = entry.supply!;
  for (const side of SIDES) if (s.observed[side] !== t.observed[side]) s.observed[side] = t.observed[side];
  remakeUnits(s, entry, (b) => (t.supply[b.id] === undefined || t.supply[b.id] === b.supply ? undefined : { ...b, supply: t.supply[b.id] }));
}

/** Scheduled items falling in the turn that starts at time t. */
export function itemsInTurn(ctx: EngineContext, t: number): ScheduledItem[] {
  const out: ScheduledItem[] = [];
  for (const it of ctx.scenario.schedule) if (it.at >= t && it.at < t + TURN_MINUTES) out.push(it);
  return out;
}

/** Events of the world (arrivals, withdrawals, flags, intelligence) happen without a decision. */
function ordersPhase(ctx: EngineContext, s: GameState): void {
  // Where units stand, kept up to date as units arrive: until a withdrawal, the frozen state's
  // occupancy plus the arrivals (working it out on the draft for each arrival is slow).
  let occ: Occupancy | null = null;
  let withdrawn = false;
  for (const it of itemsInTurn(ctx, s.time)) {
    switch (it.kind) {
      case 'arrive': {
        const placed: string[] = [];
        for (const id of it.units) {
          const u = s.units[id];
          if (u.status !== 'offmap') continue;
          if (!occ) {
            const now = withdrawn ? occupancy(ctx.map, s) : occupancy(ctx.map, original(s) as GameState);
            occ = { side: now.side.slice(), men: now.men.slice() };
          }
          const h = arrivalHex(ctx, occ, u, it.hex);
          if (h < 0) continue;
          u.hex = h;
          u.status = s.missions[id]?.kind === 'reserve' ? 'reserve' : 'active';
          occ.side[h] = u.side === 'allied' ? 0 : 1;
          occ.men[h] += u.men;
          placed.push(id);
        }
        if (placed.length) log(s, { kind: 'arrive', hex: it.hex, units: placed, text: `arrive: ${placed.map((id) => ctx.scenario.unitById[id].name).join(', ')}${it.note ? ` (${it.note})` : ''}` });
        break;
      }
      case 'withdraw': {
        const gone = it.units.filter((id) => s.units[id].status !== 'destroyed' && s.units[id].status !== 'withdrawn');
        for (const id of gone) { s.units[id].status = 'withdrawn'; s.units[id].hex = -1; }
        if (gone.length) { withdrawn = true; occ = null; }
        if (gone.length) log(s, { kind: 'withdraw', units: gone, text: `withdrawn: ${gone.map((id) => ctx.scenario.unitById[id].name).join(', ')}${it.note ? ` (${it.note})` : ''}` });
        break;
      }
      case 'redeploy': {
        // A move by road behind the lines: the unit is off the map until its next `arrive`.
        const leaving = it.units.filter((id) => s.units[id].status === 'active' || s.units[id].status === 'reserve');
        for (const id of leaving) {
          const u = s.units[id];
          u.status = 'offmap';
          u.hex = -1;
          u.entrenchment = 0;
          u.turnsInPlace = 0;
        }
        if (leaving.length) { withdrawn = true; occ = null; }
        if (leaving.length) log(s, { kind: 'redeploy', units: leaving, text: `leave the line: ${leaving.map((id) => ctx.scenario.unitById[id].name).join(', ')}${it.note ? ` (${it.note})` : ''}` });
        break;
      }
      case 'refit': {
        // Replacements fill the ranks up to the strength given, never above it; rest takes fatigue
        // down and cohesion up to the levels given; a unit standing in the positions prepared for
        // it need not dig them. A destroyed unit is not raised again. The men count as arrivals,
        // so men stay accounted for.
        let added = 0;
        let rested = 0;
        let dugIn = 0;
        const refitted: string[] = [];
        for (const [id, r] of Object.entries(it.units)) {
          const u = s.units[id];
          if (u.status === 'destroyed') continue;
          let touched = false;
          if (r.men !== undefined && u.men < r.men) {
            s.arrivals[id] = (s.arrivals[id] ?? 0) + (r.men - u.men);
            added += r.men - u.men;
            u.men = r.men;
            touched = true;
          }
          const tired = (r.fatigue !== undefined && u.fatigue > r.fatigue) || (r.cohesion !== undefined && u.cohesion < r.cohesion);
          if (r.fatigue !== undefined && u.fatigue > r.fatigue) u.fatigue = r.fatigue;
          if (r.cohesion !== undefined && u.cohesion < r.cohesion) u.cohesion = r.cohesion;
          if (tired) { rested++; touched = true; }
          if (r.entrenchment && u.hex === r.entrenchment.hex && u.entrenchment < r.entrenchment.level) { u.entrenchment = r.entrenchment.level; dugIn++; touched = true; }
          if (touched) refitted.push(id);
        }
        if (refitted.length) log(s, { kind: 'refit', units: refitted, text: `refit: ${added} men to ${refitted.length} units, ${rested} rested, ${dugIn} in prepared positions${it.note ? ` (${it.note})` : ''}`, data: { men: added, rested, dugIn } });
        break;
      }
      case 'flag':
        s.flags[it.key] = it.value;
        log(s, { kind: 'flag', text: it.text });
        break;
      case 'intel':
        s.intel[it.side].enemyDivisionsBelieved = it.enemyDivisionsBelieved;
        log(s, { kind: 'intel', side: it.side, text: `${it.side} intelligence now believes ${it.enemyDivisionsBelieved} enemy divisions are in the sector` });
        break;
      case 'keepOut':
        (s.keepOut ??= []).push({ side: it.side, hexes: it.hexes, untilEnemyWithin: it.untilEnemyWithin, ...(it.note ? { note: it.note } : {}) });
        log(s, { kind: 'keepOut', side: it.side, text: `${it.side} units keep out of ${it.hexes.map((h) => hexLabel(ctx.map, h)).join(', ')} until the enemy comes within ${it.untilEnemyWithin} ${it.untilEnemyWithin === 1 ? 'hex' : 'hexes'}${it.note ? ` (${it.note})` : ''}` });
        break;
      case 'settleFront':
        settleFront(ctx, s, it.note);
        break;
      default:
        break; // plan orders are decisions, issued as actions by the plan controller
    }
  }
  liftKeepOuts(ctx, s);
}

/** A quiet spell: the ground between the lines goes to the side whose units are nearest. */
function settleFront(ctx: EngineContext, s: GameState, note?: string): void {
  const units: { hex: number; side: Side }[] = [];
  for (const id in s.units) { // the front does not depend on the order
    const u = s.units[id];
    if (u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) units.push({ hex: u.hex, side: u.side });
  }
  const before = s.control.join('');
  const front = joinCutOffUnits(ctx.map, nearestUnitFront(ctx.map, units, (h) => before[h] as ControlChar), units, ctx.scenario.supplySources);
  const rows = controlRows(front, ctx.map.cols);
  let changed = 0;
  for (let h = 0; h < front.length; h++) if (front[h] !== before[h]) changed++;
  rows.forEach((row, r) => { if (s.control[r] !== row) s.control[r] = row; });
  log(s, { kind: 'front', text: `the lines settle: ${changed} ${changed === 1 ? 'hex changes' : 'hexes change'} hands, each to the side whose units are nearest${note ? ` (${note})` : ''}` });
}

/** Keep-out zones end for good once an enemy unit comes within their distance. */
function liftKeepOuts(ctx: EngineContext, s: GameState): void {
  const keepOut = peek(s, 'keepOut');
  if (!keepOut?.length) return;
  const keep = keepOut.filter((k) => {
    const near = Object.values(s.units).find((u) => u.side !== k.side && (u.status === 'active' || u.status === 'reserve') && u.hex >= 0
      && k.hexes.some((h) => hexDistance(ctx.map, h, u.hex) <= k.untilEnemyWithin));
    if (!near) return true;
    log(s, { kind: 'keepOut', side: k.side, units: [near.id], text: `fighting reaches ${k.hexes.map((h) => hexLabel(ctx.map, h)).join(', ')} (${ctx.scenario.unitById[near.id].name}): ${k.side} units may now enter` });
    return false;
  });
  if (keep.length !== keepOut.length) s.keepOut = keep;
}

/** Where an arriving unit is placed: the named hex, or the nearest free friendly hex around it. */
function arrivalHex(ctx: EngineContext, occ: Occupancy, u: UnitState, h: number): number {
  const mine = u.side === 'allied' ? 0 : 1;
  const limit = ctx.params.movement.stackLimitMen.value;
  for (let radius = 0; radius <= 6; radius++) {
    for (const c of hexesWithin(ctx.map, h, radius)) {
      if (ctx.map.terrain[c] === 'sea' || (occ.side[c] !== -1 && occ.side[c] !== mine)) continue;
      if (occ.men[c] === 0 || occ.men[c] + u.men <= limit) return c;
    }
  }
  return -1;
}

function movementPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  const p = ctx.params.movement;
  remakeUnits(s, entry, (b) => {
    if (b.status !== 'active') return undefined;
    const posture = b.posture === 'rest' || b.posture === 'attack' || b.posture === 'move' ? 'defend' : b.posture;
    const hours = moveMode(ctx.scenario.unitById[b.id].type) === 'vehicle' ? p.hoursPerTurn.vehicle : p.hoursPerTurn.foot;
    // Tired men march slower: an exhausted unit keeps half its movement.
    const mp = Math.round(hours * 100 * (1 - b.fatigue / 200));
    return posture === b.posture && mp === b.mp ? undefined : { ...b, posture, mp };
  });
}

/**
 * The automatic work on entering a phase changes many units: each is remade from the state the
 * produce started from (`remake` gives its new value, or undefined to keep it) and the new units
 * record is written at once, after the phase's draft (producePhaseEntry), which costs far less than
 * a draft of every unit. Nothing else in the phase's draft may change a unit (entering a phase
 * follows nothing but the turn and phase counters, and a phase remakes the units once).
 */
function remakeUnits(s: GameState, entry: PhaseEntry, remake: (b: UnitState) => UnitState | undefined): void {
  const base = (original(s) as GameState).units;
  let next: Record<string, UnitState> | undefined;
  for (const id in base) {
    const u = remake(base[id]);
    if (u) (next ??= { ...base })[id] = u;
  }
  entry.units = next;
}

function recoveryPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  // Nobody moves in this phase, nor do the weather and the hexes change: where units stand and
  // what the ground is are read from the frozen state.
  const base = original(s) as GameState;
  const occ = occupancy(ctx.map, base);
  const fp = ctx.params.fatigue;
  const ep = ctx.params.engineering;
  const hoursPerTurn = ctx.params.movement.hoursPerTurn.foot;
  remakeUnits(s, entry, (b) => {
    if (b.status !== 'active' && b.status !== 'reserve') return undefined;
    const u = { ...b };
    const moved = u.posture === 'move';
    const inContact = inEnemyZoc(ctx.map, occ, u.side, u.hex);
    if (u.suppressed > 0) {
      // The men come out of cover when the shelling stops: most of the suppression passes.
      u.cohesion = Math.min(100, u.cohesion + Math.round(u.suppressed * (1 - ctx.params.fire.suppressionLastingShare.value)));
      u.suppressed = 0;
    }
    recoverUnit(fp, ctx.map, base, u, { attacked: u.attacked, moved, inContact });
    if (!moved && !u.attacked) {
      u.turnsInPlace++;
      const max = ep.maxEntrenchmentByTerrain[terrainAt(ctx.map, base, u.hex)];
      const dug = u.turnsInPlace >= ep.digInTurns.fortified ? 3 : u.turnsInPlace >= ep.digInTurns.prepared ? 2 : u.turnsInPlace >= ep.digInTurns.hasty ? 1 : 0;
      if (dug > u.entrenchment && u.entrenchment < max) u.entrenchment = Math.min(dug, max);
    }
    return u;
  });
  // Bridges: engineers who stayed at the site this turn add their hours.
  for (const key of Object.keys(s.works).sort()) {
    const w = s.works[key];
    const [a, b] = key.split('-').map(Number);
    // Recovery changes no unit's status, hex or side: they are read from the state before.
    const u = base.units[w.unit];
    if (!u || u.status !== 'active' || (u.hex !== a && u.hex !== b)) continue;
    const far = u.hex === a ? b : a;
    if (unitsInHex(base, far).some((x) => x.side !== u.side)) continue;
    const enemy = u.side === 'allied' ? 'german' : 'allied';
    const observed = isObserved(s, enemy, u.hex) || isObserved(s, enemy, far);
    const hours = hoursPerTurn / (observed && s.weather.visibility >= 50 ? ep.bridgeUnderObservationFactor.value : 1);
    w.hoursDone += hours;
    if (w.hoursDone >= w.hoursNeeded) {
      const d = ctx.map.neighbours.subarray(a * 6, a * 6 + 6).indexOf(b);
      s.hexes[a] = { ...s.hexes[a], bridges: [...(s.hexes[a]?.bridges ?? []), d] };
      delete s.works[key];
      log(s, { kind: 'bridge', side: u.side, hex: a, units: [u.id], text: `${ctx.scenario.unitById[u.id].name} completes a bridge between ${hexLabel(ctx.map, a)} and ${hexLabel(ctx.map, b)}` });
    }
  }
}

/**
 * The hash at the end of a turn: the digest of the previous turn's hash, the state without its
 * log and hash list, and this turn's log entries. Chaining keeps each hash cheap while still
 * covering the whole history.
 */
export function turnHash(s: GameState): string {
  const prev = s.turnHashes.length ? s.turnHashes[s.turnHashes.length - 1] : '';
  let first = s.log.length;
  while (first > 0 && s.log[first - 1].turn === s.turn) first--;
  const { log: _log, turnHashes: _h, ...rest } = s;
  return stateDigest([prev, rest, s.log.slice(first)]);
}

/** Hash of a whole state (for the end of a run and for checks between environments). */
export function stateHash(s: GameState): string {
  return stateDigest(s);
}

export { artilleryInRange };
