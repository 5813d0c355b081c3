// The paired comparison of two arms of runs played on the same seeds (common random numbers):
// per figure the two medians and the paired difference (what-if minus historical) with a 95 %
// interval, per objective the share of runs each side holds it in each arm and the change. Pure
// and deterministic: the bootstrap draws from a generator with a fixed seed. `cassino compare`
// (engine/node/compare*.ts) and the browser's what-if tab both use it, so they agree.
//
// The bootstrap's resamples are drawn once and shared by every series, but never stored: each
// resample's indices are drawn into one array of n entries and every series is summed over them
// before the next is drawn. Memory is that array plus one mean per series and resample, whatever
// n and the number of resamples; the draws, and so the intervals, are those of keeping 2,000
// index arrays.
import seedrandom from 'seedrandom';
import { mean, percentileSorted, round } from './basic.ts';

export const BOOTSTRAP_RESAMPLES = 2000;
export const CI_METHOD = `paired percentile bootstrap, ${BOOTSTRAP_RESAMPLES} resamples of the seeds (the same resamples for every figure and outcome), fixed generator seed "cassino-compare": the 2.5th and 97.5th percentiles of the resampled mean difference`;

export interface FigureComparison {
  historical: { median: number; mean: number };
  whatIf: { median: number; mean: number };
  /** What-if minus historical, seed by seed. */
  difference: { mean: number; median: number; ci95: [number, number] };
}

export interface ShareChange { historical: number; whatIf: number; change: number; ci95: [number, number] }

/** One figure (or 0/1 outcome) over the pairs: historical, what-if and their difference. */
export interface Paired { a: Float64Array; b: Float64Array; d: Float64Array }

export function paired(a: Float64Array, b: Float64Array): Paired {
  return { a, b, d: b.map((x, i) => x - a[i]) };
}

/** 95 % intervals of the mean of each series, from resamples shared by all of them. */
export function bootstrapCis(series: ArrayLike<number>[], resamples = BOOTSTRAP_RESAMPLES): Array<[number, number]> {
  const n = series[0]?.length ?? 0;
  if (n === 0) return series.map(() => [NaN, NaN]);
  const rand = seedrandom.alea('cassino-compare');
  const idx = new Uint32Array(n);
  const means = series.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    series.forEach((d, k) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += d[idx[i]];
      means[k][b] = s / n;
    });
  }
  return means.map((m) => {
    m.sort();
    return [percentileSorted(m, 0.025), percentileSorted(m, 0.975)];
  });
}

const median = (xs: ArrayLike<number>): number => percentileSorted(Float64Array.from(xs).sort(), 0.5);
const r2 = (x: number): number => (Number.isFinite(x) ? round(x, 2) : x);

export function figureComparison(p: Paired, ci: [number, number]): FigureComparison {
  return {
    historical: { median: r2(median(p.a)), mean: r2(mean(p.a)) },
    whatIf: { median: r2(median(p.b)), mean: r2(mean(p.b)) },
    difference: { mean: r2(mean(p.d)), median: r2(median(p.d)), ci95: [r2(ci[0]), r2(ci[1])] },
  };
}

export function shareChange(p: Paired, ci: [number, number]): ShareChange {
  return { historical: round(mean(p.a), 4), whatIf: round(mean(p.b), 4), change: round(mean(p.d), 4), ci95: [round(ci[0], 4), round(ci[1], 4)] };
}

/** Seeds first, first + 1, ... (`first` a whole number, as `cassino batch` and `compare` take it). */
export function seedRange(first: string, count: number): string[] {
  const b = BigInt(first);
  return Array.from({ length: count }, (_, i) => String(b + BigInt(i)));
}
