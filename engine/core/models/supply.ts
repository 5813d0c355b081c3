// Supply: traced each turn from a side's sources through hexes it controls — lorries on roads,
// mules and porters off them. Observed hexes (interdiction by observed fire) and mud make the
// trace dearer; a unit's supply falls with the cost of the cheapest path to it.
import type { MapIndex } from '../map.ts';
import { LINK_BY_CODE } from '../map.ts';
import type { MovementParams, SupplyParams } from '../params.ts';
import type { Scenario } from '../scenario.ts';
import { type GameState, type Side, enemyOf } from '../types.ts';
import { UNREACHABLE, fordableNow, isBridged, terrainAt } from './movement-rules.ts';
import { controlFlat, sideChar } from '../control.ts';
import { bucketsFor } from './bucket-queue.ts';
import { type SupplyNetwork, changedHexes, positiveSteps, repairSupply, searchSupply } from './supply-search.ts';
import { stateJson } from '../hash.ts';
import { onClearCaches } from '../caches.ts';

/** Hours to carry supplies from h into its neighbour in direction d (Infinity: no way through). */
function supplyStepHours(
  map: MapIndex, mp: MovementParams, sp: SupplyParams, state: Pick<GameState, 'hexes' | 'weather'>, h: number, d: number,
): number {
  const n = map.neighbours[h * 6 + d];
  if (n < 0) return Infinity;
  const km = map.data.grid.hexSizeM / 1000;
  const link = map.link[h * 6 + d];
  let speed = 0;
  if (link) {
    const kind = LINK_BY_CODE[link]!;
    speed = Math.max(mp.linkSpeedKmh.vehicle[kind], mp.linkSpeedKmh.foot[kind]);
  }
  let hours: number;
  if (speed > 0) hours = km / speed;
  else {
    speed = mp.speedKmh.foot[terrainAt(map, state, n)];
    if (speed <= 0) return Infinity;
    hours = km / speed;
    if (state.weather.ground === 'mud') hours *= sp.mudFactor.value;
  }
  const r = map.river[h * 6 + d];
  if (r && !isBridged(map, state, h, d)) {
    hours += fordableNow(map, state, r) ? mp.riverCrossingHours.fordable : mp.riverCrossingHours.unfordable;
  }
  return hours;
}

interface SupplyTableEntry {
  map: MapIndex; mp: MovementParams; sp: SupplyParams; mud: boolean; riverLevel: number;
  /** The changed hexes, as an object and as canonical text (equal text, equal hexes: another run's table serves). */
  hexes: GameState['hexes']; hexesText: string;
  /** Step costs in hundredths of an hour (UNREACHABLE: no way through), plain and under enemy observation. */
  plain: Int32Array; observed: Int32Array;
  /** Buckets for a search over these steps. */
  buckets: number;
  /** Every step costs at least 1 (see repairSupply). */
  positive: boolean;
  /** The steps over the map as built, and the hexsides set again for the changed hexes: the only ones where two tables over the same base can differ. */
  base: BaseSupplySteps; rebuilt: number[];
}
const supplyTableCache: SupplyTableEntry[] = [];
onClearCaches('supply.tables', () => { supplyTableCache.length = 0; });

/** Supply step costs for every hexside in the given ground and river state, cached. */
function supplyTable(map: MapIndex, mp: MovementParams, sp: SupplyParams, state: GameState): SupplyTableEntry {
  const mud = state.weather.ground === 'mud';
  const riverLevel = state.weather.riverLevel;
  let hexesText: string | undefined;
  for (const e of supplyTableCache) {
    if (e.map !== map || e.mp !== mp || e.sp !== sp || e.mud !== mud || e.riverLevel !== riverLevel) continue;
    if (e.hexes === state.hexes || e.hexesText === (hexesText ??= stateJson(state.hexes))) return e;
  }
  const base = baseSupplySteps(map, mp, sp, state.weather);
  const plain = base.plain.slice();
  const observed = base.observed.slice();
  const rebuilt: number[] = [];
  // Hexes changed in play (rubble, ruins, bridges): every hexside that touches them again.
  for (const key in state.hexes) {
    const c = Number(key);
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[c * 6 + d];
      setSupplyStep(map, mp, sp, state, c, d, plain, observed);
      rebuilt.push(c * 6 + d);
      if (n < 0) continue;
      setSupplyStep(map, mp, sp, state, n, (d + 3) % 6, plain, observed);
      rebuilt.push(n * 6 + ((d + 3) % 6));
    }
  }
  let max = 0;
  for (let i = 0; i < observed.length; i++) if (observed[i] < UNREACHABLE) max = Math.max(max, plain[i], observed[i]);
  const e = { map, mp, sp, mud, riverLevel, hexes: state.hexes, hexesText: hexesText ?? stateJson(state.hexes), plain, observed, buckets: bucketsFor(max), positive: positiveSteps({ plain, observed }), base, rebuilt };
  if (supplyTableCache.length >= 6) supplyTableCache.shift();
  supplyTableCache.push(e);
  return e;
}

function setSupplyStep(
  map: MapIndex, mp: MovementParams, sp: SupplyParams, state: Pick<GameState, 'hexes' | 'weather'>, h: number, d: number,
  plain: Int32Array, observed: Int32Array,
): void {
  const hours = supplyStepHours(map, mp, sp, state, h, d);
  plain[h * 6 + d] = hours === Infinity ? UNREACHABLE : Math.ceil(hours * 100);
  observed[h * 6 + d] = hours === Infinity ? UNREACHABLE : Math.ceil(hours * sp.observedFactor.value * 100);
}

interface BaseSupplySteps { mp: MovementParams; sp: SupplyParams; plain: Int32Array; observed: Int32Array }
let baseSupplyCache = new WeakMap<MapIndex, Map<string, BaseSupplySteps>>();
onClearCaches('supply.baseSteps', () => { baseSupplyCache = new WeakMap(); });

/** Supply step costs over the map as built (nothing bombed or bridged in play), per ground and river state. */
function baseSupplySteps(map: MapIndex, mp: MovementParams, sp: SupplyParams, weather: GameState['weather']): BaseSupplySteps {
  let byKey = baseSupplyCache.get(map);
  if (!byKey) { byKey = new Map(); baseSupplyCache.set(map, byKey); }
  const mud = weather.ground === 'mud';
  const key = `${mud}|${weather.riverLevel}`;
  const hit = byKey.get(key);
  if (hit && hit.mp === mp && hit.sp === sp) return hit;
  // Only the ground and the river level are read from the weather.
  const built = { hexes: {}, weather: { ...weather, ground: mud ? 'mud' : 'dry', riverLevel: weather.riverLevel } } as const;
  const plain = new Int32Array(map.size * 6);
  const observed = new Int32Array(map.size * 6);
  for (let h = 0; h < map.size; h++) for (let d = 0; d < 6; d++) setSupplyStep(map, mp, sp, built, h, d, plain, observed);
  const e = { mp, sp, plain, observed };
  byKey.set(key, e);
  return e;
}

/** Cost (hundredths of an hour) of the cheapest supply path from any of `side`'s sources to every hex. */
export function supplyCosts(
  map: MapIndex, mp: MovementParams, sp: SupplyParams, scenario: Scenario, state: GameState, side: Side,
  enemyObserved: string = state.observed[enemyOf(side)],
): Int32Array {
  const interdict = state.weather.visibility >= 50;
  const entry = supplyTable(map, mp, sp, state);
  const control = controlFlat(state);
  const seen = interdict ? enemyObserved : '';
  // Quiet turns trace the same network again: the last traces of each side are kept, two of
  // them, since a night's trace (no interdiction by observed fire) is the same as the last
  // night's when the front has not moved, and likewise by day.
  const traces = lastTraces[side];
  for (let i = 0; i < traces.length; i++) {
    const t = traces[i];
    if (t.entry !== entry || t.sources !== scenario.supplySources || t.control !== control || t.seen !== seen) continue;
    if (i > 0) { traces.splice(i, 1); traces.unshift(t); }
    return t.cost.slice();
  }
  const net = network(map, entry, scenario, side, control, seen);
  // Otherwise a kept trace of the side is repaired where the network changed (the front moved a
  // few hexes), the one with the fewest changes, unless so much changed that a search from
  // scratch costs less.
  let cost: Int32Array | undefined;
  if (entry.positive) {
    let best: { t: Trace; changed: number[] } | undefined;
    // By day the last day's trace is likely the closer (and by night the last night's): the
    // hexes the enemy watches are a large part of the network.
    const order = traces.length === 2 && (traces[1].seen === '') === (seen === '') ? [traces[1], traces[0]] : traces;
    for (const t of order) {
      // Another ground or river level changes steps all over the map.
      if (t.entry.base !== entry.base || t.sources !== scenario.supplySources) continue;
      const steps = t.entry === entry ? [] : t.entry.rebuilt.concat(entry.rebuilt);
      const changed = changedHexes(t.net, net, Math.min(map.size >> 4, best ? best.changed.length - 1 : Infinity), steps);
      if (changed) best = { t, changed };
    }
    if (best) repairSupply(net, cost = best.t.cost.slice(), best.changed);
  }
  cost ??= searchSupply(net);
  traces.unshift({ entry, sources: scenario.supplySources, control, seen, net, cost: cost.slice() });
  if (traces.length > 2) traces.pop();
  return cost;
}

/** `side`'s supply network in a state, as supplyCosts searches it (for tests of the searches). */
export function supplyNetwork(
  map: MapIndex, mp: MovementParams, sp: SupplyParams, scenario: Scenario, state: GameState, side: Side,
  enemyObserved: string = state.observed[enemyOf(side)],
): SupplyNetwork {
  return network(map, supplyTable(map, mp, sp, state), scenario, side, controlFlat(state), state.weather.visibility >= 50 ? enemyObserved : '');
}

/** The network over `entry`'s steps, open where `control` is the side's and watched where `seen` (no interdiction: empty) says so. */
function network(map: MapIndex, entry: SupplyTableEntry, scenario: Scenario, side: Side, control: string, seen: string): SupplyNetwork {
  const own = sideChar(side).charCodeAt(0);
  const open = new Uint8Array(map.size);
  for (let n = 0; n < map.size; n++) open[n] = control.charCodeAt(n) !== own ? 0 : seen && seen.charCodeAt(n) === 49 ? 2 : 1;
  return {
    neighbours: map.neighbours, plain: entry.plain, observed: entry.observed, buckets: entry.buckets, open,
    sources: sourceHexes(scenario.supplySources, side),
  };
}

/** The hexes of `side`'s supply sources on the map. */
function sourceHexes(sources: Scenario['supplySources'], side: Side): number[] {
  return sources.filter((s) => s.side === side && s.hex >= 0).map((s) => s.hex);
}

interface Trace {
  entry: SupplyTableEntry; sources: Scenario['supplySources']; control: string; seen: string;
  net: SupplyNetwork; cost: Int32Array;
}
const lastTraces: Record<Side, Trace[]> = { allied: [], german: [] };
onClearCaches('supply.traces', () => { lastTraces.allied.length = 0; lastTraces.german.length = 0; });

/** Whole percent of full supply for a path cost. */
export function supplyPercent(sp: SupplyParams, cost: number): number {
  if (cost >= UNREACHABLE) return sp.cutOffPercent.value;
  const hours = cost / 100;
  const full = sp.fullWithinHours.value;
  const zero = sp.zeroBeyondHours.value;
  if (hours <= full) return 100;
  const min = sp.minimumConnectedPercent.value;
  if (hours >= zero) return min;
  return Math.round(100 - ((100 - min) * (hours - full)) / (zero - full));
}
