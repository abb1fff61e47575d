/**
 * The fixed-point steps of the Andersen-Lake-Offengelder boundary solve (alo.ts). With τ the time to
 * expiry and X = K·min(1, r/q), B(τ) solves B = K·e^{−(r−q)τ}·N(τ, B)/D(τ, B), in two forms:
 *
 *   FP-B: N = φ(d₋(τ, B/K))/(σ√τ) + r∫₀^τ e^{r(τ−m)} φ(d₋(m, B(τ)/B(τ−m)))/(σ√m) dm
 *         D = φ(d₊(τ, B/K))/(σ√τ) + Φ(d₊(τ, B/K)) + q∫₀^τ e^{q(τ−m)} [Φ(d₊(m, ·)) + φ(d₊(m, ·))/(σ√m)] dm
 *   FP-A: N = Φ(d₋) + r∫e^{r(τ−m)}Φ(d₋(m, ·))dm,  D = Φ(d₊) + q∫e^{q(τ−m)}Φ(d₊(m, ·))dm
 *
 * Every FP-B step is a Jacobi-Newton step on B − f(B) whose derivative keeps only the terms outside
 * the integrals (as QuantLib's QdFpAmericanEngine does). The integrals' own dependence on B(τ) is left
 * out on purpose: the error of a starting boundary is smooth in τ, and a uniform change of ln B leaves
 * every ratio B(τ)/B(τ−m) — so every integral — unchanged; with those terms the step overshot by a
 * third and short expiries with r ≈ q oscillated. Measured on the bench's 200 contracts: the first
 * step lands within ~1e-4 of the converged ln B (2e-3 before), the next ones gain ×10-15 each.
 */

import type { Prepared } from './alo-scheme.js';
import { normCdfFast, normCdfGivenExp } from './normal.js';

const INV_SQRT_2PI = 0.39894228040143267794;

/** Node values H = ln(B/X)² (H[0] = 0 at expiry), the next step's values, and discount tables per (node, point). */
export interface Workspace {
  H: Float64Array;
  Hn: Float64Array;
  /** e^{r(τ−m)}·e^{(r−q)m} = e^{rτ − qm}: the factor of φ(d₋) = φ(d₊)·z·e^{(r−q)m}. */
  eR: Float64Array;
  /** e^{q(τ−m)}. */
  eQ: Float64Array;
}

/** Fills the discount tables of `w` for expiry T, rate r, yield q (one exponential per point). */
export function fillTables(P: Prepared, w: Workspace, T: number, r: number, q: number): void {
  const { n, nq, xi, frac } = P;
  const b = r - q;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    const eB = Math.exp(b * tau);
    for (let k = 0; k < nq; k++) {
      const eq = q === 0 ? 1 : Math.exp(q * tau * (1 - frac[k]!));
      w.eQ[i * nq + k] = eq;
      w.eR[i * nq + k] = eB * eq;
    }
  }
}

/**
 * Runs up to `iterations` fixed-point steps on w.H (FP-B with Jacobi-Newton, or plain FP-A when `useA`).
 * Returns false when FP-B stops contracting (a step that changes ln B by more than 2e-5 and 0.8 of the
 * step before), so the caller can switch to FP-A.
 */
export function iterate(
  P: Prepared,
  w: Workspace,
  iterations: number,
  tolerance: number,
  useA: boolean,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
): boolean {
  const { n, nq, xi, frac, sqrtFrac, gw, wB, W } = P;
  const { H, Hn, eR, eQ } = w;
  const n1 = n + 1;
  const X = q > r ? (K * r) / q : K;
  const lnX = Math.log(X),
    lnK = Math.log(K);
  const b = r - q;
  let previous = Infinity;
  const invSigma = 1 / sigma;
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let i = 1; i <= n; i++) {
      const tau = T * xi[i]! * xi[i]!;
      const sq = Math.sqrt(tau);
      const st = sigma * sq;
      const lnB = lnX - Math.sqrt(H[i]!);
      const xk = lnB - lnK + b * tau;
      const dp = xk / st + 0.5 * st;
      const dm = dp - st;
      const phiP = INV_SQRT_2PI * Math.exp(-0.5 * dp * dp);
      const phiM = phiP * Math.exp(xk);
      const F = K * Math.exp(-b * tau);
      const B0 = Math.exp(lnB);
      let f: number;
      let B: number;
      if (useA) {
        f = fpA(P, H, i, lnB, lnX, dp, dm, st, tau, r, q, F);
        B = f;
      } else {
        let sumN = 0,
          sumD = 0;
        const row = i * nq;
        for (let k = 0; k < nq; k++) {
          const o = (row + k) * n1;
          let h = 0;
          for (let j = 0; j <= n; j++) h += W[o + j]! * H[j]!;
          const lnz = lnB - lnX + Math.sqrt(h > 0 ? h : 0);
          const sf = sqrtFrac[k]!;
          const sm = st * sf;
          const d = (lnz + b * tau * frac[k]!) / sm + 0.5 * sm;
          sumN += gw[k]! * eR[row + k]! * Math.exp(lnz - 0.5 * d * d); // √(2π)·weight·e^{r(τ−m)}·φ(d₋)
          if (q !== 0) {
            const e = Math.exp(-0.5 * d * d);
            sumD += eQ[row + k]! * (wB[k]! * normCdfGivenExp(d, e) * tau + gw[k]! * INV_SQRT_2PI * e * sq * invSigma);
          }
        }
        const num = phiM / st + INV_SQRT_2PI * r * sq * invSigma * sumN;
        const den = phiP / st + normCdfFast(dp) + q * sumD;
        f = (F * num) / den;
        // Newton on B − f(B), f' = F·(N'/D − N·D'/D²) from the terms outside the integrals (times B).
        const numD = (-dm * phiM) / (st * st);
        const denD = (-dp * phiP) / (st * st) + phiP / st;
        const fp = (F * (numD / den - (num * denD) / (den * den))) / B0;
        B = B0 - (B0 - f) / (1 - fp);
        if (!(B > 0 && B < X && 1 - fp > 0.1)) B = f;
      }
      const l = Math.log(B / X);
      // A broken update (B not below X, or NaN) takes the previous node's value: the boundary falls with τ.
      Hn[i] = B < X && l === l ? l * l : Hn[i - 1]!;
      const dl = Math.abs(Math.sqrt(Hn[i]!) - Math.sqrt(H[i]!));
      if (dl > change) change = dl;
    }
    for (let i = 1; i <= n; i++) H[i] = Hn[i]!;
    if (change < tolerance) return true;
    if (!useA && it > 0 && change > 0.8 * previous && change > 2e-5) return false;
    previous = change;
  }
  return true;
}

/** FP-A's f(B) = F·N/D at node i. */
function fpA(
  P: Prepared,
  H: Float64Array,
  i: number,
  lnB: number,
  lnX: number,
  dp: number,
  dm: number,
  st: number,
  tau: number,
  r: number,
  q: number,
  F: number,
): number {
  const { n, nq, frac, sqrtFrac, wB, W } = P;
  const n1 = n + 1;
  const b = r - q;
  let sn = 0,
    sd = 0;
  for (let k = 0; k < nq; k++) {
    const o = (i * nq + k) * n1;
    let h = 0;
    for (let j = 0; j <= n; j++) h += W[o + j]! * H[j]!;
    const lnz = lnB - lnX + Math.sqrt(h > 0 ? h : 0);
    const sm = st * sqrtFrac[k]!;
    const d = (lnz + b * tau * frac[k]!) / sm + 0.5 * sm;
    const u = tau * (1 - frac[k]!);
    sn += wB[k]! * Math.exp(r * u) * normCdfFast(d - sm);
    if (q !== 0) sd += wB[k]! * Math.exp(q * u) * normCdfFast(d);
  }
  return (F * (normCdfFast(dm) + r * tau * sn)) / (normCdfFast(dp) + q * tau * sd);
}
