// Goal fields: the cost from every hex to a goal, searched outwards from the goal once and
// shared by every unit heading there, kept per cost table and goal and searched further on demand.
import type { MapIndex } from '../map.ts';
import type { MovementParams } from '../params.ts';
import type { GameState, Side } from '../types.ts';
import { BucketQueue, bucketsFor } from './bucket-queue.ts';
import { type MoveMode, UNREACHABLE } from './movement-rules.ts';
import { type Costs, costsFor } from './step-costs.ts';
import { onClearCaches } from '../caches.ts';

/** A goal's distance field, searched outwards from the goal as far as callers have needed so far. */
interface FieldSearch { field: Int32Array; settled: Uint8Array; queue: BucketQueue }

// Fields are kept per costs (which identify the map, parameters, mode, side, weather,
// changed hexes and observation it was built from) and per goal: units sent to the same goal on
// later turns under the same conditions (every night, quiet days) reuse the search.
let fieldCache = new WeakMap<Costs, Map<number, FieldSearch>>();
onClearCaches('movement.goalFields', () => { fieldCache = new WeakMap(); });
const FIELDS_PER_TABLE = 32;

let maxStepCache = new WeakMap<Int32Array, number>();
onClearCaches('movement.maxStep', () => { maxStepCache = new WeakMap(); });

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
  spread(map, costs, field, settled, queue, want, gen, left, null);
  if (!queue.size && costs.sameGround && !reach) keepReach(costs.ground, goal, field);
  return field;
}

/**
 * Settles hexes outwards from the queue until `left` wanted hexes are settled (or all that can
 * be). The steps into a hex the enemy observes are the observed table's, into any other the
 * plain's. Hexes marked in `blocked` are never entered.
 */
function spread(
  map: MapIndex, costs: Costs, field: Int32Array, settled: Uint8Array, queue: BucketQueue,
  want: Uint32Array, gen: number, left: number, blocked: Uint8Array | null,
): void {
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
      if (blocked !== null && blocked[n] === 1) continue;
      const nc = c + step;
      if (nc < field[n]) { field[n] = nc; queue.push(nc, n); }
    }
    if (want[h] === gen && --left === 0) break;
  }
}

/**
 * A goal's distance field that goes round the hexes in `blocked` (the enemy's units), searched
 * until `from` is settled: for a unit whose way down the shared field (which ignores where units
 * stand) runs into an enemy unit, so that every step it could take leads away from the goal. Not
 * kept: where units stand changes with every move.
 */
export function detourField(
  map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side, goal: number, from: number, blocked: Uint8Array,
): Int32Array {
  const costs = costsFor(map, p, state, mode, side);
  const field = new Int32Array(map.size).fill(UNREACHABLE);
  const queue = new BucketQueue(bucketsFor(stepBound(costs)));
  field[goal] = 0;
  queue.push(0, goal);
  const want = wantFor(map.size);
  const gen = ++wantGen;
  want[from] = gen;
  spread(map, costs, field, new Uint8Array(map.size), queue, want, gen, 1, blocked);
  return field;
}

/** Per ground (its plain cost table) and goal: 1 for each hex that can reach the goal. */
let reachCache = new WeakMap<Int32Array, Map<number, Uint8Array>>();
onClearCaches('movement.goalReach', () => { reachCache = new WeakMap(); });

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
onClearCaches('movement.wantScratch', () => { wantScratch = new Uint32Array(0); wantGen = 0; });

function wantFor(size: number): Uint32Array {
  if (wantScratch.length !== size) { wantScratch = new Uint32Array(size); wantGen = 0; }
  return wantScratch;
}

let intoCache = new WeakMap<Int32Array, Int32Array>();
onClearCaches('movement.stepsInto', () => { intoCache = new WeakMap(); });

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
