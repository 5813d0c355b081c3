// The searches behind a supply trace: from scratch, or repaired from an earlier trace of the side.
// Between two turns the front moves a few hexes and most of the network's costs stand, so a repair
// settles again only the hexes whose cheapest path ran through a changed hex, and those the changes
// bring closer. Step costs are positive integers and the result is the cheapest cost to each hex,
// whatever order ties settle in, so a repair gives exactly the costs a search from scratch gives
// (tests/supply-search.test.ts).
import { UNREACHABLE } from './movement-rules.ts';
import { BucketQueue } from './bucket-queue.ts';
import { MinHeap } from './min-heap.ts';

/** A side's supply network at one moment. */
export interface SupplyNetwork {
  /** The map's neighbour table (h * 6 + d). */
  neighbours: Int32Array;
  /** Step costs into the neighbour, plain and under enemy observation (UNREACHABLE: no way through). */
  plain: Int32Array; observed: Int32Array;
  /** Buckets for a search over these steps (see bucketsFor). */
  buckets: number;
  /** Each hex: 0 closed (not the side's), 1 open, 2 open and watched by the enemy. */
  open: Uint8Array;
  /** The hexes supply starts from (the side's sources), open or not. */
  sources: readonly number[];
}

/** The cost of the step through hexside i into hex n (its neighbour that way), or UNREACHABLE. */
function stepInto(net: SupplyNetwork, i: number, n: number): number {
  const o = net.open[n];
  return o === 0 ? UNREACHABLE : o === 2 ? net.observed[i] : net.plain[i];
}

/** Cost of the cheapest path from any open source to every hex (UNREACHABLE: none), searched from scratch. */
export function searchSupply(net: SupplyNetwork): Int32Array {
  const { open } = net;
  const cost = new Int32Array(open.length).fill(UNREACHABLE);
  const queue = new BucketQueue(net.buckets);
  for (const h of net.sources) {
    if (h < 0 || open[h] === 0) continue;
    cost[h] = 0;
    queue.push(0, h);
  }
  while (queue.size) {
    const h = queue.pop();
    const c = queue.last;
    if (c <= cost[h]) spreadFrom(net, cost, h, c, queue);
  }
  return cost;
}

/** Offers each neighbour of `h` (reached for `c`) the cost of a path through `h`, queueing those it makes cheaper. */
function spreadFrom(net: SupplyNetwork, cost: Int32Array, h: number, c: number, queue: { push(k: number, v: number): void }): void {
  for (let i = h * 6, end = i + 6; i < end; i++) {
    const n = net.neighbours[i];
    if (n < 0) continue;
    const step = stepInto(net, i, n);
    if (step === UNREACHABLE) continue;
    const nc = c + step;
    if (nc < cost[n]) {
      cost[n] = nc;
      queue.push(nc, n);
    }
  }
}

/**
 * The hexes where `after` differs from `before` for a search: opened, closed, watched or no longer,
 * or with a step into them that costs otherwise (looked for only among `steps`, the hexsides where
 * the two tables may differ, when given). Undefined when there are more than `most`.
 */
export function changedHexes(before: SupplyNetwork, after: SupplyNetwork, most: number, steps?: readonly number[]): number[] | undefined {
  const size = after.open.length;
  const changed = new Uint8Array(size);
  const out: number[] = [];
  for (let n = 0; n < size; n++) {
    if (before.open[n] === after.open[n]) continue;
    changed[n] = 1;
    if (out.push(n) > most) return undefined;
  }
  if (before.plain !== after.plain || before.observed !== after.observed) {
    const { neighbours } = after;
    const step = (i: number) => {
      const n = neighbours[i];
      if (n < 0 || changed[n] || (before.plain[i] === after.plain[i] && before.observed[i] === after.observed[i])) return;
      changed[n] = 1;
      out.push(n);
    };
    if (steps) for (const i of steps) step(i);
    else for (let i = 0; i < neighbours.length; i++) step(i);
  }
  return out.length > most ? undefined : out;
}

/** Whether every step of the tables costs at least 1, which repairSupply needs (a cheapest path then never runs through a hex of equal cost). */
export function positiveSteps(net: Pick<SupplyNetwork, 'plain' | 'observed'>): boolean {
  for (let i = 0; i < net.plain.length; i++) if (net.plain[i] < 1 || net.observed[i] < 1) return false;
  return true;
}

/**
 * Turns `cost`, searchSupply's result for an earlier network, into its result for `after`, given
 * the hexes where the two differ (changedHexes). Both must share the map and the sources, and
 * `after` must have positive steps.
 */
export function repairSupply(after: SupplyNetwork, cost: Int32Array, changed: readonly number[]): void {
  const { neighbours, open } = after;
  const isSource = (n: number) => after.sources.includes(n);
  // First, which costs no longer hold: a hex keeps its cost while a neighbour whose cost holds
  // reaches it for exactly that cost. Only a changed hex, or one next to a hex found to have lost
  // its cost, can lose its own; they are taken cheapest first, so that every neighbour that could
  // carry a hex's cost (a cheaper one) has been decided when the hex is.
  const mark = new Uint8Array(open.length); // 1 to be decided, 2 holds, 3 lost
  const lost: number[] = [];
  const check = new MinHeap();
  for (const n of changed) if (cost[n] < UNREACHABLE) { mark[n] = 1; check.push(cost[n], n); }
  while (check.size) {
    const n = check.popValue();
    if (mark[n] !== 1) continue;
    if (holds(n)) { mark[n] = 2; continue; }
    mark[n] = 3;
    lost.push(n);
    // The neighbours its cost carried. An unmarked one is not a changed hex (those with a cost
    // are all marked), so the step into it cost then what it costs now.
    for (let i = n * 6, end = i + 6; i < end; i++) {
      const m = neighbours[i];
      if (m < 0 || mark[m] !== 0 || cost[m] >= UNREACHABLE) continue;
      const step = stepInto(after, i, m);
      if (step !== UNREACHABLE && cost[n] + step === cost[m]) { mark[m] = 1; check.push(cost[m], m); }
    }
  }
  function holds(n: number): boolean {
    if (open[n] === 0) return false;
    if (isSource(n)) return cost[n] === 0;
    for (let d = 0; d < 6; d++) {
      const h = neighbours[n * 6 + d];
      if (h < 0 || mark[h] === 3 || cost[h] >= cost[n]) continue;
      const i = h * 6 + ((d + 3) % 6);
      const step = stepInto(after, i, n);
      if (step !== UNREACHABLE && cost[h] + step === cost[n]) return true;
    }
    return false;
  }
  // Then the lost and changed hexes are costed afresh from their neighbours, and what they gain
  // (or what a changed hex gains by being cheaper to enter) spreads as in a search from scratch.
  for (const n of lost) cost[n] = UNREACHABLE;
  const queue = new MinHeap();
  const reseed = (n: number) => {
    if (open[n] === 0) return;
    let best = isSource(n) ? 0 : UNREACHABLE;
    for (let d = 0; d < 6 && best > 0; d++) {
      const h = neighbours[n * 6 + d];
      if (h < 0 || cost[h] >= UNREACHABLE) continue;
      const step = stepInto(after, h * 6 + ((d + 3) % 6), n);
      if (step !== UNREACHABLE && cost[h] + step < best) best = cost[h] + step;
    }
    if (best < cost[n]) { cost[n] = best; queue.push(best, n); }
  };
  for (const n of lost) reseed(n);
  for (const n of changed) reseed(n);
  while (queue.size) {
    const h = queue.popValue();
    const c = queue.key;
    if (c <= cost[h]) spreadFrom(after, cost, h, c, queue);
  }
}
