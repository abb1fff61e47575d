/**
 * Small numeric helpers shared by the risk functions. Inputs are plain numbers; callers decide what
 * an empty or non-finite input means for their statistic.
 */

export function allFinite(xs: ArrayLike<number>): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i] as number)) return false;
  return true;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

/** Standard deviation with `ddof` delta degrees of freedom (1 = sample, 0 = population); two-pass. */
export function std(xs: ArrayLike<number>, ddof: number): number {
  const n = xs.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - ddof));
}

/** Ascending copy in a typed array: numeric sort, several times faster than Array#sort with a comparator. */
export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(xs);
  out.sort();
  return out;
}

/**
 * Quantile `p` in [0, 1] of ascending `sorted` by linear interpolation between order statistics:
 * h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is numpy's default
 * `np.percentile(..., method='linear')` (Hyndman & Fan type 7, also R's default).
 * h within 1e-9 of an integer is snapped to it: 1 − 0.95 is 0.050000000000000044 in binary, and
 * an order statistic that sits exactly on the quantile must not drop out of the CVaR tail.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const raw = (n - 1) * p;
  const h = Math.abs(raw - Math.round(raw)) < 1e-9 ? Math.round(raw) : raw;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
