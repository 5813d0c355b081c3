// Occupancy: which side holds each hex and with how many men, kept per units record (the engine
// never changes a record it produced) and worked out from the last when one unit moves.
import type { MapIndex } from '../map.ts';
import { type GameState, type UnitState, sideIndex } from '../types.ts';
import { isDraft, original, peekAll } from '../immer.ts';
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
  const units = state.units;
  // A draft (a batch of fire missions, each checked for danger close) is read as peek() reads it,
  // from immer's own copy: read through the draft, every unit would become a draft of its own,
  // for the batch's produce to finish again (a tenth of a campaign run). Its keys are its
  // original's: no unit is ever added or removed.
  const draft = isDraft(units);
  const keys = unitKeys(draft ? original(units) : units);
  const now = draft ? peekAll(units) : units;
  for (let i = 0; i < keys.length; i++) {
    const u = now[keys[i]];
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    side[u.hex] = sideIndex(u.side);
    men[u.hex] += u.men;
  }
  const occ = { side, men };
  // States the engine produced never change, so their occupancy can be kept; drafts change.
  if (!draft) occCache.set(units, occ);
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

/**
 * Where units stand while a side's moves are taken one after another from a state: after each
 * move the hexes it left and entered are counted again (as recount() counts them) from the units
 * standing there, found in lists of unit positions by hex kept with the moves, instead of by going
 * through every unit of the record for each move. The state's units record is not copied: the
 * moved units are kept apart (see unit()).
 */
export class MovingOccupancy {
  /** Until the first move, the state's own occupancy; a copy from then on. */
  private own: Occupancy | null = null;
  private readonly moved = new Map<string, UnitState>();
  private readonly keys: readonly string[];
  /** Each hex's units, as positions in `keys` in ascending order (the order recount() meets them in). */
  private at: Map<number, number[]> | null = null;

  constructor(private readonly map: MapIndex, private readonly state: GameState) {
    this.keys = unitKeys(state.units);
  }

  /** Where units stand: read it again after a move (the first move puts a copy in its place). */
  get occ(): Occupancy { return this.own ?? occupancy(this.map, this.state); }

  /** Unit `id` as the moves so far left it. */
  unit(id: string): UnitState { return this.moved.get(id) ?? this.state.units[id]; }

  /** Takes `u`, a unit of the state that moved to `u.hex` (maybe again), and counts the hexes it left and entered again. */
  move(u: UnitState): void {
    if (!this.own) {
      const o = occupancy(this.map, this.state);
      this.own = { side: o.side.slice(), men: o.men.slice() };
      this.at = this.index();
    }
    const at = this.at!;
    const from = this.unit(u.id).hex;
    this.moved.set(u.id, u);
    const i = keyPositions(this.keys).get(u.id)!;
    if (from >= 0) {
      const list = at.get(from)!;
      list.splice(list.indexOf(i), 1);
    }
    if (u.hex >= 0) {
      const list = at.get(u.hex);
      if (!list) at.set(u.hex, [i]);
      else {
        let k = list.length;
        while (k > 0 && list[k - 1] > i) k--;
        list.splice(k, 0, i);
      }
    }
    this.count(from);
    if (u.hex !== from) this.count(u.hex);
  }

  private index(): Map<number, number[]> {
    const at = new Map<number, number[]>();
    for (let i = 0; i < this.keys.length; i++) {
      const h = this.state.units[this.keys[i]].hex;
      if (h < 0) continue;
      const list = at.get(h);
      if (list) list.push(i); else at.set(h, [i]);
    }
    return at;
  }

  private count(h: number): void {
    if (h < 0) return;
    const { side, men } = this.own!;
    side[h] = -1;
    men[h] = 0;
    for (const i of this.at!.get(h) ?? []) {
      const u = this.unit(this.keys[i]);
      if (u.status !== 'active' && u.status !== 'reserve') continue;
      side[h] = sideIndex(u.side);
      men[h] += u.men;
    }
  }
}

let positionsByKeys = new WeakMap<readonly string[], Map<string, number>>();
onClearCaches('movement.keyPositions', () => { positionsByKeys = new WeakMap(); });

/** Each key's position in a units record's key list (the list is the same through a game). */
function keyPositions(keys: readonly string[]): Map<string, number> {
  let p = positionsByKeys.get(keys);
  if (!p) {
    p = new Map(keys.map((k, i) => [k, i]));
    positionsByKeys.set(keys, p);
  }
  return p;
}
