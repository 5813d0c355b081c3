// Occupancy: which side holds each hex and with how many men, kept per units record (the engine
// never changes a record it produced) and worked out from the last when one unit moves.
import type { MapIndex } from '../map.ts';
import { type GameState, type UnitState, sideIndex } from '../types.ts';
import { isDraft } from '../immer.ts';
import { onClearCaches } from '../caches.ts';
import { unitKeys } from '../unit-order.ts';

/** Per-hex occupancy of the current state: which side is there and how many men. */
export interface Occupancy { side: Int8Array; men: Int32Array }

let occCache = new WeakMap<object, Occupancy>();
onClearCaches('movement.occupancy', () => { occCache = new WeakMap(); });

export function occupancy(map: MapIndex, state: GameState): Occupancy {
  const hit = occCache.get(state.units);
  if (hit) return hit;
  const side = new Int8Array(map.size).fill(-1);
  const men = new Int32Array(map.size);
  const keys = unitKeys(state.units);
  for (let i = 0; i < keys.length; i++) {
    const u = state.units[keys[i]];
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = sideIndex(u.side);
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
  const keys = unitKeys(units);
  for (let i = 0; i < keys.length; i++) {
    const u = units[keys[i]];
    if (u.hex < 0 || !hs.includes(u.hex) || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = sideIndex(u.side);
    men[u.hex] += u.men;
  }
}

/** Keeps `occ` as the occupancy of a units record the engine produced (which never changes). */
export function rememberOccupancy(units: Readonly<Record<string, UnitState>>, occ: Occupancy): void {
  if (!isDraft(units)) occCache.set(units, occ);
}
