// Compiling the condition language (outcome-checks.ts: holds, notHeld, taken, unitsIn, flag,
// bridge, losses, time, belief) against a scenario's map, objectives, regions and order of battle.
// The documented outcome checks, the checks a what-if or `compare --check` adds, and the `when` /
// `unless` conditions of plan items all compile here, so they read the same way everywhere.
import type { MapIndex } from './map.ts';
import type { Condition, ConditionSpec } from './outcome-checks.ts';
import type { Side } from './types.ts';
import { toMinutes } from './time.ts';

/** What compiling a condition needs of the scenario being loaded; problems go to `add`. */
export interface ConditionEnv {
  map: MapIndex;
  start: number;
  end: number;
  /** "start to end", for messages. */
  window: string;
  objectives: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, Uint8Array>;
  regionIds: readonly string[];
  hasFormation(f: string): boolean;
  isUnitType(t: string): boolean;
  unitTypes: readonly string[];
  /** Ids of the side's units under any of the formations (all when none) and of the types (all when none). */
  pickUnits(side: Side, formations: string[], types?: string[]): string[];
  /** Men of a unit at the start (undefined for an unknown unit). */
  unitMen(id: string): number | undefined;
  hex(path: string, ref: string): number;
  add(path: string, message: string): void;
}

/** A time a condition reads: inside the scenario's turns (turn ends run from start + 12 h to end). */
function time(env: ConditionEnv, path: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const t = toMinutes(v);
  if (t < env.start || t > env.end) env.add(path, `${v} is outside the scenario window (${env.window})`);
  return t;
}

/** The hex an objective or `hex` names (exactly one of them). */
function placeOf(env: ConditionEnv, c: { objective?: string; hex?: string }, p: string): number {
  if ((c.objective === undefined) === (c.hex === undefined)) { env.add(p, 'expected either "objective" or "hex"'); return -1; }
  if (c.hex !== undefined) return env.hex(`${p}.hex`, c.hex);
  const ref = env.objectives.get(c.objective!);
  if (ref === undefined) { env.add(`${p}.objective`, `unknown objective "${c.objective}" (the scenario's objectives are ${[...env.objectives.keys()].join(', ')})`); return -1; }
  return env.hex(`${p}.objective`, ref);
}

function window(env: ConditionEnv, c: { at?: string; by?: string }, p: string): { at?: number; by?: number } {
  if (c.at && c.by) env.add(p, 'expected either "at" or "by", not both');
  const out: { at?: number; by?: number } = {};
  if (c.at) out.at = time(env, `${p}.at`, c.at, env.end);
  if (c.by) out.by = time(env, `${p}.by`, c.by, env.end);
  return out;
}

/** A condition resolved against the scenario; every problem is reported at `p`. */
export function compileCondition(env: ConditionEnv, c: ConditionSpec, p: string): Condition {
  switch (c.kind) {
    case 'holds': case 'notHeld': return { kind: c.kind, hex: placeOf(env, c, p), side: c.side, at: time(env, `${p}.at`, c.at, env.end) };
    case 'taken': return { kind: 'taken', hex: placeOf(env, c, p), side: c.side, by: time(env, `${p}.by`, c.by, env.end), notBefore: time(env, `${p}.notBefore`, c.notBefore, env.start) };
    case 'flag': return { kind: 'flag', key: c.key, ...(c.value !== undefined ? { value: c.value } : {}), from: time(env, `${p}.from`, c.from, env.start), to: time(env, `${p}.to`, c.to, env.end) };
    case 'time': return { kind: 'time', from: time(env, `${p}.from`, c.from, env.start), to: time(env, `${p}.to`, c.to, env.end) };
    case 'unitsIn': return unitsIn(env, c, p);
    case 'bridge': return bridge(env, c, p);
    case 'losses': return losses(env, c, p);
    case 'belief': {
      const out: Condition = { kind: 'belief', side: c.side, ...window(env, c, p) };
      if (c.landingFeared !== undefined) out.landingFeared = c.landingFeared;
      if (c.enemyDivisionsAtLeast !== undefined) out.atLeast = c.enemyDivisionsAtLeast;
      if (c.enemyDivisionsAtMost !== undefined) out.atMost = c.enemyDivisionsAtMost;
      if (c.mainEffort !== undefined) out.mainEffort = c.mainEffort === null ? null : env.hex(`${p}.mainEffort`, c.mainEffort);
      return out;
    }
  }
}

function unitsIn(env: ConditionEnv, c: Extract<ConditionSpec, { kind: 'unitsIn' }>, p: string): Condition {
  const region = env.regions.get(c.region);
  if (!region && !env.regionIds.includes(c.region)) env.add(`${p}.region`, `unknown region "${c.region}" (expected one of documented.regions: ${env.regionIds.join(', ') || 'none defined'})`);
  (c.formations ?? []).forEach((f, k) => { if (!env.hasFormation(f)) env.add(`${p}.formations[${k}]`, `unknown formation "${f}"`); });
  (c.types ?? []).forEach((t, k) => { if (!env.isUnitType(t)) env.add(`${p}.types[${k}]`, `unknown unit type "${t}" (expected one of ${env.unitTypes.join(', ')})`); });
  const groups = c.eachFormation ? (c.formations ?? []).map((f) => env.pickUnits(c.side, [f], c.types)) : [env.pickUnits(c.side, c.formations ?? [], c.types)];
  return { kind: 'unitsIn', region: region ?? new Uint8Array(env.map.size), groups, min: c.min ?? 1, max: c.max ?? Infinity, ...window(env, c, p) };
}

function bridge(env: ConditionEnv, c: Extract<ConditionSpec, { kind: 'bridge' }>, p: string): Condition {
  const a = env.hex(`${p}.hex`, c.hex);
  const b = env.hex(`${p}.toward`, c.toward);
  let dir = -1;
  if (a >= 0 && b >= 0) {
    dir = env.map.neighbours.subarray(a * 6, a * 6 + 6).indexOf(b);
    if (dir < 0) env.add(`${p}.toward`, `expected a neighbour of "${c.hex}"`);
    else if (env.map.river[a * 6 + dir] === 0) env.add(`${p}.toward`, `no river runs between "${c.hex}" and "${c.toward}" (a bridge needs one)`);
  }
  return { kind: 'bridge', hex: dir < 0 ? -1 : a, dir, standing: c.standing ?? true, ...window(env, c, p) };
}

function losses(env: ConditionEnv, c: Extract<ConditionSpec, { kind: 'losses' }>, p: string): Condition {
  if (!c.formations && !c.units) env.add(p, 'expected "formations" or "units" whose losses count');
  (c.formations ?? []).forEach((f, k) => { if (!env.hasFormation(f)) env.add(`${p}.formations[${k}]`, `unknown formation "${f}"`); });
  (c.units ?? []).forEach((u, k) => { if (env.unitMen(u) === undefined) env.add(`${p}.units[${k}]`, `unknown unit "${u}"`); });
  const units = [...new Set([...(c.formations ? env.pickUnits(c.side, c.formations) : []), ...(c.units ?? [])])].sort();
  const men = units.reduce((a, u) => a + (env.unitMen(u) ?? 0), 0);
  return { kind: 'losses', units, men, share: c.share, ...window(env, c, p) };
}
