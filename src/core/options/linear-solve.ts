/**
 * Solves the dense system M·x = b in place (row-major M of size n×n at stride `stride`, offset 1 in
 * both indices: rows and columns 1..n, matching the boundary nodes 1..n); x overwrites b. Gaussian
 * elimination with partial pivoting. Returns false when M is singular (or not finite).
 */
export function solveInPlace(M: Float64Array, b: Float64Array, n: number, stride: number): boolean {
  for (let c = 1; c <= n; c++) {
    let p = c;
    let best = Math.abs(M[c * stride + c]!);
    for (let i = c + 1; i <= n; i++) {
      const a = Math.abs(M[i * stride + c]!);
      if (a > best) {
        best = a;
        p = i;
      }
    }
    if (!(best > 0) || best === Infinity) return false;
    if (p !== c) {
      for (let j = c; j <= n; j++) {
        const t = M[c * stride + j]!;
        M[c * stride + j] = M[p * stride + j]!;
        M[p * stride + j] = t;
      }
      const t = b[c]!;
      b[c] = b[p]!;
      b[p] = t;
    }
    const inv = 1 / M[c * stride + c]!;
    for (let i = c + 1; i <= n; i++) {
      const f = M[i * stride + c]! * inv;
      if (f === 0) continue;
      for (let j = c + 1; j <= n; j++) M[i * stride + j]! -= f * M[c * stride + j]!;
      b[i]! -= f * b[c]!;
    }
  }
  for (let i = n; i >= 1; i--) {
    let s = b[i]!;
    for (let j = i + 1; j <= n; j++) s -= M[i * stride + j]! * b[j]!;
    b[i] = s / M[i * stride + i]!;
  }
  return true;
}
