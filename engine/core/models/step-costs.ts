// Step costs: what each step costs a side moving in a mode in a state, as tables of integer
// hundredths of an hour, and the caches that let a turn, a run and the runs of a batch share them
// while the ground, the weather and what the enemy observes stay the same.
import type { MapIndex } from '../map.ts';
import type { MovementParams } from '../params.ts';
import { type GameState, type Side, enemyOf } from '../types.ts';
import { stateJson } from '../hash.ts';
import { type MoveMode, UNREACHABLE, fordAt, isBridged, stepHours, terrainAt } from './movement-rules.ts';
import { onClearCaches } from '../caches.ts';

/** Step costs in hundredths of an hour (UNREACHABLE: impassable), plain and under enemy observation. */
interface StepCosts { plain: Int32Array; observed: Int32Array }

let baseCache = new WeakMap<MapIndex, Map<string, StepCosts & { p: MovementParams }>>();
onClearCaches('movement.baseSteps', () => { baseCache = new WeakMap(); });

function stepCosts(hours: number, factor: number, out: StepCosts, i: number): void {
  if (hours === Infinity) { out.plain[i] = UNREACHABLE; out.observed[i] = UNREACHABLE; return; }
  out.plain[i] = Math.ceil(hours * 100);
  out.observed[i] = Math.ceil(hours * factor * 100);
}

/** Step costs over the map as built (no bombing, no bridges built), per mode, mud and river level. */
function baseSteps(map: MapIndex, p: MovementParams, mode: MoveMode, mud: boolean, riverLevel: number): StepCosts {
  let byKey = baseCache.get(map);
  if (!byKey) { byKey = new Map(); baseCache.set(map, byKey); }
  const key = `${mode}|${mud}|${riverLevel}`;
  const hit = byKey.get(key);
  if (hit && hit.p === p) return hit;
  const t = { p, plain: new Int32Array(map.size * 6), observed: new Int32Array(map.size * 6) };
  const factor = p.observedFactor.value;
  for (let h = 0; h < map.size; h++) {
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n < 0) { stepCosts(Infinity, factor, t, h * 6 + d); continue; }
      const r = map.river[h * 6 + d];
      const bridged = r > 0 && map.data.riverSides[r - 1].bridge === true;
      stepCosts(stepHours(map, p, mode, h, d, mud, riverLevel, map.terrain[n], bridged), factor, t, h * 6 + d);
    }
  }
  byKey.set(key, t);
  return t;
}

/** Step costs before observation, for hexes as they stand: in hundredths of an hour, plain and under enemy observation. */
interface BaseCosts {
  map: MapIndex; p: MovementParams; mode: MoveMode; mud: boolean; riverLevel: number;
  /** The changed hexes, as an object and as canonical text (equal text, equal hexes: another run's table serves). */
  hexes: GameState['hexes']; hexesText: string;
  plain: Int32Array; observed: Int32Array;
}
const baseCostCache: BaseCosts[] = [];
onClearCaches('movement.baseCosts', () => { baseCostCache.length = 0; });

function baseCosts(map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode): BaseCosts {
  const mud = state.weather.ground === 'mud';
  const riverLevel = state.weather.riverLevel;
  const hexes = state.hexes;
  let hexesText: string | undefined;
  for (let i = 0; i < baseCostCache.length; i++) {
    const e = baseCostCache[i];
    if (e.map !== map || e.p !== p || e.mode !== mode || e.mud !== mud || e.riverLevel !== riverLevel) continue;
    if (e.hexes === hexes || e.hexesText === (hexesText ??= stateJson(hexes))) return e;
  }
  const built = baseSteps(map, p, mode, mud, riverLevel);
  const costs = { plain: built.plain.slice(), observed: built.observed.slice() };
  const factor = p.observedFactor.value;
  // Hexes changed in play (rubble, ruins, bridges): recompute every hexside that touches them.
  for (const key in hexes) {
    const c = Number(key);
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[c * 6 + d];
      if (n < 0) continue;
      for (const [from, dir, into] of [[n, (d + 3) % 6, c], [c, d, n]] as const) {
        const r = map.river[from * 6 + dir];
        const ground = { forded: r > 0 && fordAt(map, state, r), mined: hexes[into]?.mines === true };
        stepCosts(stepHours(map, p, mode, from, dir, mud, riverLevel, terrainAt(map, state, into), isBridged(map, state, from, dir), ground), factor, costs, from * 6 + dir);
      }
    }
  }
  const { plain, observed } = costs;
  const e = { map, p, mode, mud, riverLevel, hexes, hexesText: hexesText ?? stateJson(hexes), plain, observed };
  if (baseCostCache.length >= 8) baseCostCache.shift();
  baseCostCache.push(e);
  return e;
}

/**
 * The step costs (hundredths of an hour) a side moving in a mode pays in a state. By night (no
 * interdiction) they are the ground's plain table, shared by both sides; by day, the plain table
 * with the dearer observed step into every hex the enemy observes, read from the two tables
 * rather than copied into a third (a day's table is used by one side for one turn); with
 * keep-outs in force, a table of their own. Use stepOf for a step, costTable for a whole table.
 */
export interface Costs {
  plain: Int32Array;
  /** Steps into the hexes marked in `seen` (by day): the ground's observed table. */
  dear: Int32Array | null;
  seen: Uint8Array | null;
  /** The ground's plain table, and whether exactly its steps are passable (see goalField). */
  ground: Int32Array;
  sameGround: boolean;
  /** Every step in one table, made when first asked for (costTable). */
  table?: Int32Array;
}

/** The cost of hexside i (= h*6+d, from h into its neighbour in direction d). */
export function stepOf(map: MapIndex, c: Costs, i: number): number {
  if (c.seen !== null) {
    const n = map.neighbours[i];
    if (n >= 0 && c.seen[n] === 1) return c.dear![i];
  }
  return c.plain[i];
}

let plainCosts = new WeakMap<BaseCosts, Costs>();
onClearCaches('movement.plainCosts', () => { plainCosts = new WeakMap(); });
interface CostEntry { base: BaseCosts; observed: string; costs: Costs }
// Sixteen: both sides' and both modes' day costs of the last few turns, so that the runs of a
// batch or a benchmark (whose first turns are often alike) find them and their goal fields.
const costCache: CostEntry[] = [];
onClearCaches('movement.dayCosts', () => { costCache.length = 0; });

/** The step costs for a side moving in a mode in the given state (see Costs). Cached while their inputs stay the same. */
export function costsFor(map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side): Costs {
  const costs = observedCosts(map, p, state, mode, side);
  return state.keepOut?.some((k) => k.side === side) ? withKeepOut(map, costs, state.keepOut, side) : costs;
}

/**
 * Integer step costs (hundredths of an hour) for every hexside, for a side moving in a mode in
 * the given state: the map's base costs, changed where bombing or bridging changed a hex, and
 * dearer into hexes the enemy observes by day.
 */
export function costTable(map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side): Int32Array {
  return tableOf(map, costsFor(map, p, state, mode, side));
}

function tableOf(map: MapIndex, c: Costs): Int32Array {
  if (c.table) return c.table;
  if (!c.seen) return (c.table = c.plain);
  const table = c.plain.slice();
  for (let n = 0; n < map.size; n++) {
    if (c.seen[n] !== 1) continue;
    // Every hexside leading into an observed hex costs more.
    for (let d = 0; d < 6; d++) {
      const m = map.neighbours[n * 6 + d];
      if (m >= 0) table[m * 6 + ((d + 3) % 6)] = c.dear![m * 6 + ((d + 3) % 6)];
    }
  }
  return (c.table = table);
}

function observedCosts(map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side): Costs {
  const base = baseCosts(map, p, state, mode);
  if (state.weather.visibility < 50) {
    let c = plainCosts.get(base);
    if (!c) plainCosts.set(base, c = { plain: base.plain, dear: null, seen: null, ground: base.plain, sameGround: true });
    return c;
  }
  const enemy = enemyOf(side);
  const observed = state.observed[enemy];
  for (let i = 0; i < costCache.length; i++) {
    const e = costCache[i];
    if (e.base === base && e.observed === observed) return e.costs;
  }
  const seen = new Uint8Array(map.size);
  for (let n = 0; n < map.size; n++) if (observed.charCodeAt(n) === 49) seen[n] = 1;
  // Observation makes steps dearer, never impassable: the same hexes can reach a goal.
  const costs: Costs = { plain: base.plain, dear: base.observed, seen, ground: base.plain, sameGround: true };
  if (costCache.length >= 16) costCache.shift();
  costCache.push({ base, observed, costs });
  return costs;
}

interface KeepOutEntry { from: Costs; keepOut: NonNullable<GameState['keepOut']>; side: Side; out: Costs }
const keepOutCache: KeepOutEntry[] = [];
onClearCaches('movement.keepOutCosts', () => { keepOutCache.length = 0; });

/** The costs with the hexes the side must keep out of (a scheduled keepOut still in force) closed. */
function withKeepOut(map: MapIndex, from: Costs, keepOut: NonNullable<GameState['keepOut']>, side: Side): Costs {
  for (const e of keepOutCache) if (e.from === from && e.keepOut === keepOut && e.side === side) return e.out;
  const table = tableOf(map, from).slice();
  for (const k of keepOut) {
    if (k.side !== side) continue;
    for (const c of k.hexes) for (let d = 0; d < 6; d++) {
      const n = map.neighbours[c * 6 + d];
      if (n >= 0) table[n * 6 + (d + 3) % 6] = UNREACHABLE;
    }
  }
  // Keep-outs close steps: no hex that cannot reach a goal on the ground as it is can reach it here.
  const out: Costs = { plain: table, dear: null, seen: null, ground: from.ground, sameGround: false, table };
  if (keepOutCache.length >= 8) keepOutCache.shift();
  keepOutCache.push({ from, keepOut, side, out });
  return out;
}

/** Cost in hundredths of an hour to move from h into its neighbour in direction d. */
export function stepCost(
  map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side, h: number, d: number,
): number {
  return stepOf(map, costsFor(map, p, state, mode, side), h * 6 + d);
}
