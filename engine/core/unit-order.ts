// The unit ids of a units record in sorted order, which controllers and the doctrine AI go
// through many times a phase. The set of units never changes during a game (units arrive from
// off the map and leave it, but keep their entry), so one sort serves every state of it.
import { isDraft } from './immer.ts';
import type { UnitState } from './types.ts';
import { onClearCaches } from './caches.ts';

let byRecord = new WeakMap<object, readonly string[]>();
let last: { keys: string[]; sorted: readonly string[] } | null = null;
onClearCaches('unit-order.sorted', () => { byRecord = new WeakMap(); last = null; });

/** The keys of a units record, sorted. Never modify the result. */
export function sortedUnitIds(units: Readonly<Record<string, UnitState>>): readonly string[] {
  const hit = byRecord.get(units);
  if (hit) return hit;
  const keys = Object.keys(units);
  const l = last;
  let sorted: readonly string[];
  if (l && l.keys.length === keys.length && l.keys.every((k, i) => k === keys[i])) sorted = l.sorted;
  else {
    sorted = [...keys].sort();
    last = { keys, sorted };
  }
  if (!isDraft(units)) byRecord.set(units, sorted);
  return sorted;
}

// A units record has several hundred keys, so V8 keeps it as a hash table: going through it with
// `for...in` lists and orders its keys each time, and a spread copy inserts them one by one into a
// growing table. Its keys never change during a game, so the list is kept per record and handed on
// to the copies made here.
let keysByRecord = new WeakMap<object, readonly string[]>();
onClearCaches('unit-order.keys', () => { keysByRecord = new WeakMap(); });

/** The keys of a units record in its own order (the order `for...in` gives). Never modify the result. */
export function unitKeys(units: Readonly<Record<string, UnitState>>): readonly string[] {
  let keys = keysByRecord.get(units);
  if (!keys) {
    keys = Object.keys(units);
    if (!isDraft(units)) keysByRecord.set(units, keys);
  }
  return keys;
}

/**
 * A copy of a units record with its keys in the same order, for a caller that replaces some of
 * its units (never adds or removes one).
 */
export function copyUnits(units: Readonly<Record<string, UnitState>>): Record<string, UnitState> {
  const keys = unitKeys(units);
  const out: Record<string, UnitState> = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]] = units[keys[i]];
  keysByRecord.set(out, keys);
  return out;
}
