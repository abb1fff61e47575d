/**
 * Value-at-Risk and Conditional VaR of a return series, one horizon = one period of the input.
 *
 * Conventions shared by every function here:
 * - Results are losses as positive fractions of value (0.031 = a 3.1 % loss).
 * - Clamped at zero: when even the (1 − level) quantile is a gain, VaR is 0 ("no loss at this
 *   confidence"), never a negative loss. CVaR is clamped the same way, so CVaR ≥ VaR ≥ 0 always.
 * - Empty input, or any non-finite return, gives NaN. `level` outside (0, 1) throws
 *   RiskInputError('INVALID_LEVEL').
 */
import { checkLevel } from './errors.js';
import { normalQuantile } from '../normal-quantile.js';
import { allFinite, mean, quantileSorted, sortedCopy, std } from './stats.js';

/** VaR and CVaR from one sort; shared with lossQuantiles. Units follow the input. */
export function tailLoss(values: ArrayLike<number>, level: number): { var: number; cvar: number } {
  checkLevel(level);
  if (values.length === 0 || !allFinite(values)) return { var: NaN, cvar: NaN };
  const sorted = sortedCopy(values);
  const q = quantileSorted(sorted, 1 - level);
  // The tail is every outcome at or below the quantile; it always holds sorted[0] ≤ q.
  let sum = 0;
  let count = 0;
  for (let i = 0; i < sorted.length && (sorted[i] as number) <= q; i++) {
    sum += sorted[i] as number;
    count++;
  }
  const tailMean = count > 0 ? sum / count : q;
  return { var: Math.max(0, -q), cvar: Math.max(0, -tailMean) };
}

/**
 * Historical VaR: minus the (1 − level) quantile of `returns`, quantile by linear interpolation
 * between order statistics (numpy's default `np.percentile` method). Needs ≥ 1 return; empty → NaN.
 */
export function historicalVaR(returns: ArrayLike<number>, level: number): number {
  return tailLoss(returns, level).var;
}

/**
 * Historical CVaR (expected shortfall): minus the mean of the returns at or below the
 * (1 − level) quantile used by historicalVaR. Empty → NaN. Always ≥ historicalVaR.
 */
export function historicalCVaR(returns: ArrayLike<number>, level: number): number {
  return tailLoss(returns, level).cvar;
}

/**
 * Gaussian VaR: −(μ + z₁₋ₗ·σ) with μ the mean and σ the sample standard deviation (ddof = 1),
 * z the standard normal quantile. Needs ≥ 2 returns; fewer → NaN.
 */
export function parametricVaR(returns: ArrayLike<number>, level: number): number {
  checkLevel(level);
  if (returns.length < 2 || !allFinite(returns)) return NaN;
  const z = normalQuantile(1 - level);
  return Math.max(0, -(mean(returns) + z * std(returns, 1)));
}

/**
 * Cornish-Fisher (modified) VaR: the Gaussian VaR with z replaced by
 *   z_cf = z + (z² − 1)·S/6 + (z³ − 3z)·K/24 − (2z³ − 5z)·S²/36,
 * z = Φ⁻¹(1 − level), S the moment skewness m₃/m₂^1.5 and K the moment excess kurtosis m₄/m₂² − 3
 * (central moments with divisor n: scipy.stats.skew / kurtosis with bias=True, as
 * PerformanceAnalytics' VaR(method = "modified")). The scale is the sample σ (ddof = 1), so with
 * S = K = 0 this equals parametricVaR exactly.
 * Needs ≥ 4 returns (fewer → NaN: shape estimates from 2–3 points are noise). Zero variance: the
 * distribution is a point mass, VaR = max(0, −μ).
 */
export function cornishFisherVaR(returns: ArrayLike<number>, level: number): number {
  checkLevel(level);
  const n = returns.length;
  if (n < 4 || !allFinite(returns)) return NaN;
  const mu = mean(returns);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (returns[i] as number) - mu;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) return Math.max(0, -mu);
  const s = m3 / Math.pow(m2, 1.5);
  const k = m4 / (m2 * m2) - 3;
  const z = normalQuantile(1 - level);
  const zcf = z + ((z * z - 1) * s) / 6 + ((z * z * z - 3 * z) * k) / 24 - ((2 * z * z * z - 5 * z) * s * s) / 36;
  return Math.max(0, -(mu + zcf * std(returns, 1)));
}
