// summary.json and runs.csv from the lines of runs.jsonl. Pure: the inputs are the batch's
// description of the scenario (BatchMeta) and the parsed lines, sorted by seed.
import type { BatchSummary, FigureDef, RoundedStats } from '../../core/batch-files.ts';
import type { Scenario } from '../../core/scenario.ts';

export type { BatchSummary, FigureDef, RoundedStats };
import { fromMinutes, turnStart } from '../../core/time.ts';
import { SIDES, type Side } from '../../core/types.ts';
import { type BatchLine, type BatchRunLine, type Holder, isErrorLine, lossTargets, recordedFormations } from './record.ts';
import { PERCENTILE_METHOD, percentileSorted, round, summaryStats, type Stats } from './stats.ts';

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

function rounded(s: Stats): RoundedStats {
  const out = {} as RoundedStats;
  for (const [k, v] of Object.entries(s) as Array<[keyof Stats, number]>) out[k] = Number.isFinite(v) ? round(v, 2) : null;
  return out;
}

export function okLines(lines: BatchLine[]): BatchRunLine[] {
  return lines.filter((l): l is BatchRunLine => !isErrorLine(l));
}

export function buildSummary(meta: BatchMeta, seeds: { first: string; count: number }, lines: BatchLine[]): BatchSummary {
  const ok = okLines(lines);
  const failedSeeds = lines.filter(isErrorLine).map((l) => l.seed);
  const figures: BatchSummary['figures'] = {};
  for (const f of meta.figures) {
    const { key, ...def } = f;
    figures[key] = { ...def, ...rounded(summaryStats(ok.map((l) => figureValue(l, f)))) };
  }
  const objectives: BatchSummary['objectives'] = {};
  for (const o of meta.objectives) {
    const held: Record<Holder, number> = { allied: 0, german: 0, none: 0 };
    for (const l of ok) held[l.outcome[o.id]?.holder ?? 'none']++;
    for (const k of Object.keys(held) as Holder[]) held[k] = ok.length ? round(held[k] / ok.length, 4) : 0;
    objectives[o.id] = { name: o.name, held };
  }
  const maxTurns = Math.max(0, ...ok.map((l) => l.turns));
  const overTime = { turnStarts: meta.turnStarts.slice(0, maxTurns) } as BatchSummary['lossesOverTime'];
  for (const side of SIDES) {
    const band = { median: [] as number[], p10: [] as number[], p90: [] as number[] };
    for (let t = 0; t < maxTurns; t++) {
      // Runs that played turn t (all of them, unless some stopped early).
      const xs = Float64Array.from(ok.filter((l) => t < l.turns).map((l) => l.perTurn[side][t] ?? 0)).sort();
      band.median.push(round(percentileSorted(xs, 0.5), 2));
      band.p10.push(round(percentileSorted(xs, 0.1), 2));
      band.p90.push(round(percentileSorted(xs, 0.9), 2));
    }
    overTime[side] = band;
  }
  const last = String(BigInt(seeds.first) + BigInt(seeds.count) - 1n);
  return {
    format: 'cassino-batch-summary',
    version: 1,
    scenario: meta.scenario,
    ...(meta.whatIf ? { whatIf: meta.whatIf } : {}),
    seeds: { first: seeds.first, last, count: seeds.count },
    runs: lines.length,
    complete: lines.length === seeds.count,
    failed: failedSeeds.length,
    failedSeeds,
    percentileMethod: PERCENTILE_METHOD,
    turns: rounded(summaryStats(ok.map((l) => l.turns))),
    figures,
    objectives,
    lossesOverTime: overTime,
    ...(meta.documentedSource ? { documentedSource: meta.documentedSource } : {}),
    documentedOutcomes: meta.documentedOutcomes.map((o) => ({
      ...o,
      observed: ok.length ? round(ok.filter((l) => l.checks?.[o.id] === true).length / ok.length, 4) : 0,
    })),
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** runs.csv: one row per run (sorted as given), one column per figure, objective holders as columns. */
export function buildCsv(meta: BatchMeta, lines: BatchLine[]): string {
  const header = ['seed', 'stateHash', 'turns', 'error', ...meta.objectives.map((o) => `holder.${o.id}`), ...meta.documentedOutcomes.map((o) => `check.${o.id}`), ...meta.figures.map((f) => f.key)];
  const rows = [header.map(csvCell).join(',')];
  for (const l of lines) {
    if (isErrorLine(l)) {
      rows.push([l.seed, '', '', l.error, ...meta.objectives.map(() => ''), ...meta.documentedOutcomes.map(() => ''), ...meta.figures.map(() => '')].map(csvCell).join(','));
    } else {
      rows.push([
        l.seed, l.stateHash, l.turns, '', ...meta.objectives.map((o) => l.outcome[o.id]?.holder ?? ''),
        ...meta.documentedOutcomes.map((o) => (l.checks?.[o.id] ? 1 : 0)), ...meta.figures.map((f) => figureValue(l, f)),
      ].map(csvCell).join(','));
    }
  }
  return rows.join('\r\n') + '\r\n';
}
