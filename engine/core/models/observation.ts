// Observation: which hexes each side can see this turn. A side sees the viewsheds of the
// observation posts it holds (precomputed at map build time by line of sight over the elevation
// grid) and the hexes close to its own units. Poor visibility (night, rain, smoke) leaves only
// the close ring.
import type { ObservationParams } from '../params.ts';
import type { MapIndex } from '../map.ts';
import { decodeRuns } from '../map.ts';
import { controlOf } from '../control.ts';
import type { GameState, Side } from '../types.ts';
import { onClearCaches } from '../caches.ts';

let viewshedCache = new WeakMap<MapIndex, number[][]>();
onClearCaches('observation.viewsheds', () => { viewshedCache = new WeakMap(); });

function viewsheds(map: MapIndex): number[][] {
  let v = viewshedCache.get(map);
  if (!v) {
    v = map.data.observationPosts.map((op) => decodeRuns(op.seen));
    viewshedCache.set(map, v);
  }
  return v;
}

const SIDE_CHAR: Record<Side, string> = { allied: 'A', german: 'G' };

let unionCache = new WeakMap<MapIndex, Map<string, Uint8Array>>();
onClearCaches('observation.unions', () => { unionCache = new WeakMap(); });

/**
 * The hexes seen from the observation posts marked '1' in `held` (one character per post). The
 * posts change hands seldom: the union is kept for the last few sets of posts held.
 */
function viewshedUnion(map: MapIndex, held: string): Uint8Array {
  let byHeld = unionCache.get(map);
  if (!byHeld) { byHeld = new Map(); unionCache.set(map, byHeld); }
  let seen = byHeld.get(held);
  if (!seen) {
    seen = new Uint8Array(map.size);
    const vs = viewsheds(map);
    for (let i = 0; i < vs.length; i++) if (held.charCodeAt(i) === 49) for (const h of vs[i]) seen[h] = 1;
    if (byHeld.size >= 16) byHeld.delete(byHeld.keys().next().value!);
    byHeld.set(held, seen);
  }
  return seen;
}

/** Observed hexes of `side` as a Uint8Array (1 = observed). */
export function observedHexes(map: MapIndex, p: ObservationParams, state: GameState, side: Side): Uint8Array {
  const c = SIDE_CHAR[side];
  const farSight = state.weather.visibility >= p.minVisibilityPercent.value;
  let seen: Uint8Array;
  if (farSight) {
    let held = '';
    for (const op of map.data.observationPosts) held += controlOf(state, op.hex) === c ? '1' : '0';
    seen = viewshedUnion(map, held).slice();
  } else seen = new Uint8Array(map.size);
  const radius = p.ownHexRadius.value;
  for (const id in state.units) {
    const u = state.units[id];
    if (u.side !== side || u.hex < 0 || u.status !== 'active' && u.status !== 'reserve') continue;
    markWithin(map, u.hex, radius, seen);
  }
  // Smoke hides a hex from the enemy's distant observers, but not from units next to it.
  for (const key in state.hexes) {
    if (!state.hexes[key].smoke) continue;
    const h = Number(key);
    if (!hasUnitNear(map, state, side, h)) seen[h] = 0;
  }
  return seen;
}

function markWithin(map: MapIndex, centre: number, radius: number, out: Uint8Array): void {
  out[centre] = 1;
  let frontier = [centre];
  for (let k = 0; k < radius; k++) {
    const next: number[] = [];
    for (const h of frontier) for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n >= 0 && !out[n]) { out[n] = 1; next.push(n); }
    }
    frontier = next;
  }
}

function hasUnitNear(map: MapIndex, state: GameState, side: Side, h: number): boolean {
  for (const id in state.units) {
    const u = state.units[id];
    if (u.side !== side || u.hex < 0) continue;
    if (u.hex === h) return true;
    for (let d = 0; d < 6; d++) if (map.neighbours[u.hex * 6 + d] === h) return true;
  }
  return false;
}

// Bytes to a string of the same characters, one a byte ('0' and '1' are the same in every
// single-byte encoding); a web standard, in browsers and Node alike.
const latin1 = new TextDecoder('latin1');

export function encodeObserved(seen: Uint8Array): string {
  const codes = new Uint8Array(seen.length);
  for (let i = 0; i < seen.length; i++) codes[i] = 48 + seen[i];
  return latin1.decode(codes);
}

export function isObserved(state: GameState, by: Side, h: number): boolean {
  return state.observed[by].charCodeAt(h) === 49;
}
