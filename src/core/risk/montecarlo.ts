/**
 * Seeded Monte Carlo of jointly normal returns. Deterministic for a given seed so a reported VaR
 * can be reproduced; pure apart from advancing the generator the caller passes in.
 */
import { RiskInputError } from './errors.js';
import { mulberry32, normalSampler, type Rng } from '../random.js';

export { mulberry32, normalSampler, type Rng };

/**
 * Lower-triangular L with L·Lᵀ = covariance (row-major k×k Float64Array). Positive semi-definite
 * matrices are accepted: a pivot within 1e-12 of the diagonal's scale counts as zero and its
 * column is zeroed (perfectly correlated assets). Throws RiskInputError('INVALID_COVARIANCE') for
 * a non-square, asymmetric or clearly indefinite matrix.
 */
export function cholesky(covariance: readonly (readonly number[])[]): Float64Array {
  const k = covariance.length;
  const a = new Float64Array(k * k);
  let scale = 0;
  for (let i = 0; i < k; i++) {
    const row = covariance[i] as readonly number[];
    if (row.length !== k) throw new RiskInputError('INVALID_COVARIANCE', `row ${i} has ${row.length} entries, expected ${k}`);
    for (let j = 0; j < k; j++) a[i * k + j] = row[j] as number;
    scale = Math.max(scale, Math.abs(row[i] as number));
  }
  const tol = 1e-12 * (scale || 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const x = a[i * k + j] as number;
      const y = a[j * k + i] as number;
      if (!Number.isFinite(x) || Math.abs(x - y) > 1e-10 * Math.max(1, Math.abs(x), Math.abs(y))) {
        throw new RiskInputError('INVALID_COVARIANCE', `covariance is not symmetric at (${i}, ${j})`);
      }
    }
  }
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let m = 0; m < j; m++) d -= (l[j * k + m] as number) ** 2;
    if (d < -tol || Number.isNaN(d)) {
      throw new RiskInputError('INVALID_COVARIANCE', `covariance is not positive semi-definite (pivot ${j} = ${d})`);
    }
    const ljj = d > tol ? Math.sqrt(d) : 0;
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      if (ljj === 0) continue;
      let s = a[i * k + j] as number;
      for (let m = 0; m < j; m++) s -= (l[i * k + m] as number) * (l[j * k + m] as number);
      l[i * k + j] = s / ljj;
    }
  }
  return l;
}

/**
 * `paths` draws of X = means + L·Z, Z standard normal, L the Cholesky factor of `covariance`:
 * multivariate normal per-horizon returns of k underlyings (scale means and covariance to the
 * horizon first; for a lognormal model pass log-return moments and map each x to eˣ − 1). Rows are
 * views into one buffer: result[p][u] = return of underlying u on path p, ready for
 * portfolioPnlScenarios. Draws are consumed path by path, underlying by underlying, so a seed
 * reproduces the same paths. Throws RiskInputError for mismatched sizes, a bad matrix, or a
 * non-integer / negative path count.
 */
export function simulateCorrelatedReturns(means: readonly number[], covariance: readonly (readonly number[])[], paths: number, rng: Rng): Float64Array[] {
  const k = means.length;
  if (!Number.isInteger(paths) || paths < 0) {
    throw new RiskInputError('INVALID_ARGUMENT', `paths must be a non-negative integer, got ${paths}`);
  }
  if (covariance.length !== k) {
    throw new RiskInputError('INVALID_COVARIANCE', `covariance is ${covariance.length}×…, means has ${k} entries`);
  }
  const l = cholesky(covariance);
  const normal = normalSampler(rng);
  const buffer = new Float64Array(paths * k);
  const z = new Float64Array(k);
  const rows: Float64Array[] = new Array<Float64Array>(paths);
  for (let p = 0; p < paths; p++) {
    for (let u = 0; u < k; u++) z[u] = normal();
    const base = p * k;
    for (let i = 0; i < k; i++) {
      let x = means[i] as number;
      for (let m = 0; m <= i; m++) x += (l[i * k + m] as number) * (z[m] as number);
      buffer[base + i] = x;
    }
    rows[p] = buffer.subarray(base, base + k);
  }
  return rows;
}
