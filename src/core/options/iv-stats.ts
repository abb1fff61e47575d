/**
 * Volatility statistics behind the /greeks summary, pure: at-the-money IV of one expiry, the 30-day
 * constant-maturity ATM IV, IV rank and percentile over the bot's own stored history, realized vol.
 * Vols are annual decimals; `years` are calendar days / 365.
 */
import type { OptionType } from './types.js';

/** A solved IV at one strike (NaN when the quote gave none). */
export interface SmilePoint {
  type: OptionType;
  strike: number;
  iv: number;
}

/**
 * ATM IV of one expiry: the mean of the call and put IVs at each strike, linearly interpolated in
 * strike between the nearest strikes either side of spot. NaN when no usable IV brackets the spot.
 */
export function atmIv(points: readonly SmilePoint[], spot: number): number {
  const byStrike = new Map<number, number[]>();
  for (const p of points) {
    if (!(Number.isFinite(p.iv) && p.iv > 0)) continue;
    const list = byStrike.get(p.strike) ?? [];
    list.push(p.iv);
    byStrike.set(p.strike, list);
  }
  const strikes = [...byStrike.keys()].sort((a, b) => a - b);
  const mean = (k: number) => {
    const v = byStrike.get(k) ?? [];
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const below = strikes.filter((k) => k <= spot).pop();
  const above = strikes.find((k) => k >= spot);
  if (below === undefined || above === undefined) return NaN;
  if (above === below) return mean(below);
  return mean(below) + ((mean(above) - mean(below)) * (spot - below)) / (above - below);
}

/**
 * Constant-maturity IV at `target` years from ATM IVs (v1 at t1 < target <= t2 at v2), interpolating
 * total variance σ²T linearly in T: σ = √(w(target)/target). NaN unless the expiries bracket the target
 * and both vols are positive, or when the interpolated variance is not positive (calendar arbitrage).
 */
export function constantMaturityIv(t1: number, v1: number, t2: number, v2: number, target: number): number {
  if (!(t1 > 0 && t1 <= target && target <= t2 && t2 > t1 && v1 > 0 && v2 > 0)) return NaN;
  const w1 = v1 * v1 * t1;
  const w2 = v2 * v2 * t2;
  const w = w1 + ((w2 - w1) * (target - t1)) / (t2 - t1);
  return w > 0 ? Math.sqrt(w / target) : NaN;
}

/**
 * IV rank (current − min)/(max − min) and IV percentile (share of stored days with a lower IV), both
 * in [0, 1], over `history` (the last year of daily 30-day ATM IV, current day excluded or not — the
 * caller decides). NaN for both with fewer than two days or a flat history (rank only).
 */
export function ivRankPercentile(history: readonly number[], current: number): { rank: number; percentile: number } {
  const xs = history.filter((x) => Number.isFinite(x));
  if (xs.length < 2 || !Number.isFinite(current)) return { rank: NaN, percentile: NaN };
  let lo = Infinity,
    hi = -Infinity,
    below = 0;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    if (x < current) below++;
  }
  const rank = hi > lo ? Math.min(1, Math.max(0, (current - lo) / (hi - lo))) : NaN;
  return { rank, percentile: below / xs.length };
}

/**
 * Annualized close-to-close realized volatility of the last `days` log returns (sample standard
 * deviation × √252). NaN with fewer than `days` + 1 positive closes.
 */
export function realizedVol(closes: readonly number[], days = 20, periodsPerYear = 252): number {
  const xs = closes.filter((c) => c > 0 && Number.isFinite(c));
  if (!(days >= 2) || xs.length < days + 1) return NaN;
  const tail = xs.slice(-(days + 1));
  const r: number[] = [];
  for (let i = 1; i < tail.length; i++) r.push(Math.log(tail[i]! / tail[i - 1]!));
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const variance = r.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (r.length - 1);
  return Math.sqrt(variance * periodsPerYear);
}

/**
 * The earnings move the term structure implies, 1σ as a fraction of spot: the first expiry after
 * earnings carries the event's variance on top of the diffusion the expiry before it prices, so
 * σ_E² = (σ_after² − σ_before²)·T_after (Sinclair's term-structure estimate, assuming the ordinary
 * vol of the expiry before earnings holds over both). NaN when inputs are missing or the after-earnings
 * expiry carries no extra variance.
 */
export function impliedEarningsMove(before: { years: number; iv: number }, after: { years: number; iv: number }): number {
  if (!(before.iv > 0) || !(after.iv > 0) || !(after.years > before.years) || !(before.years > 0)) return NaN;
  const extra = (after.iv ** 2 - before.iv ** 2) * after.years;
  return extra > 0 ? Math.sqrt(extra) : NaN;
}
