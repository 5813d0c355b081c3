// Statistics of a batch: mean, percentiles and histograms. Pure functions of their inputs.
//
// Percentile method: linear interpolation between closest ranks (Hyndman & Fan type 7, the
// default of R, NumPy and Excel's PERCENTILE.INC). For sorted values x[0..n-1] and p in [0, 1],
// h = (n - 1) p and P(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). So P(0) is
// the minimum, P(1) the maximum and P(0.5) the usual median (the mean of the two middle values
// when n is even).

import { mean, percentileSorted, round } from '../../core/stats/basic.ts';

// The basics live in engine/core (the browser's what-if tab uses them too).
export { mean, PERCENTILE_METHOD, percentileSorted, round } from '../../core/stats/basic.ts';

export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileSorted(Float64Array.from(values).sort(), p);
}

export interface Stats { n: number; mean: number; median: number; p10: number; p90: number; min: number; max: number }

/** Mean, median, 10th and 90th percentiles, min and max (null fields when there are no values). */
export function summaryStats(values: ArrayLike<number>): Stats {
  const s = Float64Array.from(values).sort();
  return {
    n: s.length,
    mean: mean(s),
    median: percentileSorted(s, 0.5),
    p10: percentileSorted(s, 0.1),
    p90: percentileSorted(s, 0.9),
    min: s.length ? s[0] : NaN,
    max: s.length ? s[s.length - 1] : NaN,
  };
}

/** A "nice" step (1, 2 or 5 × 10^k) of at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const k = Math.floor(Math.log10(raw));
  const base = 10 ** k;
  for (const m of [1, 2, 5, 10]) if (m * base >= raw - 1e-12 * base) return m * base;
  return 10 * base;
}

export interface Histogram { start: number; step: number; counts: number[] }

/**
 * Equal-width bins with a nice width, about `target` of them, covering the values (and `include`,
 * e.g. a documented figure, so that its marker falls on the chart). Bin i is
 * [start + i·step, start + (i+1)·step); the last bin also takes its upper edge.
 */
export function histogram(values: ArrayLike<number>, target = 20, include: number[] = []): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) { lo = Math.min(lo, values[i]); hi = Math.max(hi, values[i]); }
  for (const x of include) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  if (!Number.isFinite(lo)) return { start: 0, step: 1, counts: [] };
  const step = niceStep((hi - lo) / Math.max(1, target));
  const start = Math.floor(lo / step) * step;
  const bins = Math.max(1, Math.floor((hi - start) / step) + 1);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    counts[Math.min(bins - 1, Math.floor((values[i] - start) / step))]++;
  }
  return { start, step, counts };
}
