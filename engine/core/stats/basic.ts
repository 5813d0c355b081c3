// Basic statistics shared by the batch and compare commands (engine/node) and the browser's
// what-if tab: mean, percentiles of sorted values, rounding. Pure functions of their inputs.
//
// Percentile method: linear interpolation between closest ranks (Hyndman & Fan type 7, the
// default of R, NumPy and Excel's PERCENTILE.INC).

export const PERCENTILE_METHOD =
  'linear interpolation between closest ranks (Hyndman-Fan type 7, as R, NumPy and Excel PERCENTILE.INC): for sorted x[0..n-1], h = (n-1)p, P = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])';

/** The p-th quantile (p in [0, 1]) of values already sorted ascending; NaN when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Rounds to `digits` decimals (for files people read); NaN becomes null in JSON anyway. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
