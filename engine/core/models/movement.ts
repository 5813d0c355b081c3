// Terrain and movement: what a hex is now (bombing changes it), what it costs to enter, which
// hexes a unit can reach this turn and by which path. Costs are integer hundredths of an hour so
// paths and remaining movement are exact on every machine.
import type { MapIndex, TerrainType } from '../map.ts';
import { LINK_BY_CODE, hexDistance } from '../map.ts';
import type { MovementParams } from '../params.ts';
import type { GameState, Side, UnitState, UnitType } from '../types.ts';
import { BucketQueue, bucketsFor } from './bucket-queue.ts';
import { stateJson } from '../hash.ts';
import { isDraft } from '../immer.ts';

export type MoveMode = 'foot' | 'vehicle';

const VEHICLE_TYPES: ReadonlySet<UnitType> = new Set(['armour', 'tank-destroyer', 'assault-gun', 'artillery']);

export function moveMode(type: UnitType): MoveMode {
  return VEHICLE_TYPES.has(type) ? 'vehicle' : 'foot';
}

/** Whether `side` must keep out of hex h (a scheduled keepOut still in force). */
export function keptOut(state: GameState, side: Side, h: number): boolean {
  return state.keepOut?.some((k) => k.side === side && k.hexes.includes(h)) ?? false;
}

export function terrainAt(map: MapIndex, state: Pick<GameState, 'hexes'>, h: number): TerrainType {
  return (state.hexes[h]?.terrain as TerrainType | undefined) ?? map.terrain[h];
}

/** Index+1 of the river hexside from h in direction d (0 when there is none). */
export function riverSideAt(map: MapIndex, h: number, d: number): number {
  return map.river[h * 6 + d];
}

export function isBridged(map: MapIndex, state: Pick<GameState, 'hexes'>, h: number, d: number): boolean {
  const r = map.river[h * 6 + d];
  if (r === 0) return false;
  if (map.data.riverSides[r - 1].bridge) return true;
  const n = map.neighbours[h * 6 + d];
  return (state.hexes[h]?.bridges?.includes(d) ?? false) || (n >= 0 && (state.hexes[n]?.bridges?.includes((d + 3) % 6) ?? false));
}

/** Whether the river side is fordable now: a river in flood is not. */
export function fordableNow(map: MapIndex, state: Pick<GameState, 'weather'>, r: number): boolean {
  return map.data.riverSides[r - 1].fordable && state.weather.riverLevel < 2;
}

export const UNREACHABLE = 0x3fffffff;

/** Hours to cross from h into its neighbour in direction d, before observation (Infinity: impassable). */
function stepHours(
  map: MapIndex, p: MovementParams, mode: MoveMode, h: number, d: number, mud: boolean, riverLevel: number,
  terrain: TerrainType, bridged: boolean,
): number {
  const linkCode = map.link[h * 6 + d];
  let speed = 0;
  if (linkCode) speed = p.linkSpeedKmh[mode][LINK_BY_CODE[linkCode]!];
  if (speed <= 0) {
    speed = p.speedKmh[mode][terrain];
    if (mud) speed *= p.mudSpeedFactor[mode];
  }
  if (speed <= 0) return Infinity;
  let hours = (map.data.grid.hexSizeM / 1000) / speed;
  const r = map.river[h * 6 + d];
  if (r && !bridged) {
    if (mode === 'vehicle') return Infinity;
    const side = map.data.riverSides[r - 1];
    const flood = riverLevel >= 2 ? p.riverCrossingHours.floodFactor : 1;
    hours += (side.fordable && riverLevel < 2 ? p.riverCrossingHours.fordable : p.riverCrossingHours.unfordable) * flood;
  }
  return hours;
}

/** Step costs in hundredths of an hour (UNREACHABLE: impassable), plain and under enemy observation. */
interface StepCosts { plain: Int32Array; observed: Int32Array }

const baseCache = new WeakMap<MapIndex, Map<string, StepCosts & { p: MovementParams }>>();

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
        stepCosts(stepHours(map, p, mode, from, dir, mud, riverLevel, terrainAt(map, state, into), isBridged(map, state, from, dir)), factor, costs, from * 6 + dir);
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

const plainCosts = new WeakMap<BaseCosts, Costs>();
interface CostEntry { base: BaseCosts; observed: string; costs: Costs }
// Sixteen: both sides' and both modes' day costs of the last few turns, so that the runs of a
// batch or a benchmark (whose first turns are often alike) find them and their goal fields.
const costCache: CostEntry[] = [];

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
  const enemy: Side = side === 'allied' ? 'german' : 'allied';
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

/** Per-hex occupancy of the current state: which side is there and how many men. */
export interface Occupancy { side: Int8Array; men: Int32Array }

const occCache = new WeakMap<object, Occupancy>();

export function occupancy(map: MapIndex, state: GameState): Occupancy {
  const hit = occCache.get(state.units);
  if (hit) return hit;
  const side = new Int8Array(map.size).fill(-1);
  const men = new Int32Array(map.size);
  for (const id in state.units) {
    const u = state.units[id];
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = u.side === 'allied' ? 0 : 1;
    men[u.hex] += u.men;
  }
  const occ = { side, men };
  // States the engine produced never change, so their occupancy can be kept; drafts change.
  if (!isDraft(state.units)) occCache.set(state.units, occ);
  return occ;
}

/**
 * Works out the occupancy of `after`, the state a move of unit `id` produced from `before`, from
 * that of `before` when it is known: only the hexes the unit left and entered change. In a big
 * battle's movement phase every move is a state of its own, and the next move's check and the
 * controller both ask where units stand.
 */
export function occupancyAfterMove(map: MapIndex, before: GameState, after: GameState, id: string): void {
  const prev = occCache.get(before.units);
  if (!prev || occCache.has(after.units) || isDraft(after.units)) return;
  const occ = { side: prev.side.slice(), men: prev.men.slice() };
  recount(occ, after.units, [before.units[id].hex, after.units[id].hex]);
  occCache.set(after.units, occ);
}

/** Counts hexes `hs` of `occ` (a copy the caller owns) again from `units`, as occupancy() counts them. */
export function recount(occ: Occupancy, units: Readonly<Record<string, UnitState>>, hs: readonly number[]): void {
  const { side, men } = occ;
  for (const h of hs) if (h >= 0) { side[h] = -1; men[h] = 0; }
  for (const key in units) {
    const u = units[key];
    if (u.hex < 0 || !hs.includes(u.hex) || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = u.side === 'allied' ? 0 : 1;
    men[u.hex] += u.men;
  }
}

/** Keeps `occ` as the occupancy of a units record the engine produced (which never changes). */
export function rememberOccupancy(units: Readonly<Record<string, UnitState>>, occ: Occupancy): void {
  if (!isDraft(units)) occCache.set(units, occ);
}

export function inEnemyZoc(map: MapIndex, occ: Occupancy, side: Side, h: number): boolean {
  const enemy = side === 'allied' ? 1 : 0;
  for (let d = 0; d < 6; d++) {
    const n = map.neighbours[h * 6 + d];
    if (n >= 0 && occ.side[n] === enemy) return true;
  }
  return false;
}

// Scratch buffers for the searches, reused between calls: a generation stamp marks which entries
// belong to the current search, so nothing is cleared or allocated per search.
interface Scratch { cost: Int32Array; prev: Int32Array; stamp: Uint32Array; done: Uint32Array; gen: number }
const scratchBySize = new Map<number, Scratch>();

function scratchFor(size: number): Scratch {
  let s = scratchBySize.get(size);
  if (!s) {
    s = { cost: new Int32Array(size), prev: new Int32Array(size), stamp: new Uint32Array(size), done: new Uint32Array(size), gen: 0 };
    scratchBySize.set(size, s);
  }
  s.gen++;
  return s;
}

/**
 * The result of a movement search. It reads shared scratch buffers, so it is valid only until
 * the next search starts; using it later throws.
 */
export class Reach {
  constructor(private readonly s: Scratch, private readonly gen: number, readonly reached: number[]) {}
  private check(): void {
    if (this.s.gen !== this.gen) throw new Error('a movement search result was used after another search began');
  }
  costOf(h: number): number {
    this.check();
    return this.s.stamp[h] === this.gen ? this.s.cost[h] : UNREACHABLE;
  }
  prevOf(h: number): number {
    this.check();
    return this.s.stamp[h] === this.gen ? this.s.prev[h] : -1;
  }
  pathTo(to: number): number[] {
    const path: number[] = [];
    for (let h = to; h >= 0; h = this.prevOf(h)) path.push(h);
    return path.reverse();
  }
}

/**
 * Hexes `unit` can reach with its remaining movement: Dijkstra bounded by the budget. Enemy
 * hexes cannot be entered; entering a hex next to an enemy ends movement (zone of control).
 * With `target`, the search stops as soon as the target is settled.
 */
export function reachable(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy,
  budget = unit.mp, target = -1,
): Reach {
  const { sc, gen, reached } = search(map, p, state, unit, type, occ, budget, target, false);
  return new Reach(sc, gen, reached);
}

/**
 * The one movement search behind `reachable` and `routeTo`: Dijkstra bounded by the budget (A*
 * towards `target` when `directed`), no entry into enemy hexes, a stop on entering a hex next to
 * the enemy, and the one-step rule for a unit that has not moved. Results live in the scratch buffers.
 */
function search(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy,
  budget: number, target: number, directed: boolean,
): { sc: Scratch; gen: number; reached: number[] } {
  const table = costTable(map, p, state, moveMode(type), unit.side);
  const hStep = directed ? minStep(table) : 0;
  const heur = (h: number) => (directed ? hexDistance(map, h, target) * hStep : 0);
  const sc = scratchFor(map.size);
  const { cost, prev, stamp, done } = sc;
  const gen = sc.gen;
  const reached: number[] = [];
  const enemy = unit.side === 'allied' ? 1 : 0;
  const zoc = p.zoneOfControl.stopOnEntry;
  const firstStep = canAlwaysStep(unit);
  const heap = new MinHeap();
  stamp[unit.hex] = gen;
  cost[unit.hex] = 0;
  prev[unit.hex] = -1;
  heap.push(heur(unit.hex), unit.hex);
  while (heap.size) {
    const h = heap.popValue();
    if (done[h] === gen) continue;
    done[h] = gen;
    reached.push(h);
    if (h === target) break;
    if (h !== unit.hex && zoc && inEnemyZoc(map, occ, unit.side, h)) continue;
    // Past the budget (a one-step move), nothing further can be reached.
    const c = cost[h];
    if (c > budget) continue;
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n < 0 || done[n] === gen || occ.side[n] === enemy) continue;
      const step = table[h * 6 + d];
      if (step >= UNREACHABLE) continue;
      const nc = c + step;
      if ((nc > budget && !(h === unit.hex && firstStep)) || (stamp[n] === gen && nc >= cost[n])) continue;
      stamp[n] = gen;
      cost[n] = nc;
      prev[n] = h;
      heap.push(nc + heur(n), n);
    }
  }
  return { sc, gen, reached };
}

/** A unit's way to a hex: the hexes entered (start excluded), their cost, and whether it ends next to the enemy. */
export interface Route { cost: number; path: number[]; zoc: boolean }

const minStepCache = new WeakMap<Int32Array, number>();

/** The cheapest single step in a cost table: the A* heuristic's cost per hex of distance. */
function minStep(table: Int32Array): number {
  let m = minStepCache.get(table);
  if (m === undefined) {
    m = UNREACHABLE;
    for (let i = 0; i < table.length; i++) if (table[i] < m) m = table[i];
    minStepCache.set(table, m);
  }
  return m;
}

/**
 * Checks a path a unit is told to follow: adjacent steps from its hex, no enemy hex, no step
 * beyond a hex next to the enemy (zone of control), within its movement. A reason when illegal.
 */
export function routeAlong(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy, path: number[],
): Route | string {
  const costs = costsFor(map, p, state, moveMode(type), unit.side);
  const enemy = unit.side === 'allied' ? 1 : 0;
  let at = unit.hex;
  let cost = 0;
  for (let i = 0; i < path.length; i++) {
    const n = path[i];
    const d = map.neighbours.subarray(at * 6, at * 6 + 6).indexOf(n);
    if (d < 0) return `step ${i + 1} of the path does not lead to a neighbouring hex`;
    if (occ.side[n] === enemy) return `the path enters a hex held by the enemy`;
    const step = stepOf(map, costs, at * 6 + d);
    if (step >= UNREACHABLE) return `step ${i + 1} of the path crosses impassable ground for this unit`;
    cost += step;
    if (i < path.length - 1 && p.zoneOfControl.stopOnEntry && inEnemyZoc(map, occ, unit.side, n)) return 'the path goes on past a hex next to the enemy';
    at = n;
  }
  // A unit that has not moved this turn may always take one step, whatever it costs.
  if (cost > unit.mp && path.length === 1 && canAlwaysStep(unit)) return { cost: unit.mp, path: [...path], zoc: inEnemyZoc(map, occ, unit.side, at) };
  if (cost > unit.mp) return `the path needs ${(cost / 100).toFixed(1)} h of movement, the unit has ${(unit.mp / 100).toFixed(1)} h left`;
  return { cost, path: [...path], zoc: inEnemyZoc(map, occ, unit.side, at) };
}

/**
 * The one-step rule of hex wargames: a unit that has not moved this turn may always enter an
 * adjacent hex it could legally enter, spending all its movement (a flooded river otherwise costs
 * more than a whole turn's movement and could never be crossed).
 */
export function canAlwaysStep(unit: UnitState): boolean {
  return unit.posture !== 'move' && unit.mp > 0 && !unit.attacked;
}

/** The cheapest route to `target` within the unit's movement (A* search), or null. */
export function routeTo(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy, target: number,
): Route | null {
  const { sc, gen } = search(map, p, state, unit, type, occ, unit.mp, target, true);
  if (sc.done[target] !== gen) return null;
  const path: number[] = [];
  for (let x = target; x !== unit.hex; x = sc.prev[x]) path.push(x);
  return { cost: Math.min(sc.cost[target], unit.mp), path: path.reverse(), zoc: inEnemyZoc(map, occ, unit.side, target) };
}

/** A goal's distance field, searched outwards from the goal as far as callers have needed so far. */
interface FieldSearch { field: Int32Array; settled: Uint8Array; queue: BucketQueue }

// Fields are kept per costs (which identify the map, parameters, mode, side, weather,
// changed hexes and observation it was built from) and per goal: units sent to the same goal on
// later turns under the same conditions (every night, quiet days) reuse the search.
const fieldCache = new WeakMap<Costs, Map<number, FieldSearch>>();
const FIELDS_PER_TABLE = 32;

const maxStepCache = new WeakMap<Int32Array, number>();

/**
 * A bound no lower than the dearest finite step, for the buckets of a search: the dearer of the
 * two tables a day's costs read from; the distances found do not depend on the number of buckets.
 */
function stepBound(c: Costs): number {
  return Math.max(maxStep(c.plain), c.dear ? maxStep(c.dear) : 0);
}

/** The dearest finite step in a cost table. */
function maxStep(table: Int32Array): number {
  let m = maxStepCache.get(table);
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < table.length; i++) if (table[i] < UNREACHABLE && table[i] > m) m = table[i];
    maxStepCache.set(table, m);
  }
  return m;
}

/**
 * Cost from every hex to `goal` for a side moving in a mode (a reverse Dijkstra over the cost
 * table, ignoring where units stand), exact at least for every hex as near to the goal as the
 * farthest of `needed` that can reach it; hexes farther away hold an upper bound no lower than
 * that, and hexes that cannot reach the goal hold UNREACHABLE. Units heading for the same goal
 * walk down this field instead of each searching on its own. The field is shared: a later call
 * may settle more of it, which never changes a value already exact.
 *
 * A needed hex that cannot reach the goal makes the search run over every hex that can. Which
 * hexes those are depends only on which steps are passable, the same on every table made from
 * the same ground (observation only makes steps dearer): once found, they are kept per ground
 * and goal, and such a hex is no longer searched for on later tables of that ground. A unit there
 * does not move whatever the field holds (no passable step leads to a hex that can reach the goal).
 */
export function goalField(
  map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side, goal: number, needed: number[],
): Int32Array {
  const costs = costsFor(map, p, state, mode, side);
  let byGoal = fieldCache.get(costs);
  if (!byGoal) { byGoal = new Map(); fieldCache.set(costs, byGoal); }
  let f = byGoal.get(goal);
  if (!f) {
    f = { field: new Int32Array(map.size).fill(UNREACHABLE), settled: new Uint8Array(map.size), queue: new BucketQueue(bucketsFor(stepBound(costs))) };
    f.field[goal] = 0;
    f.queue.push(0, goal);
    if (byGoal.size >= FIELDS_PER_TABLE) byGoal.delete(byGoal.keys().next().value!);
    byGoal.set(goal, f);
  }
  const { field, settled, queue } = f;
  const reach = reachCache.get(costs.ground)?.get(goal);
  // The needed hexes not yet settled, marked in a shared scratch array by a generation stamp.
  const want = wantFor(map.size);
  const gen = ++wantGen;
  let left = 0;
  for (const h of needed) if (!settled[h] && want[h] !== gen && (!reach || reach[h])) { want[h] = gen; left++; }
  if (left === 0) return field;
  // The steps into a hex the enemy observes are the observed table's, into any other the plain's.
  const intoPlain = stepsInto(map, costs.plain);
  const intoDear = costs.dear ? stepsInto(map, costs.dear) : intoPlain;
  const seen = costs.seen;
  const neighbours = map.neighbours;
  while (queue.size) {
    const h = queue.pop();
    const c = queue.last;
    if (c > field[h]) continue;
    settled[h] = 1;
    const into = seen !== null && seen[h] === 1 ? intoDear : intoPlain;
    for (let i = h * 6, end = i + 6; i < end; i++) {
      const step = into[i];
      if (step >= UNREACHABLE) continue;
      const n = neighbours[i];
      const nc = c + step;
      if (nc < field[n]) { field[n] = nc; queue.push(nc, n); }
    }
    if (want[h] === gen && --left === 0) break;
  }
  if (!queue.size && costs.sameGround && !reach) keepReach(costs.ground, goal, field);
  return field;
}

/** Per ground (its plain cost table) and goal: 1 for each hex that can reach the goal. */
const reachCache = new WeakMap<Int32Array, Map<number, Uint8Array>>();

function keepReach(plain: Int32Array, goal: number, field: Int32Array): void {
  let byGoal = reachCache.get(plain);
  if (!byGoal) { byGoal = new Map(); reachCache.set(plain, byGoal); }
  if (byGoal.size >= 64) byGoal.delete(byGoal.keys().next().value!);
  const reach = new Uint8Array(field.length);
  for (let h = 0; h < field.length; h++) if (field[h] < UNREACHABLE) reach[h] = 1;
  byGoal.set(goal, reach);
}

let wantScratch = new Uint32Array(0);
let wantGen = 0;

function wantFor(size: number): Uint32Array {
  if (wantScratch.length !== size) { wantScratch = new Uint32Array(size); wantGen = 0; }
  return wantScratch;
}

const intoCache = new WeakMap<Int32Array, Int32Array>();

/**
 * A table turned round for searches outwards from a goal: entry h*6+d is the cost of stepping
 * from h's neighbour in direction d into h (UNREACHABLE off the map), so a search reads each
 * hex's six entries in a row.
 */
function stepsInto(map: MapIndex, table: Int32Array): Int32Array {
  let into = intoCache.get(table);
  if (!into) {
    into = new Int32Array(table.length);
    const neighbours = map.neighbours;
    for (let h = 0; h < map.size; h++) {
      for (let d = 0; d < 6; d++) {
        const n = neighbours[h * 6 + d];
        into[h * 6 + d] = n < 0 ? UNREACHABLE : table[n * 6 + ((d + 3) % 6)];
      }
    }
    intoCache.set(table, into);
  }
  return into;
}

/** A binary min-heap of (priority, value) pairs of non-negative 32-bit integers; ties pop in order of value. */
export class MinHeap {
  private keys = new Int32Array(256);
  private vals = new Int32Array(256);
  private n = 0;
  private last = 0;
  get size(): number { return this.n; }
  /** The priority of the value last popped. */
  get key(): number { return this.last; }
  push(k: number, v: number): void {
    if ((k | 0) !== k) throw new RangeError(`heap priority ${k} is not a 32-bit integer`);
    if (this.n === this.keys.length) {
      const keys = new Int32Array(this.n * 2); keys.set(this.keys); this.keys = keys;
      const vals = new Int32Array(this.n * 2); vals.set(this.vals); this.vals = vals;
    }
    const ks = this.keys; const vs = this.vals;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ks[parent] < k || (ks[parent] === k && vs[parent] <= v)) break;
      ks[i] = ks[parent]; vs[i] = vs[parent];
      i = parent;
    }
    ks[i] = k; vs[i] = v;
  }
  /** Removes the first pair and returns its value; its priority is then `key`. */
  popValue(): number {
    const ks = this.keys; const vs = this.vals;
    const topK = ks[0]; const topV = vs[0];
    const n = --this.n;
    const lastK = ks[n]; const lastV = vs[n];
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (ks[c + 1] < ks[c] || (ks[c + 1] === ks[c] && vs[c + 1] < vs[c]))) c++;
        if (ks[c] > lastK || (ks[c] === lastK && vs[c] >= lastV)) break;
        ks[i] = ks[c]; vs[i] = vs[c];
        i = c;
      }
      ks[i] = lastK; vs[i] = lastV;
    }
    this.last = topK;
    return topV;
  }
  pop(): [number, number] {
    const v = this.popValue();
    return [this.last, v];
  }
}
