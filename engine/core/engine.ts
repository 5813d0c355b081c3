// The reducer: every change to the game state goes through applyAction, which checks the action
// against the rules and either rejects it with a reason (state untouched) or returns the next
// state made with immer's produce. Phases that need no decision (weather, supply, recovery) run
// their automatic work when the phase is entered.
import { original, produce } from './immer.ts';
import { ACTION_BY_TYPE, type Action, type MoveAction } from './actions/union.ts';
import { afterMove, checkMove } from './actions/move.ts';
import { artilleryInRange, inflictLoss, unitsInHex } from './attack.ts';
import { contactLosses } from './contact-fire.ts';
import type { EngineContext } from './context.ts';
import { stateDigest } from './hash.ts';
import { hexLabel } from './map.ts';
import { recoverUnit } from './models/fatigue.ts';
import { inEnemyZoc, moveMode, mpAfter, occupancy, rememberOccupancy, terrainAt } from './models/movement.ts';
import { MovingOccupancy } from './models/occupancy.ts';
import { encodeObserved, isObserved, observedHexes } from './models/observation.ts';
import { supplyCosts, supplyPercent } from './models/supply.ts';
import { nextWeather } from './models/weather.ts';
import { drawSequential } from './rng.ts';
import { KIND_OF, type OrdersPass, type ScheduledItem, liftKeepOuts } from './schedule/union.ts';
import { closeTurnLog, fullLog, log } from './state-log.ts';
import { conditionNow } from './outcome-checks.ts';
import { coveredFront, sideChar, withControl } from './control.ts';
import { TURN_MINUTES } from './time.ts';
import { copyUnits, unitKeys } from './unit-order.ts';
import { type GameState, PHASES, type Result, SIDES, type Side, type UnitState, enemyOf } from './types.ts';

export { checkMove };
export type { Action, MoveAction };

/** Why an action of this type is not allowed now, or null. */
function checkPhase(state: GameState, action: Action): string | null {
  if (state.finished) return 'the scenario has ended';
  const def = ACTION_BY_TYPE[action.type];
  if (!def) return `unknown action type "${(action as { type: string }).type}"`;
  if (!def.phases.includes(state.phase)) return `${action.type} is not allowed in the ${state.phase} phase (allowed: ${def.phases.join(', ')})`;
  return null;
}

/** Why the action is refused now, or what applying it needs (see actions/action.ts). */
function check(ctx: EngineContext, state: GameState, action: Action): { reason: string } | { need: unknown } {
  const wrong = checkPhase(state, action);
  if (wrong) return { reason: wrong };
  const need = ACTION_BY_TYPE[action.type].check(ctx, state, action);
  return typeof need === 'string' ? { reason: need } : { need };
}

/** Why the action is illegal now, or null when it is legal. */
export function checkAction(ctx: EngineContext, state: GameState, action: Action): string | null {
  const r = check(ctx, state, action);
  return 'reason' in r ? r.reason : null;
}

/** Applies an action: the next state, or the reason it is illegal (the state is unchanged). */
export function applyAction(ctx: EngineContext, state: GameState, action: Action): Result<GameState> {
  const r = check(ctx, state, action);
  if ('reason' in r) return { ok: false, reason: r.reason };
  if (action.type === 'endPhase') return { ok: true, value: nextPhase(ctx, state) };
  const next = produce(state, (draft) => { ACTION_BY_TYPE[action.type].apply(ctx, draft, action, r.need); });
  if (action.type === 'move') afterMove(ctx, state, next, action);
  return { ok: true, value: next };
}

function nextPhase(ctx: EngineContext, state: GameState): GameState {
  // Observation and supply are worked out on the frozen state (reading a draft is slow) and
  // written in the draft; entering the supply phase changes nothing they depend on.
  const entry: PhaseEntry = {
    supply: state.phase === 'weather' ? traceSupply(ctx, state) : undefined,
    // Likewise the turn's hash: the frozen state's canonical text is mostly cached, a draft's never is.
    hash: state.phase === 'recovery' ? turnHash(state) : undefined,
  };
  // The turn's log goes to history in a produce of its own, with no draft but the state's open:
  // written in the phase's draft, immer would search every entry of it for drafts when finishing.
  const from = state.phase === 'recovery' && state.turn < state.lastTurn ? produce(state, (d) => { closeTurnLog(d); }) : state;
  return producePhaseEntry(from, entry, (draft) => { endPhase(ctx, draft, entry); });
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
      const r = check(ctx, draft, a);
      refused.push('reason' in r ? r.reason : null);
      if (!('reason' in r)) ACTION_BY_TYPE[a.type].apply(ctx, draft, a, r.need);
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
  const moving = new MovingOccupancy(ctx.map, state);
  let control = state.control;
  // Checks read the moving unit from here (the state, then a copy of its units record with the
  // moves so far) and nothing else of the units; the ground's cost does not change with moves.
  let view: GameState = state;
  let units: Record<string, UnitState> | undefined;
  for (const a of moves) {
    const route = checkPhase(view, a) ?? checkMove(ctx, view, moving.occ, a);
    if (typeof route === 'string') { refused.push(route); continue; }
    refused.push(null);
    const b = moving.unit(a.unit);
    const u = { ...b, mp: mpAfter(b.mp, route), hex: a.to, posture: 'move' as const, turnsInPlace: 0, entrenchment: 0 };
    moving.move(u);
    if (!units) view = { ...state, units: units = copyUnits(state.units) };
    units[a.unit] = u;
    control = withControl(control, route.path, sideChar(b.side));
    // Enemy ground is read from control, which each move changes: later checks see it changed.
    view.control = control;
  }
  if (!units) return { state, refused };
  const next = produce(state, (d) => {
    d.units = units;
    if (control !== state.control) d.control = control;
  });
  rememberOccupancy(next.units, moving.occ);
  return { state: next, refused };
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
    const enemy = enemyOf(side);
    const ids = unitKeys(s.units).filter((id) => s.units[id].side === side && s.units[id].hex >= 0);
    const hexes = ids.map((id) => s.units[id].hex);
    const cost = supplyCosts(ctx.map, ctx.params.movement, ctx.params.supply, ctx.scenario, s, side, observed[enemy]);
    for (let i = 0; i < ids.length; i++) supply[ids[i]] = supplyPercent(ctx.params.supply, cost[hexes[i]]);
  }
  return { observed, supply };
}

function supplyPhase(s: GameState, entry: PhaseEntry): void {
  const t = entry.supply!;
  for (const side of SIDES) if (s.observed[side] !== t.observed[side]) s.observed[side] = t.observed[side];
  remakeUnits(s, entry, (b) => (t.supply[b.id] === undefined || t.supply[b.id] === b.supply ? undefined : { ...b, supply: t.supply[b.id] }));
}

/**
 * Scheduled items falling in the turn that starts at time t: the unconditional items timed in it,
 * and the conditional ones whose conditions first held in it (recorded in `s.planFired` by the
 * orders phase; without `s`, none).
 */
export function itemsInTurn(ctx: EngineContext, t: number, s?: Pick<GameState, 'planFired'>): ScheduledItem[] {
  const out: ScheduledItem[] = [];
  const fired = s?.planFired;
  for (const it of ctx.scenario.schedule) {
    if (it.cond ? fired?.[it.cond.id] === t : it.at >= t && it.at < t + TURN_MINUTES) out.push(it);
  }
  return out;
}

/** Conditional items due (from their time until they expire) whose conditions hold now: they happen this turn. */
function fireConditions(ctx: EngineContext, s: GameState): void {
  for (const it of ctx.scenario.schedule) {
    const c = it.cond;
    if (!c || it.at >= s.time + TURN_MINUTES || s.time >= c.expires || s.planFired?.[c.id] !== undefined) continue;
    const now = s.time;
    if (c.when.every((k) => conditionNow(ctx.map, k, s, now)) && !c.unless.some((k) => conditionNow(ctx.map, k, s, now))) (s.planFired ??= {})[c.id] = now;
  }
}

/**
 * Events of the world (arrivals, withdrawals, flags, intelligence) happen without a decision; plan
 * orders are decisions, issued as actions by the plan controller.
 */
function ordersPhase(ctx: EngineContext, s: GameState): void {
  const pass: OrdersPass = { occ: null, withdrawn: false };
  fireConditions(ctx, s);
  for (const it of itemsInTurn(ctx, s.time, s)) KIND_OF[it.kind].fire?.(ctx, s, it, pass);
  liftKeepOuts(ctx, s);
}

function movementPhase(ctx: EngineContext, s: GameState, entry: PhaseEntry): void {
  const p = ctx.params.movement;
  // Rows of their own (strings): moves replace rows of s.control, never of these.
  s.frontAtMove = coveredFront(ctx.map, s.control.slice(), Object.values(original(s)!.units), p.enemyGround.coverHexes);
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
  const keys = unitKeys(base);
  let next: Record<string, UnitState> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const u = remake(base[keys[i]]);
    if (u) (next ??= copyUnits(base))[keys[i]] = u;
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
  const hit = contactLosses(ctx, base, occ);
  remakeUnits(s, entry, (b) => {
    if (b.status !== 'active' && b.status !== 'reserve') return undefined;
    const u = { ...b };
    const lost = hit.get(u.id);
    if (lost) {
      inflictLoss(s, u, lost);
      if (u.status === 'destroyed') return u;
    }
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
  logContactLosses(s, base, hit);
  // Bridges: engineers who stayed at the site this turn add their hours.
  for (const key of Object.keys(s.works).sort()) {
    const w = s.works[key];
    const [a, b] = key.split('-').map(Number);
    // Recovery changes no unit's status, hex or side: they are read from the state before.
    const u = base.units[w.unit];
    if (!u || u.status !== 'active' || (u.hex !== a && u.hex !== b)) continue;
    const far = u.hex === a ? b : a;
    if (unitsInHex(base, far).some((x) => x.side !== u.side)) continue;
    const enemy = enemyOf(u.side);
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

/** The turn's losses to fire in contact (already taken from the units), one log entry a side: the loss tables count them by unit and turn. */
function logContactLosses(s: GameState, base: GameState, hit: Map<string, number>): void {
  for (const side of SIDES) {
    const losses: Record<string, number> = {};
    let men = 0;
    for (const [id, n] of hit) {
      if (base.units[id].side !== side) continue;
      losses[id] = n;
      men += n;
    }
    if (men === 0) continue;
    const units = Object.keys(losses);
    log(s, {
      kind: 'contact', side, units, losses,
      text: `${side} units in contact lose ${men} ${men === 1 ? 'man' : 'men'} to the enemy's fire (${units.length} ${units.length === 1 ? 'unit' : 'units'})`,
      data: { lost: men },
    });
  }
}

/**
 * The hash at the end of a turn: the digest of the previous turn's hash, the state without its
 * log, earlier turns' logs and hash list, and this turn's log entries. Chaining keeps each hash
 * cheap while still covering the whole history.
 */
export function turnHash(s: GameState): string {
  const prev = s.turnHashes.length ? s.turnHashes[s.turnHashes.length - 1] : '';
  const { log: _log, history: _earlier, turnHashes: _h, ...rest } = s;
  return stateDigest([prev, rest, s.log]);
}

/**
 * Hash of a whole state (for the end of a run and for checks between environments): the state
 * with its whole log as one list (state-log.ts), so the value is the one a state that kept its
 * whole log in `log` had.
 */
export function stateHash(s: GameState): string {
  const { history: _earlier, ...rest } = s;
  return stateDigest({ ...rest, log: fullLog(s) });
}

export { artilleryInRange };
