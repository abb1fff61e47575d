/**
 * Covariance and Pearson correlation of aligned return columns (`columns[j][t]` = return of
 * series j in period t). Unequal lengths throw RiskInputError('LENGTH_MISMATCH').
 */
import { RiskInputError } from './errors.js';

function centred(columns: readonly ArrayLike<number>[]): Float64Array[] {
  const n = columns[0]?.length ?? 0;
  return columns.map((col, j) => {
    if (col.length !== n) {
      throw new RiskInputError('LENGTH_MISMATCH', `column ${j} has ${col.length} values, column 0 has ${n}`);
    }
    const out = Float64Array.from(col);
    // A constant column must centre to exact zeros (its mean can be off by an ulp), so that its
    // correlations come out NaN rather than ±1 from rounding noise.
    if (out.every((x) => x === out[0])) return out.fill(Number.isFinite(out[0]) ? 0 : NaN);
    let s = 0;
    for (let t = 0; t < n; t++) s += out[t] as number;
    const m = s / n;
    for (let t = 0; t < n; t++) out[t] = (out[t] as number) - m;
    return out;
  });
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let t = 0; t < a.length; t++) s += (a[t] as number) * (b[t] as number);
  return s;
}

/**
 * Sample covariance matrix (divisor n − ddof, default 1 as np.cov). Fewer than ddof + 1 rows → all
 * NaN. Non-finite values make the affected entries NaN. No columns → [].
 */
export function covarianceMatrix(columns: readonly ArrayLike<number>[], ddof = 1): number[][] {
  const c = centred(columns);
  const n = columns[0]?.length ?? 0;
  const k = c.length;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  if (n - ddof <= 0) return out;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = dot(c[i] as Float64Array, c[j] as Float64Array) / (n - ddof);
      (out[i] as number[])[j] = v;
      (out[j] as number[])[i] = v;
    }
  }
  return out;
}

/**
 * Pearson correlation matrix, as np.corrcoef over the columns. The diagonal is exactly 1 for a
 * column that varies. A constant column (zero variance) has no defined correlation: its whole row
 * and column are NaN, diagonal included (numpy does the same). Fewer than 2 rows → all NaN.
 * No columns → [].
 */
export function correlationMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  const c = centred(columns);
  const n = columns[0]?.length ?? 0;
  const k = c.length;
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  if (n < 2) return out;
  const norms = c.map((col) => Math.sqrt(dot(col, col)));
  for (let i = 0; i < k; i++) {
    const ni = norms[i] as number;
    if (!(ni > 0)) continue;
    (out[i] as number[])[i] = 1;
    for (let j = i + 1; j < k; j++) {
      const nj = norms[j] as number;
      if (!(nj > 0)) continue;
      // Clamp rounding overshoot so |ρ| ≤ 1 holds exactly.
      const r = Math.max(-1, Math.min(1, dot(c[i] as Float64Array, c[j] as Float64Array) / (ni * nj)));
      (out[i] as number[])[j] = r;
      (out[j] as number[])[i] = r;
    }
  }
  return out;
}
