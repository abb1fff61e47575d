/**
 * Performance and dispersion statistics of simple periodic returns (0.01 = +1 %).
 * Empty or too-short input, or any non-finite return, gives NaN; each function says its minimum.
 */
import { DAILY } from './periods.js';
import { RiskInputError } from './errors.js';
import { allFinite, mean, std } from './stats.js';

/** Annual rate → per-period rate by compounding: (1 + r)^(1/p) − 1. */
export function perPeriodRate(annualRate: number, periodsPerYear: number): number {
  return Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}

/**
 * Annualised Sharpe ratio: mean(r − rf) / std(r − rf) · √periodsPerYear, std with ddof = 1.
 * `riskFree` is an annual rate, turned per-period by compounding (perPeriodRate).
 * Needs ≥ 2 returns. Zero dispersion (all excess returns equal) → NaN: the ratio is undefined.
 */
export function sharpeRatio(returns: ArrayLike<number>, periodsPerYear = DAILY, riskFree = 0): number {
  if (returns.length < 2 || !allFinite(returns)) return NaN;
  const rf = perPeriodRate(riskFree, periodsPerYear);
  const excess = Float64Array.from(returns, (r) => r - rf);
  const sd = std(excess, 1);
  if (!(sd > 0)) return NaN;
  return (mean(excess) / sd) * Math.sqrt(periodsPerYear);
}

/**
 * Annualised Sortino ratio (empyrical's definition): mean(r − t) / DD · √periodsPerYear with the
 * downside deviation DD = √(Σ min(r − t, 0)² / n) over all n returns, target t = `riskFree`
 * (annual) made per-period by compounding. Needs ≥ 2 returns. No return below the target → NaN
 * (empyrical gives +inf; we would rather show "n/a" than an infinite ratio).
 */
export function sortinoRatio(returns: ArrayLike<number>, periodsPerYear = DAILY, riskFree = 0): number {
  const n = returns.length;
  if (n < 2 || !allFinite(returns)) return NaN;
  const t = perPeriodRate(riskFree, periodsPerYear);
  let sum = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const e = (returns[i] as number) - t;
    sum += e;
    if (e < 0) down += e * e;
  }
  if (down === 0) return NaN;
  return (sum / n / Math.sqrt(down / n)) * Math.sqrt(periodsPerYear);
}

/** Sample standard deviation (ddof = 1) × √periodsPerYear. Needs ≥ 2 returns. */
export function annualizedVolatility(returns: ArrayLike<number>, periodsPerYear = DAILY): number {
  if (returns.length < 2 || !allFinite(returns)) return NaN;
  return std(returns, 1) * Math.sqrt(periodsPerYear);
}

/**
 * Largest peak-to-trough fall of compounded wealth W_t = Π(1 + r_i), starting from W_0 = 1 (so a
 * loss in the first period counts), as a positive fraction of the peak: max_t (1 − W_t / max_{s≤t} W_s).
 * 0 when wealth never falls; a −100 % return gives 1. Empty → NaN.
 */
export function maxDrawdown(returns: ArrayLike<number>): number {
  if (returns.length === 0 || !allFinite(returns)) return NaN;
  let wealth = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    wealth *= 1 + (returns[i] as number);
    if (wealth > peak) peak = wealth;
    const dd = 1 - wealth / peak;
    if (dd > worst) worst = dd;
  }
  return worst;
}

/**
 * OLS beta of `asset` on `benchmark`: cov(a, b) / var(b). Throws RiskInputError('LENGTH_MISMATCH')
 * when the series are not aligned. Needs ≥ 2 pairs; a constant benchmark → NaN.
 */
export function beta(asset: ArrayLike<number>, benchmark: ArrayLike<number>): number {
  const n = asset.length;
  if (benchmark.length !== n) {
    throw new RiskInputError('LENGTH_MISMATCH', `asset has ${n} returns, benchmark ${benchmark.length}`);
  }
  if (n < 2 || !allFinite(asset) || !allFinite(benchmark)) return NaN;
  const ma = mean(asset);
  const mb = mean(benchmark);
  let cov = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    const db = (benchmark[i] as number) - mb;
    cov += ((asset[i] as number) - ma) * db;
    vb += db * db;
  }
  return vb > 0 ? cov / vb : NaN;
}
