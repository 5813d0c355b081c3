// Documented outcomes as machine-checkable conditions. A scenario's documented outcome target
// ("At the end of battle 1 the abbey hex and Point 593 are German") carries a `check`: a list of
// conditions that must all hold in a run. They are compiled once per scenario against its map
// and order of battle, then watched turn by turn as a run plays, since several of them are about
// a date ("by 22 January") or a history ("taken, then lost") rather than the final state.
// Times are compared with the ends of 12-hour turns. A turn belongs to the date it starts on, as
// in the loss windows of batch records, so "by the end of 18 May" is "by 19 May 06:00": the end
// of the night turn that starts at 18:00 on the 18th.
import { z } from 'zod';
import { holderOf } from './control.ts';
import type { MapIndex } from './map.ts';
import { hexDistance, hexOffset } from './map.ts';
import { isBridged } from './models/movement-rules.ts';
import { isIsoLocal, turnStart } from './time.ts';
import type { GameState, Side } from './types.ts';

const id = z.string().min(1);
const side = z.enum(['allied', 'german']);
const isoTime = z.string().refine(isIsoLocal, 'expected a local date-time "YYYY-MM-DDTHH:MM"');
const hexRef = z.string().min(1, 'expected a hex reference: a place id, "place@dq,dr" or "@col,row"');

/**
 * A named part of the map. Every constraint given must hold: west or east of rivers (row by row,
 * within the rows the rivers run through), within a distance of a place, inside row/column bounds.
 */
export const regionSchema = z.strictObject({
  name: z.string().min(1),
  westOf: z.array(id).min(1).optional(),
  eastOf: z.array(id).min(1).optional(),
  near: z.strictObject({ hex: hexRef, km: z.number().positive() }).optional(),
  rows: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  cols: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  source: z.string().min(1, 'expected where the region\'s bounds come from'),
});

export const conditionSchema = z.discriminatedUnion('kind', [
  /**
   * The side holds the objective (or the hex `hex`) at the end of the last turn ending at or before
   * `at` (default: the run's end).
   */
  z.strictObject({ kind: z.literal('holds'), objective: id.optional(), hex: hexRef.optional(), side, at: isoTime.optional() }),
  /** The side does not hold the objective (or hex) then. */
  z.strictObject({ kind: z.literal('notHeld'), objective: id.optional(), hex: hexRef.optional(), side, at: isoTime.optional() }),
  /** The side holds the objective (or hex) at the end of some turn ending in (notBefore, by], and at no turn end up to notBefore. */
  z.strictObject({ kind: z.literal('taken'), objective: id.optional(), hex: hexRef.optional(), side, by: isoTime.optional(), notBefore: isoTime.optional() }),
  /**
   * Active units of the side (of the formations and types given) inside the region number at least
   * `min` (default 1) and at most `max`: at the end of the turn ending at or before `at`, or at the
   * end of any turn ending by `by` (neither: at the run's end). `eachFormation` applies `min` to
   * every listed formation separately.
   */
  z.strictObject({
    kind: z.literal('unitsIn'), region: id, side, formations: z.array(id).min(1).optional(), types: z.array(id).min(1).optional(),
    min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), eachFormation: z.boolean().optional(),
    at: isoTime.optional(), by: isoTime.optional(),
  }),
  /** The flag is first set in a turn ending in [from, to] (with `value`: set to that value). */
  z.strictObject({ kind: z.literal('flag'), key: z.string().min(1), value: z.string().optional(), from: isoTime.optional(), to: isoTime.optional() }),
  /** A bridge stands (`standing`, default true) over the river between `hex` and its neighbour `toward`; `at`/`by` as unitsIn. */
  z.strictObject({ kind: z.literal('bridge'), hex: hexRef, toward: hexRef, standing: z.boolean().optional(), at: isoTime.optional(), by: isoTime.optional() }),
  /**
   * The men lost by the formations' (or listed units') units of the side are at least `share` of
   * their men at the start and those that arrived since; `at`/`by` as unitsIn.
   */
  z.strictObject({
    kind: z.literal('losses'), side, formations: z.array(id).min(1).optional(), units: z.array(id).min(1).optional(),
    share: z.number().min(0).max(1), at: isoTime.optional(), by: isoTime.optional(),
  }),
  /** Some turn ends in [from, to]: a date window. */
  z.strictObject({ kind: z.literal('time'), from: isoTime.optional(), to: isoTime.optional() }),
  /**
   * What the side believes (state intel): a landing feared or not, at least / at most so many enemy
   * divisions believed, its expected main effort at a hex; `at`/`by` as unitsIn.
   */
  z.strictObject({
    kind: z.literal('belief'), side, landingFeared: z.boolean().optional(), enemyDivisionsAtLeast: z.number().int().min(0).optional(),
    enemyDivisionsAtMost: z.number().int().min(0).optional(), mainEffort: hexRef.nullable().optional(), at: isoTime.optional(), by: isoTime.optional(),
  }),
]);

export type ConditionSpec = z.infer<typeof conditionSchema>;
export type RegionSpec = z.infer<typeof regionSchema>;

/** A condition with its references resolved: objective hexes, region masks, unit sets, minutes. */
export type Condition =
  | { kind: 'holds' | 'notHeld'; hex: number; side: Side; at: number }
  | { kind: 'taken'; hex: number; side: Side; by: number; notBefore: number }
  | { kind: 'flag'; key: string; value?: string; from: number; to: number }
  | { kind: 'time'; from: number; to: number }
  | ({ at?: number; by?: number } & StateCondition);

/** The conditions read from the state of one moment (see conditionNow). */
export type StateCondition =
  | { kind: 'unitsIn'; region: Uint8Array; groups: string[][]; min: number; max: number }
  | { kind: 'bridge'; hex: number; dir: number; standing: boolean }
  | { kind: 'losses'; units: string[]; men: number; share: number }
  | { kind: 'belief'; side: Side; landingFeared?: boolean; atLeast?: number; atMost?: number; mainEffort?: number | null };

export interface OutcomeCheck { id: string; conditions: Condition[] }

/** The hexes of a region as a mask, or a reason it cannot be built. */
export function regionMask(map: MapIndex, r: RegionSpec, hexOf: (ref: string) => number): Uint8Array | string {
  const known = new Set(map.data.rivers.map((x) => x.id));
  for (const river of [...(r.westOf ?? []), ...(r.eastOf ?? [])]) {
    if (!known.has(river)) return `unknown river "${river}" (the map has ${[...known].join(', ')})`;
  }
  // Row by row, the river line itself: a hex is west of it when its column is below every
  // east-bank column (and not beyond a west-bank hex) of the rivers' hexsides in its row.
  const boundary = (rivers: string[] | undefined, pick: 'west' | 'east'): Map<number, number> | undefined => {
    if (!rivers) return undefined;
    const out = new Map<number, number>();
    const put = (row: number, v: number) => {
      const old = out.get(row);
      out.set(row, old === undefined ? v : pick === 'west' ? Math.min(old, v) : Math.max(old, v));
    };
    for (const s of map.data.riverSides) {
      if (!rivers.includes(s.river)) continue;
      const a = hexOffset(map, s.a);
      const b = hexOffset(map, s.b);
      const [w, e] = a.col + 0.5 * (a.row & 1) <= b.col + 0.5 * (b.row & 1) ? [a, b] : [b, a];
      if (pick === 'west') { put(e.row, e.col); put(w.row, w.col + 1); } else { put(w.row, w.col); put(e.row, e.col - 1); }
    }
    return out;
  };
  const west = boundary(r.westOf, 'west');
  const east = boundary(r.eastOf, 'east');
  let centre = -1;
  if (r.near) {
    centre = hexOf(r.near.hex);
    if (centre < 0) return `the region's "near.hex" "${r.near.hex}" is not on the map`;
  }
  const radius = r.near ? (r.near.km * 1000) / map.data.grid.hexSizeM : 0;
  const mask = new Uint8Array(map.size);
  for (let h = 0; h < map.size; h++) {
    const { col, row } = hexOffset(map, h);
    if (west) { const b = west.get(row); if (b === undefined || col >= b) continue; }
    if (east) { const b = east.get(row); if (b === undefined || col <= b) continue; }
    if (r.rows && (row < r.rows[0] || row > r.rows[1])) continue;
    if (r.cols && (col < r.cols[0] || col > r.cols[1])) continue;
    if (r.near && hexDistance(map, h, centre) > radius) continue;
    if (map.terrain[h] === 'sea') continue;
    mask[h] = 1;
  }
  return mask;
}

interface CheckState { values: boolean[]; seen: boolean[]; firstFlag: Array<number | undefined> }

/**
 * Watches a run turn by turn. `step` is called with the state at the end of each turn (`endsAt`:
 * the minute that turn ends); `result` gives each check's verdict for the run.
 */
export class OutcomeWatcher {
  private readonly st: CheckState[];
  constructor(private readonly checks: OutcomeCheck[], private readonly map: MapIndex) {
    this.st = checks.map((c) => ({ values: c.conditions.map(() => false), seen: c.conditions.map(() => false), firstFlag: c.conditions.map(() => undefined) }));
  }

  step(s: GameState, endsAt: number): void {
    this.checks.forEach((c, i) => {
      const st = this.st[i];
      c.conditions.forEach((k, j) => {
        switch (k.kind) {
          case 'holds':
          case 'notHeld':
            if (endsAt <= k.at) { const held = holderOf(s, k.hex) === k.side; st.values[j] = k.kind === 'holds' ? held : !held; st.seen[j] = true; }
            return;
          case 'taken': {
            const held = holderOf(s, k.hex) === k.side;
            if (!held) return;
            if (endsAt <= k.notBefore) st.seen[j] = true; // held too early: the condition fails for good
            else if (endsAt <= k.by) st.values[j] = true;
            return;
          }
          case 'unitsIn': case 'bridge': case 'losses': case 'belief': {
            if (k.at !== undefined && endsAt > k.at) return;
            if (k.by !== undefined && endsAt > k.by) return;
            const ok = stateHolds(this.map, k, s);
            if (k.by !== undefined) st.values[j] = st.values[j] || ok;
            else st.values[j] = ok;
            return;
          }
          case 'time':
            if (endsAt >= k.from && endsAt <= k.to) st.values[j] = true;
            return;
          case 'flag':
            if (st.firstFlag[j] === undefined && flagSet(k, s)) st.firstFlag[j] = endsAt;
            return;
        }
      });
    });
  }

  result(): Record<string, boolean> {
    const out: Record<string, boolean> = {};
    this.checks.forEach((c, i) => {
      const st = this.st[i];
      out[c.id] = c.conditions.every((k, j) => {
        if (k.kind === 'holds' || k.kind === 'notHeld') return st.seen[j] && st.values[j];
        if (k.kind === 'taken') return !st.seen[j] && st.values[j];
        if (k.kind === 'flag') { const t = st.firstFlag[j]; return t !== undefined && t >= k.from && t <= k.to; }
        if (k.kind === 'time') return st.values[j];
        return st.values[j];
      });
    });
    return out;
  }
}

const flagSet = (k: { key: string; value?: string }, s: GameState): boolean => s.flags[k.key] !== undefined && (k.value === undefined || s.flags[k.key] === k.value);

/** Whether a condition on the state of one moment holds in `s`. */
export function stateHolds(map: MapIndex, k: StateCondition, s: GameState): boolean {
  switch (k.kind) {
    case 'unitsIn':
      return k.groups.every((g) => {
        let n = 0;
        for (const uid of g) { const u = s.units[uid]; if (u && u.status === 'active' && u.hex >= 0 && k.region[u.hex]) n++; }
        return n >= k.min && n <= k.max;
      });
    case 'bridge': return k.hex >= 0 && isBridged(map, s, k.hex, k.dir) === k.standing;
    case 'losses': {
      let lost = 0;
      let men = k.men;
      for (const uid of k.units) { lost += s.losses[uid] ?? 0; men += s.arrivals[uid] ?? 0; }
      return men > 0 && lost >= k.share * men;
    }
    case 'belief': {
      const b = s.intel[k.side];
      if (k.landingFeared !== undefined && (b.landingFeared ?? false) !== k.landingFeared) return false;
      if (k.atLeast !== undefined && (b.enemyDivisionsBelieved ?? -1) < k.atLeast) return false;
      if (k.atMost !== undefined && (b.enemyDivisionsBelieved === null || b.enemyDivisionsBelieved > k.atMost)) return false;
      return k.mainEffort === undefined || (b.mainEffort ?? null) === k.mainEffort;
    }
  }
}

/**
 * Whether a condition holds now, for plan items and what-if changes read each turn (`now`: the
 * minute the turn starts): holding, units, bridges, losses and beliefs are read from the state;
 * a flag must be set; the times a condition names bound the window in which it can hold (`at`,
 * `by`, `to`: not after; `notBefore`, `from`: not before).
 */
export function conditionNow(map: MapIndex, k: Condition, s: GameState, now: number): boolean {
  switch (k.kind) {
    case 'holds': case 'notHeld': return now <= k.at && (holderOf(s, k.hex) === k.side) === (k.kind === 'holds');
    case 'taken': return now > k.notBefore && now <= k.by && holderOf(s, k.hex) === k.side;
    case 'flag': return now >= k.from && now <= k.to && flagSet(k, s);
    case 'time': return now >= k.from && now <= k.to;
    default:
      if ((k.at !== undefined && now > k.at) || (k.by !== undefined && now > k.by)) return false;
      return stateHolds(map, k, s);
  }
}

/** End minute of each turn: turn t ends when turn t+1 starts. */
export function turnEnd(start: number, turn: number): number {
  return turnStart(start, turn + 1);
}
