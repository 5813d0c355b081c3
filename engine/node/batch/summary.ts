// summary.json and runs.csv. The summary is built from the runs' columns (./columns.ts), filled in
// one pass over runs.jsonl; runs.csv is written a row at a time in the same pass. Pure.
import type { BatchLine, BatchRunLine, BatchSummary, FigureDef, Fingerprint, RoundedStats } from '../../core/batch-files.ts';
import { isErrorLine } from '../../core/batch-files.ts';
import { SIDES } from '../../core/types.ts';
import { HOLDER_CODES, RunColumns } from './columns.ts';
import { type BatchMeta, batchMeta, figureValue } from './figures.ts';
import { PERCENTILE_METHOD, percentileSorted, round, summaryStats, type Stats } from './stats.ts';

export type { BatchMeta, BatchSummary, FigureDef, RoundedStats };
export { batchMeta, figureValue };

function rounded(s: Stats): RoundedStats {
  const out = {} as RoundedStats;
  for (const [k, v] of Object.entries(s) as Array<[keyof Stats, number]>) out[k] = Number.isFinite(v) ? round(v, 2) : null;
  return out;
}

export function okLines(lines: BatchLine[]): BatchRunLine[] {
  return lines.filter((l): l is BatchRunLine => !isErrorLine(l));
}

/** The columns a batch of this scenario keeps. */
export function columnsFor(meta: BatchMeta, n: number): RunColumns {
  return new RunColumns(n, { figures: meta.figures, objectives: meta.objectives.map((o) => o.id), checks: meta.documentedOutcomes.map((o) => o.id) });
}

/** Columns of lines already in memory (tests, small batches), slot by position. */
export function columnsOf(meta: BatchMeta, lines: BatchLine[]): RunColumns {
  const cols = columnsFor(meta, lines.length);
  lines.forEach((l, i) => cols.add(i, l));
  return cols;
}

function overTime(meta: BatchMeta, cols: RunColumns): BatchSummary['lossesOverTime'] {
  let maxTurns = 0;
  for (let i = 0; i < cols.n; i++) if (cols.state[i] === 1) maxTurns = Math.max(maxTurns, cols.turns[i]);
  const out = { turnStarts: meta.turnStarts.slice(0, maxTurns) } as BatchSummary['lossesOverTime'];
  for (const side of SIDES) {
    const band = { median: [] as number[], p10: [] as number[], p90: [] as number[] };
    for (let t = 0; t < maxTurns; t++) {
      // Runs that played turn t (all of them, unless some stopped early).
      const xs = cols.playedValues(cols.perTurn[side][t]).sort();
      band.median.push(round(percentileSorted(xs, 0.5), 2));
      band.p10.push(round(percentileSorted(xs, 0.1), 2));
      band.p90.push(round(percentileSorted(xs, 0.9), 2));
    }
    out[side] = band;
  }
  return out;
}

function objectiveShares(meta: BatchMeta, cols: RunColumns): BatchSummary['objectives'] {
  const out: BatchSummary['objectives'] = {};
  for (const o of meta.objectives) {
    const counts = [0, 0, 0];
    for (const code of cols.okValues(cols.holders.get(o.id)!)) counts[code]++;
    const share = (k: number): number => (cols.ok ? round(counts[k] / cols.ok, 4) : 0);
    out[o.id] = { name: o.name, held: { allied: share(0), german: share(1), none: share(2) } };
  }
  return out;
}

/** summary.json from the runs' columns. */
export function summaryFromColumns(meta: BatchMeta, seeds: { first: string; count: number }, cols: RunColumns, provenance?: Fingerprint): BatchSummary {
  const figures: BatchSummary['figures'] = {};
  for (const f of meta.figures) {
    const { key, ...def } = f;
    figures[key] = { ...def, ...rounded(summaryStats(cols.okValues(cols.figures.get(key)!))) };
  }
  const last = String(BigInt(seeds.first) + BigInt(seeds.count) - 1n);
  const observed = (id: string): number => {
    let held = 0;
    for (const v of cols.okValues(cols.checks.get(id)!)) held += v;
    return cols.ok ? round(held / cols.ok, 4) : 0;
  };
  return {
    format: 'cassino-batch-summary',
    version: 1,
    scenario: meta.scenario,
    ...(meta.whatIf ? { whatIf: meta.whatIf } : {}),
    ...(provenance ? { provenance } : {}),
    seeds: { first: seeds.first, last, count: seeds.count },
    runs: cols.runs,
    complete: cols.runs === seeds.count,
    failed: cols.failedSeeds.length,
    failedSeeds: cols.failedSeeds,
    percentileMethod: PERCENTILE_METHOD,
    turns: rounded(summaryStats(cols.okValues(cols.turns))),
    figures,
    objectives: objectiveShares(meta, cols),
    lossesOverTime: overTime(meta, cols),
    ...(meta.documentedSource ? { documentedSource: meta.documentedSource } : {}),
    documentedOutcomes: meta.documentedOutcomes.map((o) => ({ ...o, observed: observed(o.id) })),
  };
}

/** summary.json from lines in memory, sorted by seed. */
export function buildSummary(meta: BatchMeta, seeds: { first: string; count: number }, lines: BatchLine[]): BatchSummary {
  return summaryFromColumns(meta, seeds, columnsOf(meta, lines));
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** runs.csv's header row: one column per figure, objective holders and checks as columns. */
export function csvHeader(meta: BatchMeta): string {
  return ['seed', 'stateHash', 'turns', 'error', ...meta.objectives.map((o) => `holder.${o.id}`), ...meta.documentedOutcomes.map((o) => `check.${o.id}`), ...meta.figures.map((f) => f.key)].map(csvCell).join(',') + '\r\n';
}

/** One run's row of runs.csv. */
export function csvRow(meta: BatchMeta, l: BatchLine): string {
  const cells = isErrorLine(l)
    ? [l.seed, '', '', l.error, ...meta.objectives.map(() => ''), ...meta.documentedOutcomes.map(() => ''), ...meta.figures.map(() => '')]
    : [
      l.seed, l.stateHash, l.turns, '', ...meta.objectives.map((o) => l.outcome[o.id]?.holder ?? ''),
      ...meta.documentedOutcomes.map((o) => (l.checks?.[o.id] ? 1 : 0)), ...meta.figures.map((f) => figureValue(l, f)),
    ];
  return cells.map(csvCell).join(',') + '\r\n';
}

/** runs.csv of lines in memory (sorted as given). */
export function buildCsv(meta: BatchMeta, lines: BatchLine[]): string {
  return csvHeader(meta) + lines.map((l) => csvRow(meta, l)).join('');
}

export { HOLDER_CODES };
