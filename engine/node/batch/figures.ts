// The figures a batch records for a scenario (losses per side, per documented target, per
// formation), its objectives and documented outcomes: what summary.json, runs.csv, runs.parquet
// and the comparison are built from. Pure.
import type { BatchRunLine, FigureDef } from '../../core/batch-files.ts';
import type { Scenario } from '../../core/scenario.ts';
import { fromMinutes, turnStart } from '../../core/time.ts';
import { SIDES, type Side } from '../../core/types.ts';
import { lossTargets, recordedFormations } from './record.ts';

export interface BatchMeta {
  scenario: { id: string; version: string; name: string };
  sides: Record<Side, string>;
  objectives: Array<{ id: string; name: string }>;
  figures: FigureDef[];
  /** Start (local date-time) of each turn of the scenario. */
  turnStarts: string[];
  documentedSource?: string;
  /** The scenario's documented outcomes: the sentence, and the share of runs its check must hold in. */
  documentedOutcomes: Array<{ id: string; share: number; holds: string }>;
  /** The what-if applied to the runs, if any. */
  whatIf?: { id: string; name: string };
}

export function batchMeta(s: Scenario): BatchMeta {
  const figures: FigureDef[] = SIDES.map((side) => ({ key: `losses.${side}`, kind: 'side', id: side, label: `${s.sides[side].name} (all ${side} losses)`, side }));
  for (const t of lossTargets(s)) {
    // The target's side: given, or that of all its formations and units when they agree.
    const sides = new Set([...(t.formations ?? []).map((f) => s.formationById[f]?.side), ...(t.units ?? []).map((u) => s.unitById[u]?.side)]);
    const side = t.side ?? (sides.size === 1 ? [...sides][0] : undefined);
    figures.push({ key: `target.${t.id}`, kind: 'target', id: t.id, label: `${t.who}, ${t.from} to ${t.to}`, ...(side ? { side } : {}), documented: t.documented, tolerance: t.tolerance, from: t.from, to: t.to, ...(t.note ? { note: t.note } : {}) });
  }
  for (const f of recordedFormations(s)) {
    figures.push({ key: `formation.${f.id}`, kind: 'formation', id: f.id, label: f.name, side: f.side, level: f.level });
  }
  return {
    scenario: { id: s.id, version: s.version, name: s.name },
    sides: { allied: s.sides.allied.name, german: s.sides.german.name },
    objectives: s.objectives.map((o) => ({ id: o.id, name: o.name })),
    figures,
    turnStarts: Array.from({ length: s.turns }, (_, t) => fromMinutes(turnStart(s.start, t))),
    ...(s.documented?.source ? { documentedSource: s.documented.source } : {}),
    documentedOutcomes: (s.documented?.outcomes ?? []).map((o) => ({ id: o.id, share: o.share, holds: o.holds })),
  };
}

/** The value of a figure in a run. */
export function figureValue(line: BatchRunLine, f: FigureDef): number {
  if (f.kind === 'side') return line.losses[f.side!] ?? 0;
  if (f.kind === 'target') return line.targets[f.id] ?? 0;
  return line.formations[f.id] ?? 0;
}

