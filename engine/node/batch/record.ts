// One run of a batch as one line of runs.jsonl: seed, state hash, outcome, losses per side, per
// formation (corps, division, brigade, regiment) and per documented target window, turns played
// and the per-turn losses of each side. Pure: built from the run's summary (engine/core/report.ts).
import type { BatchErrorLine, BatchRunLine } from '../../core/batch-files.ts';
import type { EngineContext } from '../../core/context.ts';
import type { RunSummary } from '../../core/report.ts';
import type { Scenario } from '../../core/scenario.ts';
import { unitFormations } from '../../core/scenario.ts';
import { SIDES, type Side } from '../../core/types.ts';

/** Formation levels whose losses a batch records. */
export const FORMATION_LEVELS = ['corps', 'division', 'brigade', 'regiment'] as const;

export { type BatchErrorLine, type BatchLine, type BatchRunLine, type Holder, isErrorLine } from '../../core/batch-files.ts';

export type LossTarget = NonNullable<NonNullable<Scenario['documented']>['losses']>[number];

export function lossTargets(s: Scenario): LossTarget[] {
  return s.documented?.losses ?? [];
}

/**
 * Whether a unit counts towards a documented target: it belongs to one of the target's
 * formations (at any depth) or is one of its units; a target naming neither counts every unit of
 * its `side`. A target's `side`, when given, also restricts the formations and units.
 */
export function targetCounts(s: Scenario, t: LossTarget, unitId: string): boolean {
  const u = s.unitById[unitId];
  if (!u) return false;
  if (t.side && u.side !== t.side) return false;
  const named = (t.formations?.length ?? 0) + (t.units?.length ?? 0) > 0;
  if (!named) return t.side !== undefined;
  if (t.units?.includes(unitId)) return true;
  const fs = unitFormations(s, unitId);
  return (t.formations ?? []).some((f) => fs.includes(f));
}

/** The formations whose losses are recorded, in scenario order. */
export function recordedFormations(s: Scenario): Scenario['formations'] {
  return s.formations.filter((f) => (FORMATION_LEVELS as readonly string[]).includes(f.level));
}

/**
 * Men lost per recorded formation of `tree`, a unit's losses going to the formations `tree` puts it
 * in. A unit `tree` does not have (a unit.new of the other arm) counts towards the formations of its
 * own chain (in `own`) that `tree` has, so that no loss is dropped from a formation both trees share.
 */
export function lossesOnTree(tree: Scenario, own: Scenario, byUnit: RunSummary['losses']['byUnit']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of recordedFormations(tree)) out[f.id] = 0;
  for (const u of byUnit) {
    if (!u.lost) continue;
    const chain = tree.unitById[u.id] ? unitFormations(tree, u.id) : unitFormations(own, u.id).filter((f) => tree.formationById[f]);
    for (const f of chain) if (out[f] !== undefined) out[f] += u.lost;
  }
  return out;
}

/** `tree`: another scenario whose formation tree the run's losses are also summed on (compare-tree.ts). */
export function runLine(ctx: EngineContext, summary: RunSummary, tree?: Scenario): BatchRunLine {
  const s = ctx.scenario;
  const outcome: BatchRunLine['outcome'] = {};
  for (const o of summary.outcome.objectives) {
    outcome[o.id] = { holder: o.holder, changes: o.changes.map((c) => ({ turn: c.turn, at: c.at, holder: c.holder })) };
  }
  const formationMen = new Map(summary.losses.byFormation.map((f) => [f.id, f.men]));
  const formations: Record<string, number> = {};
  for (const f of recordedFormations(s)) formations[f.id] = formationMen.get(f.id) ?? 0;

  const targets = targetLosses(s, s, summary);
  const perTurn: Record<Side, number[]> = { allied: new Array(summary.turnsPlayed).fill(0), german: new Array(summary.turnsPlayed).fill(0) };
  for (const row of summary.lossTable) if (row.turn >= 0 && row.turn < summary.turnsPlayed) perTurn[row.side][row.turn] += row.men;
  const losses = {} as Record<Side, number>;
  for (const side of SIDES) losses[side] = summary.losses.bySide[side];
  const onTree = tree ? { onTree: { formations: lossesOnTree(tree, s, summary.losses.byUnit), targets: targetLosses(tree, s, summary) } } : {};
  return { seed: summary.seed, stateHash: summary.stateHash, turns: summary.turnsPlayed, outcome, checks: summary.outcome.checks, losses, formations, ...onTree, targets, perTurn };
}

/**
 * Men lost per documented target of `tree` within its window, the units counted by `tree`'s
 * formations (a unit `tree` does not have, by its own scenario's).
 */
function targetLosses(tree: Scenario, own: Scenario, summary: RunSummary): Record<string, number> {
  const targets: Record<string, number> = {};
  const counts = (t: LossTarget, u: string): boolean => (tree.unitById[u] ? targetCounts(tree, t, u) : targetCounts(own, t, u));
  const counted = lossTargets(tree).map((t) => ({ t, units: new Set(own.units.filter((u) => counts(t, u.id)).map((u) => u.id)) }));
  for (const { t } of counted) targets[t.id] = 0;
  for (const row of summary.lossTable) {
    // A turn counts towards a target window when its start date is within [from, to].
    for (const { t, units } of counted) {
      if (units.has(row.unit) && row.date >= t.from && row.date <= t.to) targets[t.id] += row.men;
    }
  }
  return targets;
}

export function errorLine(seed: string, error: unknown): BatchErrorLine {
  const msg = error instanceof Error ? error.message : String(error);
  return { seed, error: msg.split('\n')[0] || 'unknown error' };
}

/** Numeric order of integer seed strings ("2" before "10"). */
export function compareSeeds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
