// Terrain and movement: what a hex is now (bombing changes it), what it costs to enter, which
// hexes a unit can reach this turn and by which path. Costs are integer hundredths of an hour so
// paths and remaining movement are exact on every machine.
import type { MapIndex, TerrainType } from '../map.ts';
import { LINK_BY_CODE } from '../map.ts';
import type { MovementParams } from '../params.ts';
import type { GameState, Side, UnitState, UnitType } from '../types.ts';
import { isObserved } from './observation.ts';

export type MoveMode = 'foot' | 'vehicle';

const VEHICLE_TYPES: ReadonlySet<UnitType> = new Set(['armour', 'tank-destroyer', 'assault-gun', 'artillery']);

export function moveMode(type: UnitType): MoveMode {
  return VEHICLE_TYPES.has(type) ? 'vehicle' : 'foot';
}

export function terrainAt(map: MapIndex, state: GameState, h: number): TerrainType {
  return (state.hexes[h]?.terrain as TerrainType | undefined) ?? map.terrain[h];
}

/** Index+1 of the river hexside from h in direction d (0 when there is none). */
export function riverSideAt(map: MapIndex, h: number, d: number): number {
  return map.river[h * 6 + d];
}

export function isBridged(map: MapIndex, state: GameState, h: number, d: number): boolean {
  const r = map.river[h * 6 + d];
  if (r === 0) return false;
  if (map.data.riverSides[r - 1].bridge) return true;
  const n = map.neighbours[h * 6 + d];
  return (state.hexes[h]?.bridges?.includes(d) ?? false) || (n >= 0 && (state.hexes[n]?.bridges?.includes((d + 3) % 6) ?? false));
}

/** Whether the river side is fordable now: a river in flood is not. */
export function fordableNow(map: MapIndex, state: GameState, r: number): boolean {
  return map.data.riverSides[r - 1].fordable && state.weather.riverLevel < 2;
}

export const UNREACHABLE = 0x3fffffff;

/** Cost in hundredths of an hour to move from h into its neighbour in direction d. */
export function stepCost(
  map: MapIndex, p: MovementParams, state: GameState, mode: MoveMode, side: Side, h: number, d: number,
): number {
  const n = map.neighbours[h * 6 + d];
  if (n < 0) return UNREACHABLE;
  const terrain = terrainAt(map, state, n);
  const linkCode = map.link[h * 6 + d];
  let speed = 0;
  if (linkCode) speed = p.linkSpeedKmh[mode][LINK_BY_CODE[linkCode]!];
  const onRoad = speed > 0;
  if (!onRoad) {
    speed = p.speedKmh[mode][terrain];
    if (state.weather.ground === 'mud') speed *= p.mudSpeedFactor[mode];
  }
  if (speed <= 0) return UNREACHABLE;
  let hours = (map.data.grid.hexSizeM / 1000) / speed;
  const r = map.river[h * 6 + d];
  if (r && !isBridged(map, state, h, d)) {
    if (mode === 'vehicle') return UNREACHABLE;
    const flood = state.weather.riverLevel >= 2 ? p.riverCrossingHours.floodFactor : 1;
    hours += (fordableNow(map, state, r) ? p.riverCrossingHours.fordable : p.riverCrossingHours.unfordable) * flood;
  }
  const enemy = side === 'allied' ? 'german' : 'allied';
  if (state.observed[enemy] && isObserved(state, enemy, n) && state.weather.visibility >= 50) hours *= p.observedFactor.value;
  return Math.ceil(hours * 100);
}

/** Per-hex occupancy of the current state: which side is there and how many men. */
export interface Occupancy { side: Int8Array; men: Int32Array }

export function occupancy(map: MapIndex, state: GameState): Occupancy {
  const side = new Int8Array(map.size).fill(-1);
  const men = new Int32Array(map.size);
  for (const id in state.units) {
    const u = state.units[id];
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = u.side === 'allied' ? 0 : 1;
    men[u.hex] += u.men;
  }
  return { side, men };
}

export function inEnemyZoc(map: MapIndex, occ: Occupancy, side: Side, h: number): boolean {
  const enemy = side === 'allied' ? 1 : 0;
  for (let d = 0; d < 6; d++) {
    const n = map.neighbours[h * 6 + d];
    if (n >= 0 && occ.side[n] === enemy) return true;
  }
  return false;
}

export interface Reach {
  /** Cost to reach each hex (UNREACHABLE where it cannot). */
  cost: Int32Array;
  /** Previous hex on the cheapest path (-1 at the start). */
  prev: Int32Array;
  /** Hexes reached, in order of cost. */
  reached: number[];
}

/**
 * Hexes `unit` can reach with its remaining movement: Dijkstra bounded by the budget. Enemy
 * hexes cannot be entered; entering a hex next to an enemy ends movement (zone of control).
 */
export function reachable(
  map: MapIndex, p: MovementParams, state: GameState, unit: UnitState, type: UnitType, occ: Occupancy,
  budget = unit.mp,
): Reach {
  const mode = moveMode(type);
  const cost = new Int32Array(map.size).fill(UNREACHABLE);
  const prev = new Int32Array(map.size).fill(-1);
  const reached: number[] = [];
  const enemy = unit.side === 'allied' ? 1 : 0;
  const heap = new MinHeap();
  cost[unit.hex] = 0;
  heap.push(0, unit.hex);
  const done = new Uint8Array(map.size);
  while (heap.size) {
    const [c, h] = heap.pop();
    if (done[h]) continue;
    done[h] = 1;
    reached.push(h);
    if (h !== unit.hex && p.zoneOfControl.stopOnEntry && inEnemyZoc(map, occ, unit.side, h)) continue;
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n < 0 || done[n] || occ.side[n] === enemy) continue;
      const step = stepCost(map, p, state, mode, unit.side, h, d);
      if (step >= UNREACHABLE) continue;
      const nc = c + step;
      if (nc > budget || nc >= cost[n]) continue;
      cost[n] = nc;
      prev[n] = h;
      heap.push(nc, n);
    }
  }
  return { cost, prev, reached };
}

export function pathTo(reach: Reach, to: number): number[] {
  const path: number[] = [];
  for (let h = to; h >= 0; h = reach.prev[h]) path.push(h);
  return path.reverse();
}

/** A binary min-heap of (priority, value) pairs; ties pop in insertion order of value. */
export class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number { return this.keys.length; }
  push(k: number, v: number): void {
    const ks = this.keys; const vs = this.vals;
    let i = ks.length;
    ks.push(k); vs.push(v);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ks[parent] < k || (ks[parent] === k && vs[parent] <= v)) break;
      ks[i] = ks[parent]; vs[i] = vs[parent];
      i = parent;
    }
    ks[i] = k; vs[i] = v;
  }
  pop(): [number, number] {
    const ks = this.keys; const vs = this.vals;
    const topK = ks[0]; const topV = vs[0];
    const lastK = ks.pop()!; const lastV = vs.pop()!;
    const n = ks.length;
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
    return [topK, topV];
  }
}
