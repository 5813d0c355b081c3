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
