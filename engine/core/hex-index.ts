// Which units stand in a hex, for states the engine produced: their units records never change,
// so each is indexed by hex once, and mostly worked out from the record indexed before it.
import { isDraft } from './immer.ts';
import { unitKeys } from './unit-order.ts';
import type { GameState, UnitState } from './types.ts';
import { onClearCaches } from './caches.ts';

/** The units on the map (active or in reserve) in hex h, by id. */
export function unitsInHex(state: GameState, h: number): UnitState[] {
  if (isDraft(state.units)) return unitsAt(state.units, h);
  // A combat phase's fire missions and assaults each look up a hex.
  return byHexOf(state.units).get(h)?.slice() ?? [];
}

/**
 * A units record's lists by hex: the lists of the hexes whose units changed since the record
 * indexed before it (null: nobody there now), over that record's; a layer of its own for each
 * record, made into one map again every few layers. Never modify a list.
 */
class HexLists {
  constructor(private readonly own: Map<number, UnitState[] | null>, private readonly under: HexLists | null, readonly depth: number) {}

  get(h: number): UnitState[] | undefined {
    for (let x: HexLists | null = this; x; x = x.under) {
      const v = x.own.get(h);
      if (v !== undefined) return v ?? undefined;
    }
    return undefined;
  }

  /** The same lists in one layer. */
  flat(): HexLists {
    const layers: HexLists[] = [];
    for (let x: HexLists | null = this; x; x = x.under) layers.push(x);
    const all = new Map<number, UnitState[] | null>();
    for (let i = layers.length - 1; i >= 0; i--) {
      for (const [h, list] of layers[i].own) {
        if (list) all.set(h, list); else all.delete(h);
      }
    }
    return new HexLists(all, null, 0);
  }
}
const MOST_LAYERS = 8;

let hexIndex = new WeakMap<object, HexLists>();
// The record indexed last, to work the next one's index out from (see byHexOf).
let lastIndexed: { units: Readonly<Record<string, UnitState>>; byHex: HexLists } | null = null;
onClearCaches('hex-index.lists', () => { hexIndex = new WeakMap(); lastIndexed = null; });
const byId = (a: UnitState, b: UnitState): number => (a.id < b.id ? -1 : 1);
const onMap = (u: UnitState | undefined): u is UnitState => u !== undefined && (u.status === 'active' || u.status === 'reserve');

/**
 * The units on the map (active or in reserve) of a units record the engine produced, by hex, each
 * list by id. A record is mostly the one indexed before it with a few units remade: its index is
 * that one's with the lists of the hexes those units left or entered made again.
 */
function byHexOf(units: Readonly<Record<string, UnitState>>): HexLists {
  let byHex = hexIndex.get(units);
  if (byHex) return byHex;
  const keys = unitKeys(units);
  const prev = lastIndexed;
  if (prev && sameKeys(unitKeys(prev.units), keys)) byHex = indexFrom(prev, units, keys);
  if (!byHex) {
    const all = new Map<number, UnitState[]>();
    for (let i = 0; i < keys.length; i++) {
      const u = units[keys[i]];
      if (!onMap(u)) continue;
      const list = all.get(u.hex);
      if (list) list.push(u); else all.set(u.hex, [u]);
    }
    for (const list of all.values()) list.sort(byId);
    byHex = new HexLists(all, null, 0);
  }
  hexIndex.set(units, byHex);
  lastIndexed = { units, byHex };
  return byHex;
}

/**
 * The index of `units` worked out from `prev`'s, or undefined when more than a quarter of the units
 * were remade (entering a phase remakes most of them): an index made afresh then costs less.
 */
function indexFrom(
  prev: { units: Readonly<Record<string, UnitState>>; byHex: HexLists }, units: Readonly<Record<string, UnitState>>, keys: readonly string[],
): HexLists | undefined {
  // The hexes remade units left or entered, with the remade units now in each.
  const arrived = new Map<number, UnitState[]>();
  let remade = 0;
  for (let i = 0; i < keys.length; i++) {
    const a = prev.units[keys[i]];
    const b = units[keys[i]];
    if (a === b) continue;
    if (++remade * 4 > keys.length) return undefined;
    if (onMap(a) && !arrived.has(a.hex)) arrived.set(a.hex, []);
    if (onMap(b)) {
      const list = arrived.get(b.hex);
      if (list) list.push(b); else arrived.set(b.hex, [b]);
    }
  }
  const changed = new Map<number, UnitState[] | null>();
  for (const [h, come] of arrived) {
    const list = (prev.byHex.get(h) ?? []).filter((u) => units[u.id] === u).concat(come);
    changed.set(h, list.length ? list.sort(byId) : null);
  }
  const next = new HexLists(changed, prev.byHex, prev.byHex.depth + 1);
  return next.depth > MOST_LAYERS ? next.flat() : next;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function unitsAt(units: GameState['units'], h: number): UnitState[] {
  const out: UnitState[] = [];
  for (const id in units) {
    const u = units[id];
    if (u.hex === h && (u.status === 'active' || u.status === 'reserve')) out.push(u);
  }
  return out.sort(byId);
}
