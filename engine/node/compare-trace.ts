// What `cassino compare --explain` keeps of each run: per turn and per corps or division, the
// events of its sector counted by what caused them (which guns fired on the sector, which enemy
// units fought it, which of its units attacked, which were short of supply, the men it lost), and
// per turn the reserves released, the units that arrived and those withdrawn. Two runs of one seed (the arms of a
// pair) are compared on these counts turn by turn (compare-explain.ts). Built from the run's log
// and its state at the end of each turn; pure.
import type { EngineContext } from '../core/context.ts';
import { hexDistance } from '../core/map.ts';
import { unitFormations } from '../core/scenario.ts';
import { fullLog } from '../core/state-log.ts';
import type { GameState, LogEvent } from '../core/types.ts';

/** Counts of facts (e.g. "fire:de-art-33": 3) in one turn. */
export type Facts = Record<string, number>;

export interface RunTrace {
  /** Per turn: per traced formation, the facts of its sector. */
  turns: Array<Record<string, Facts>>;
  /** Per turn: reserves released and arrivals (the whole battle's, not one sector's). */
  global: Facts[];
}

/** A unit's position and supply at the end of each turn, as the run went. */
export interface TurnSnapshot { hex: Record<string, number>; supply: Record<string, number> }

export function snapshot(s: GameState): TurnSnapshot {
  const hex: Record<string, number> = {};
  const supply: Record<string, number> = {};
  for (const u of Object.values(s.units)) {
    if (u.hex < 0 || u.status === 'destroyed' || u.status === 'withdrawn') continue;
    hex[u.id] = u.hex;
    supply[u.id] = u.supply;
  }
  return { hex, supply };
}

/** How far from a formation's units (hexes) a hex still counts as its sector. */
export const SECTOR_RADIUS = 2;
/** Supply below which a unit is counted as short of it (whole percent). */
const SHORT = 75;

/** The corps and divisions traced, with each unit's among them. */
function tracedFormations(ctx: EngineContext): Map<string, string[]> {
  const s = ctx.scenario;
  const levels = new Set(['corps', 'division']);
  return new Map(s.units.map((u) => [u.id, unitFormations(s, u.id).filter((f) => levels.has(s.formationById[f]?.level ?? ''))]));
}

/** Log entries that move units in or out of the battle (reserves released, arrivals, withdrawals). */
const GLOBAL = new Set(['release', 'arrive', 'withdraw', 'redeploy', 'relief']);

const bump = (f: Facts, key: string, n = 1): void => { f[key] = (f[key] ?? 0) + n; };

/** The trace of a finished run, from its final state and its state at each turn's end. */
export function traceRun(ctx: EngineContext, state: GameState, snaps: TurnSnapshot[]): RunTrace {
  const of = tracedFormations(ctx);
  const turns: RunTrace['turns'] = snaps.map(() => ({}));
  const global: Facts[] = snaps.map(() => ({}));
  const at = (t: number, f: string): Facts => (turns[t][f] ??= {});
  snaps.forEach((snap, t) => {
    for (const [u, supply] of Object.entries(snap.supply)) {
      if (supply < SHORT) for (const f of of.get(u) ?? []) bump(at(t, f), `supply:${u}`);
    }
  });
  for (const e of fullLog(state)) {
    const t = Math.min(e.turn, snaps.length - 1);
    if (t < 0) continue;
    if (GLOBAL.has(e.kind)) for (const u of e.units ?? []) bump(global[t], `${e.kind}:${u}`);
    for (const [u, men] of Object.entries(e.losses ?? {})) for (const f of of.get(u) ?? []) bump(at(t, f), 'lost', men);
    if (e.kind === 'bombardment' || e.kind === 'airStrike') fireFacts(ctx, e, [snaps[t - 1], snaps[t]], of, (f) => at(t, f));
    if (e.kind === 'combat') combatFacts(ctx, e, of, (f) => at(t, f));
  }
  return { turns, global };
}

/** Fire on a hex counts for every traced formation with a unit within SECTOR_RADIUS of it. */
function fireFacts(ctx: EngineContext, e: LogEvent, snaps: Array<TurnSnapshot | undefined>, of: Map<string, string[]>, at: (f: string) => Facts): void {
  if (e.hex === undefined) return;
  const near = new Set<string>();
  for (const snap of snaps) {
    if (!snap) continue;
    for (const [u, h] of Object.entries(snap.hex)) {
      if (hexDistance(ctx.map, h, e.hex) <= SECTOR_RADIUS) for (const f of of.get(u) ?? []) near.add(f);
    }
  }
  const who = e.units?.length ? e.units : [`${e.side ?? 'unknown'}-${e.kind}`];
  for (const f of near) for (const w of who) bump(at(f), `fire:${w}`);
}

/** A combat counts, for each traced formation in it, the enemy units it fought and its own that attacked. */
function combatFacts(ctx: EngineContext, e: LogEvent, of: Map<string, string[]>, at: (f: string) => Facts): void {
  const units = e.units ?? [];
  const side = (u: string) => ctx.scenario.unitById[u]?.side;
  for (const u of units) {
    for (const f of of.get(u) ?? []) {
      const facts = at(f);
      if (side(u) === e.side) bump(facts, `attack:${u}`);
      for (const v of units) if (side(v) !== side(u)) bump(facts, `engaged:${v}`);
    }
  }
}
