// Pathfinding: which hexes a unit can reach this turn and by which path (a bounded Dijkstra, A*
// towards one target), and whether a path it is told to follow is legal.
import { hexDistance } from '../map.ts';
import type { MapIndex } from '../map.ts';
import type { MovementParams } from '../params.ts';
import { type GameState, type Side, type UnitState, type UnitType, enemyIndex } from '../types.ts';
import { MinHeap } from './min-heap.ts';
import { UNREACHABLE, canAlwaysStep, inEnemyZoc, moveMode } from './movement-rules.ts';
import type { Occupancy } from './occupancy.ts';
import { costTable, costsFor, stepOf } from './step-costs.ts';
import { onClearCaches } from '../caches.ts';

// Scratch buffers for the searches, reused between calls: a generation stamp marks which entries
// belong to the current search, so nothing is cleared or allocated per search.
interface Scratch { cost: Int32Array; prev: Int32Array; stamp: Uint32Array; done: Uint32Array; deep: Uint8Array; held: Uint8Array; gen: number }
const scratchBySize = new Map<number, Scratch>();
onClearCaches('movement.searchScratch', () => {
  // A search result still held reads its own buffers: bumping their generation makes it throw, as after any later search.
  for (const s of scratchBySize.values()) s.gen++;
  scratchBySize.clear();
});

function scratchFor(size: number): Scratch {
  let s = scratchBySize.get(size);
  if (!s) {
    s = { cost: new Int32Array(size), prev: new Int32Array(size), stamp: new Uint32Array(size), done: new Uint32Array(size), deep: new Uint8Array(size), held: new Uint8Array(size), gen: 0 };
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
  /** Enemy-held hexes, covered or not, entered on the way to h (see enemyGround). */
  enemyHexesTo(h: number): number {
    this.check();
    return this.s.stamp[h] === this.gen ? this.s.held[h] : 0;
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
 * hexes cannot be entered; entering a hex next to an enemy ends movement (zone of control); at
 * most movement.enemyGround.maxHexesPerTurn hexes the enemy holds may be entered (enemy ground).
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
  const { cost, prev, stamp, done, deep, held } = sc;
  const gen = sc.gen;
  const reached: number[] = [];
  const enemy = enemyIndex(unit.side);
  const zoc = p.zoneOfControl.stopOnEntry;
  const firstStep = canAlwaysStep(unit);
  const enemyGround = enemyGroundOf(state, unit.side);
  const heldGround = enemyGroundOf(state, unit.side, true);
  const maxDeep = p.enemyGround.maxHexesPerTurn;
  const maxHeld = p.enemyGround.maxHeldHexesPerTurn;
  const afterCover = p.enemyGround.inContactAfterCover;
  const heap = new MinHeap();
  stamp[unit.hex] = gen;
  cost[unit.hex] = 0;
  prev[unit.hex] = -1;
  deep[unit.hex] = 0;
  held[unit.hex] = 0;
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
      const nd = deepAfter(deep[h], enemyGround(n), heldGround(n), afterCover);
      const nh = held[h] + heldGround(n);
      if (nd > maxDeep || nh > maxHeld) continue;
      stamp[n] = gen;
      cost[n] = nc;
      prev[n] = h;
      deep[n] = nd;
      held[n] = nh;
      heap.push(nc + heur(n), n);
    }
  }
  return { sc, gen, reached };
}

/**
 * A unit's way to a hex: the hexes entered (start excluded), their cost, whether it ends next to
 * the enemy, and how many of the hexes entered the enemy held.
 */
export interface Route { cost: number; path: number[]; zoc: boolean; enemyHexes: number }

/** Movement left after a route: none when it ends next to the enemy or entered enemy ground (both end the turn's movement). */
export function mpAfter(mp: number, route: Route): number {
  return route.zoc || route.enemyHexes > 0 ? 0 : mp - route.cost;
}

/**
 * The covered enemy hexes a move counts after entering a hex (`covered`, `held`: that hex's
 * enemyGroundOf values), from `deep` before it: with movement.enemyGround.inContactAfterCover,
 * once the move has entered covered ground every enemy-held hex after counts, covered or not.
 */
export function deepAfter(deep: number, covered: number, held: number, inContactAfterCover: boolean): number {
  return deep + (inContactAfterCover && deep > 0 ? held : covered);
}

/**
 * 1 for a hex the enemy of `side` held and covered as the movement phase began (frontAtMove; the
 * control map outside it), or with `uncovered` held at all, else 0. The rows are read where they
 * are (no flat copy per search): a search reads a few hundred hexes of a 20,000-hex map.
 */
export function enemyGroundOf(state: Pick<GameState, 'control' | 'frontAtMove'>, side: Side, uncovered = false): (h: number) => number {
  const rows = state.frontAtMove ?? state.control;
  const cols = rows[0].length;
  const code = side === 'allied' ? 71 : 65; // 'G' : 'A'
  const loose = uncovered ? code + 32 : code; // 'g' : 'a'
  return (h) => {
    const r = (h / cols) | 0;
    const c = rows[r].charCodeAt(h - r * cols);
    return c === code || c === loose ? 1 : 0;
  };
}

let minStepCache = new WeakMap<Int32Array, number>();
onClearCaches('movement.minStep', () => { minStepCache = new WeakMap(); });

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
  const enemy = enemyIndex(unit.side);
  const enemyGround = enemyGroundOf(state, unit.side);
  const heldGround = enemyGroundOf(state, unit.side, true);
  const { maxHexesPerTurn: maxDeep, maxHeldHexesPerTurn: maxHeld } = p.enemyGround;
  let at = unit.hex;
  let cost = 0;
  let deep = 0;
  let held = 0;
  for (let i = 0; i < path.length; i++) {
    const n = path[i];
    const d = map.neighbours.subarray(at * 6, at * 6 + 6).indexOf(n);
    if (d < 0) return `step ${i + 1} of the path does not lead to a neighbouring hex`;
    if (occ.side[n] === enemy) return `the path enters a hex held by the enemy`;
    deep = deepAfter(deep, enemyGround(n), heldGround(n), p.enemyGround.inContactAfterCover);
    held += heldGround(n);
    if (deep > maxDeep) return `the path crosses more than ${maxDeep} ${maxDeep === 1 ? 'hex' : 'hexes'} of ground the enemy holds and covers (${(maxDeep * map.data.grid.hexSizeM / 1000).toFixed(2)} km a turn: enemy ground is crossed in contact, not marched)`;
    if (held > maxHeld) return `the path crosses more than ${maxHeld} hexes of enemy-held ground (${(maxHeld * map.data.grid.hexSizeM / 1000).toFixed(2)} km a turn)`;
    const step = stepOf(map, costs, at * 6 + d);
    if (step >= UNREACHABLE) return `step ${i + 1} of the path crosses impassable ground for this unit`;
    cost += step;
    if (i < path.length - 1 && p.zoneOfControl.stopOnEntry && inEnemyZoc(map, occ, unit.side, n)) return 'the path goes on past a hex next to the enemy';
    at = n;
  }
  // A unit that has not moved this turn may always take one step, whatever it costs.
  if (cost > unit.mp && path.length === 1 && canAlwaysStep(unit)) return { cost: unit.mp, path: [...path], zoc: inEnemyZoc(map, occ, unit.side, at), enemyHexes: held };
  if (cost > unit.mp) return `the path needs ${(cost / 100).toFixed(1)} h of movement, the unit has ${(unit.mp / 100).toFixed(1)} h left`;
  return { cost, path: [...path], zoc: inEnemyZoc(map, occ, unit.side, at), enemyHexes: held };
}


/** The cheapest route to `target` within the unit's movement (A* search), or null. */
export function routeTo(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy, target: number,
): Route | null {
  let { sc, gen } = search(map, p, state, unit, type, occ, unit.mp, target, true);
  // The depth of enemy ground keeps one way per hex, the cheapest found first: A* and Dijkstra
  // settle hexes in different orders, so where A* finds none, the search `reachable` makes decides.
  if (sc.done[target] !== gen) ({ sc, gen } = search(map, p, state, unit, type, occ, unit.mp, target, false));
  if (sc.done[target] !== gen) return null;
  const path: number[] = [];
  for (let x = target; x !== unit.hex; x = sc.prev[x]) path.push(x);
  return { cost: Math.min(sc.cost[target], unit.mp), path: path.reverse(), zoc: inEnemyZoc(map, occ, unit.side, target), enemyHexes: sc.held[target] };
}
