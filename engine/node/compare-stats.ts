// The paired comparison of two arms of runs played on the same seeds (common random numbers):
// per figure the two medians and the paired difference (what-if minus historical) with a 95 %
// interval, per objective the share of runs each side holds it in each arm and the change. Pure
// and deterministic: the bootstrap draws from a generator with a fixed seed.
import seedrandom from 'seedrandom';
import type { BatchRunLine, Holder } from './batch/record.ts';
import { type FigureDef, figureValue } from './batch/summary.ts';
import { mean, percentileSorted, round } from './batch/stats.ts';

export const BOOTSTRAP_RESAMPLES = 2000;
export const CI_METHOD = `paired percentile bootstrap, ${BOOTSTRAP_RESAMPLES} resamples of the seeds (the same resamples for every figure and outcome), fixed generator seed "cassino-compare": the 2.5th and 97.5th percentiles of the resampled mean difference`;
const HOLDERS: Holder[] = ['allied', 'german', 'none'];

export interface FigureComparison {
  historical: { median: number; mean: number };
  whatIf: { median: number; mean: number };
  /** What-if minus historical, seed by seed. */
  difference: { mean: number; median: number; ci95: [number, number] };
}

export interface ShareChange { historical: number; whatIf: number; change: number; ci95: [number, number] }

export interface ObjectiveComparison { name: string; held: Record<Holder, ShareChange> }

/** Index resamples of 0..n-1, drawn once and shared by every figure. */
export function bootstrapIndices(n: number, resamples = BOOTSTRAP_RESAMPLES): Uint32Array[] {
  const rand = seedrandom.alea('cassino-compare');
  const out: Uint32Array[] = [];
  for (let b = 0; b < resamples; b++) {
    const idx = new Uint32Array(n);
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    out.push(idx);
  }
  return out;
}

/** 95 % interval of the mean of `d` from the shared resamples. */
export function bootstrapMeanCi(d: ArrayLike<number>, resamples: Uint32Array[]): [number, number] {
  const n = d.length;
  if (n === 0) return [NaN, NaN];
  const means = new Float64Array(resamples.length);
  resamples.forEach((idx, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[idx[i]];
    means[b] = s / n;
  });
  means.sort();
  return [percentileSorted(means, 0.025), percentileSorted(means, 0.975)];
}

const median = (xs: ArrayLike<number>): number => percentileSorted(Float64Array.from(xs).sort(), 0.5);
const r2 = (x: number): number => (Number.isFinite(x) ? round(x, 2) : x);

export function compareFigure(f: FigureDef, hist: BatchRunLine[], what: BatchRunLine[], resamples: Uint32Array[]): FigureComparison {
  const a = hist.map((l) => figureValue(l, f));
  const b = what.map((l) => figureValue(l, f));
  const d = b.map((x, i) => x - a[i]);
  const ci = bootstrapMeanCi(d, resamples);
  return {
    historical: { median: r2(median(a)), mean: r2(mean(a)) },
    whatIf: { median: r2(median(b)), mean: r2(mean(b)) },
    difference: { mean: r2(mean(d)), median: r2(median(d)), ci95: [r2(ci[0]), r2(ci[1])] },
  };
}

export function compareObjective(id: string, name: string, hist: BatchRunLine[], what: BatchRunLine[], resamples: Uint32Array[]): ObjectiveComparison {
  const held = {} as Record<Holder, ShareChange>;
  for (const h of HOLDERS) {
    const a = hist.map((l) => ((l.outcome[id]?.holder ?? 'none') === h ? 1 : 0));
    const b = what.map((l) => ((l.outcome[id]?.holder ?? 'none') === h ? 1 : 0));
    const d = b.map((x, i) => x - a[i]);
    const ci = bootstrapMeanCi(d, resamples);
    held[h] = { historical: round(mean(a), 4), whatIf: round(mean(b), 4), change: round(mean(d), 4), ci95: [round(ci[0], 4), round(ci[1], 4)] };
  }
  return { name, held };
}

/** Share of runs in which a documented outcome's check held, in each arm, and the paired change. */
export function compareCheck(id: string, hist: BatchRunLine[], what: BatchRunLine[], resamples: Uint32Array[]): ShareChange {
  const a = hist.map((l) => (l.checks?.[id] ? 1 : 0));
  const b = what.map((l) => (l.checks?.[id] ? 1 : 0));
  const d = b.map((x, i) => x - a[i]);
  const ci = bootstrapMeanCi(d, resamples);
  return { historical: round(mean(a), 4), whatIf: round(mean(b), 4), change: round(mean(d), 4), ci95: [round(ci[0], 4), round(ci[1], 4)] };
}
