/**
 * American put by the Andersen-Lake-Offengelder fixed-point method (L. Andersen, M. Lake and
 * D. Offengelder, "High-performance American option pricing", Journal of Computational Finance 20,
 * 2016; the scheme of QuantLib's QdFpAmericanEngine). With τ the time to expiry, the exercise
 * boundary B(τ) solves the "FP-B" system
 *
 *   B(τ) = K·e^{−(r−q)τ}·N(τ, B)/D(τ, B)
 *   N = φ(d₋(τ, B/K))/(σ√τ) + r∫₀^τ e^{r(τ−m)} φ(d₋(m, B(τ)/B(τ−m)))/(σ√m) dm
 *   D = φ(d₊(τ, B/K))/(σ√τ) + Φ(d₊(τ, B/K)) + q∫₀^τ e^{q(τ−m)} [Φ(d₊(m, ·)) + φ(d₊(m, ·))/(σ√m)] dm
 *
 * solved by fixed-point iteration from Li's QD+ boundary. B is held as H(ξ) = ln(B/X)² on
 * Chebyshev-Lobatto nodes in ξ = √(τ/T), X = K·min(1, r/q) (where H is smooth), and the
 * substitution m = τ(1+y)²/4 removes the 1/√m singularity before Gauss-Legendre quadrature in y.
 * Every query point is a fixed fraction of T, so the barycentric interpolation weights are
 * precomputed once per scheme: an iteration is a matrix product and one pass of the integrand.
 * The price is the European put plus the early-exercise premium (Kim 1990)
 *
 *   ∫₀^T [rK·e^{−r(T−u)}Φ(−d₋(T−u, S/B(u))) − qS·e^{−q(T−u)}Φ(−d₊(T−u, S/B(u)))] du,  u = Tξ².
 */

import { putFromBoundary } from './alo-premium.js';
import { gaussLegendre } from './quadrature.js';
import { normCdfFast, normCdfGivenExp } from './normal.js';
import { qdPlusPutBoundary } from './qd-plus.js';

const INV_SQRT_2PI = 0.39894228040143267794;

/**
 * Chebyshev degree (nodes + 1 points), most fixed-point iterations and the change of ln B below
 * which iteration stops, boundary and pricing quadrature sizes.
 */
export interface AloScheme {
  nodes: number;
  iterations: number;
  tolerance: number;
  quadrature: number;
  pricing: number;
}

/**
 * Production scheme: one Jacobi-Newton and up to three plain FP-B steps from QD+. Within 1e-6 of the
 * converged scheme on the bench's 200 contracts (6.3e-7; two steps left 6.7e-6) and within 3e-5 across
 * vol 10-100 %, T up to 2 years, rates to 5 % with dividends (relative, prices above 1e-4 of spot).
 */
export const ALO_FAST: AloScheme = { nodes: 8, iterations: 4, tolerance: 1e-7, quadrature: 10, pricing: 24 };
/** Converged scheme for tests and benchmarks (more nodes fit the log-singular start of the boundary worse). */
export const ALO_PRECISE: AloScheme = { nodes: 12, iterations: 60, tolerance: 1e-13, quadrature: 48, pricing: 96 };

export interface Prepared {
  n: number;
  nq: number;
  np: number;
  xi: Float64Array;
  frac: Float64Array;
  sqrtFrac: Float64Array;
  /** Boundary quadrature weights in m/τ, divided by √(m/τ) (gw) or not (wB). */
  gw: Float64Array;
  wB: Float64Array;
  /** Row ((i·nq + k)·(n+1)): weights giving H at ξᵢ·√(1 − frac_k) from the node values. */
  W: Float64Array;
  /** Pricing points as t/T (time from now over T) and weights of ∫₀¹ d(u/T). */
  pt: Float64Array;
  pw: Float64Array;
  PW: Float64Array;
}

const prepared = new Map<string, Prepared>();

function interpolationRow(out: Float64Array, offset: number, xi: number, n: number): void {
  const z = 2 * xi - 1;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    const zj = -Math.cos((j * Math.PI) / n);
    if (z === zj) {
      out.fill(0, offset, offset + n + 1);
      out[offset + j] = 1;
      return;
    }
    const w = ((j & 1 ? -1 : 1) * (j === 0 || j === n ? 0.5 : 1)) / (z - zj);
    out[offset + j] = w;
    total += w;
  }
  for (let j = 0; j <= n; j++) out[offset + j]! /= total;
}

function prepare(s: AloScheme): Prepared {
  const key = `${s.nodes}/${s.quadrature}/${s.pricing}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const n = s.nodes,
    nq = s.quadrature,
    np = s.pricing;
  const xi = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) xi[i] = 0.5 * (1 - Math.cos((i * Math.PI) / n));
  xi[n] = 1;
  // m ∈ [0, τ/2] as m = τs² (the 1/√m end) and m ∈ [τ/2, τ] as τ − m = τs² (B(τ−m) is smooth in
  // √(τ−m), not in m), s ∈ [0, √½]; weights carry the Jacobian |dm/ds|/τ = 2s, and wA = w/√(m/τ).
  const halfQ = Math.ceil(nq / 2);
  const g1 = gaussLegendre(halfQ),
    g2 = gaussLegendre(nq - halfQ);
  const frac = new Float64Array(nq),
    sqrtFrac = new Float64Array(nq),
    gw = new Float64Array(nq),
    wB = new Float64Array(nq);
  for (let k = 0; k < nq; k++) {
    const first = k < halfQ;
    const y = first ? g1.x[k]! : g2.x[k - halfQ]!;
    const sv = 0.5 * Math.SQRT1_2 * (1 + y);
    frac[k] = first ? sv * sv : 1 - sv * sv;
    sqrtFrac[k] = Math.sqrt(frac[k]!);
    wB[k] = 0.5 * Math.SQRT1_2 * (first ? g1.w[k]! : g2.w[k - halfQ]!) * 2 * sv;
    gw[k] = wB[k]! / sqrtFrac[k]!;
  }
  const W = new Float64Array((n + 1) * nq * (n + 1));
  for (let i = 1; i <= n; i++) for (let k = 0; k < nq; k++) interpolationRow(W, (i * nq + k) * (n + 1), xi[i]! * Math.sqrt(1 - frac[k]!), n);
  const half = Math.ceil(np / 2);
  const ga = gaussLegendre(half),
    gb = gaussLegendre(np - half);
  const pt = new Float64Array(np),
    pw = new Float64Array(np),
    PW = new Float64Array(np * (n + 1));
  const edge = Math.SQRT1_2;
  for (let p = 0; p < np; p++) {
    const a = p < half;
    const y = a ? ga.x[p]! : gb.x[p - half]!;
    const w = a ? ga.w[p]! : gb.w[p - half]!;
    const v = 0.5 * edge * (1 + y); // ξ (piece a) or s (piece b) on [0, √½]
    pt[p] = a ? 1 - v * v : v * v;
    pw[p] = 0.5 * edge * w * 2 * v; // d(u/T) = 2ξ dξ, d(t/T) = 2s ds
    interpolationRow(PW, p * (n + 1), a ? v : Math.sqrt(1 - v * v), n);
  }
  const out = { n, nq, np, xi, frac, sqrtFrac, gw, wB, W, pt, pw, PW };
  prepared.set(key, out);
  return out;
}

let H = new Float64Array(0);
let Hn = new Float64Array(0);
let eR = new Float64Array(0);
let eQ = new Float64Array(0);
/** r and q the discount tables eR, eQ were last filled for (a warm re-solve at another vol keeps them). */
let tableKey = '';

/**
 * American put price (positional, units as in `americanPrice`); requires r > 0, σ > 0, T > 0 and
 * valid spot/strike — the caller routes the other cases. Calls come through put-call symmetry.
 */
export function aloPutPrice(S: number, K: number, T: number, r: number, q: number, sigma: number, scheme: AloScheme = ALO_FAST): number {
  const P = solvePutBoundary(K, T, r, q, sigma, scheme, false);
  return putFromBoundary(null, S, K, T, r, q, sigma, P, H);
}

/**
 * Solves the exercise boundary H (ln(B/X)² on the Chebyshev nodes) for strike K, expiry T, rate r > 0,
 * yield q, vol σ. `warm`: start from the boundary left by the previous solve (a nearby vol or rate, for
 * Greeks) with WARM_ITERATIONS FP-B steps instead of QD+ and the scheme's iterations.
 */
export function solvePutBoundary(K: number, T: number, r: number, q: number, sigma: number, scheme: AloScheme, warm: boolean): Prepared {
  const P = prepare(scheme);
  const { n, xi, frac, nq } = P;
  const n1 = n + 1;
  if (H.length < n1) {
    H = new Float64Array(n1);
    Hn = new Float64Array(n1);
    warm = false;
  }
  if (eR.length < n1 * nq) {
    eR = new Float64Array(n1 * nq);
    eQ = new Float64Array(n1 * nq);
    tableKey = '';
  }
  const X = q > r ? (K * r) / q : K;
  H[0] = 0;
  let guess = 0.5 * sigma * Math.sqrt(T) * xi[1]!;
  let prevB = X;
  const key = `${n}/${nq}/${T}/${r}/${q}`;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    if (!warm) {
      // QD+ is itself only ~1e-3 accurate, so a loose solve is enough — unless the secant strays
      // (the boundary must fall as τ grows): then solve again from the bracket.
      let B0 = qdPlusPutBoundary(tau, K, r, q, sigma, guess, i === 1 ? 1e-7 : 1e-4);
      if (!(B0 <= prevB && B0 > 0.5 * prevB)) B0 = qdPlusPutBoundary(tau, K, r, q, sigma, NaN, 1e-7);
      if (!(B0 <= prevB)) B0 = prevB;
      prevB = B0;
      const l = Math.log(B0 / X);
      if (i < n) guess = (-l * xi[i + 1]!) / xi[i]!; // ln(X/B) grows about like √τ
      H[i] = B0 < X && l === l ? l * l : 0;
    }
    if (key === tableKey) continue;
    const erTau = Math.exp(r * tau);
    for (let k = 0; k < nq; k++) {
      const m = tau * frac[k]!;
      // e^{r(τ−m)}·e^{(r−q)m}, the factor of φ(d₋) = φ(d₊)·z·e^{(r−q)m}
      eR[i * nq + k] = q === 0 ? erTau : Math.exp(r * tau - q * m);
      eQ[i * nq + k] = q === 0 ? 1 : Math.exp(q * (tau - m));
    }
  }
  tableKey = key;
  if (!iterate(P, warm ? WARM_ITERATIONS : scheme.iterations, scheme.tolerance, false, K, T, r, q, sigma)) {
    // FP-B oscillates with growing amplitude for large r·T/σ² (q ≪ r); FP-A is slower but stable there.
    // It goes on from where FP-B stopped (caught after its second step, still close).
    iterate(P, FP_A_ITERATIONS, 1e-8, true, K, T, r, q, sigma);
  }
  return P;
}

/** The boundary nodes of the last solve (copy them to keep them across another solve). */
export const boundaryNodes = (): Float64Array => H;
/** Puts back nodes saved from {@link boundaryNodes}, as the start of a warm solve. */
export const restoreBoundary = (saved: Float64Array): void => H.set(saved);

const FP_A_ITERATIONS = 30;
/**
 * FP-B steps of a warm solve. The step is Jacobi-Newton, so the boundary's response to a bumped vol or
 * rate through the integral (the other nodes) converges geometrically: 1, 2, 3, 4 steps leave vega
 * 2e-2, 1e-3, 3e-5, 1e-6 off (relative, ATM put, σ = 35 %).
 */
const WARM_ITERATIONS = 3;

/**
 * Runs fixed-point iterations on H (Jacobi-Newton first step for FP-B). Returns false when FP-B stops
 * contracting (a step that changes ln B by more than 2e-5 and 0.8 of the step before), so the caller can switch to FP-A.
 */
function iterate(P: Prepared, iterations: number, tolerance: number, useA: boolean, K: number, T: number, r: number, q: number, sigma: number): boolean {
  const { n, nq, xi, frac, sqrtFrac, gw, wB, W } = P;
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
      let num = phiM / st;
      let den = phiP / st + normCdfFast(dp);
      // Derivatives in B(τ) (times B) for the Jacobi-Newton step of the paper.
      let numD = (-dm * phiM) / (st * st);
      let denD = (-dp * phiP) / (st * st) + phiP / st;
      let sumN = 0,
        sumND = 0,
        sumD = 0,
        sumDD = 0;
      const row = i * nq;
      const newton = it === 0 && !useA;
      for (let k = 0; k < (useA ? 0 : nq); k++) {
        const o = (row + k) * n1;
        let h = 0;
        for (let j = 0; j <= n; j++) h += W[o + j]! * H[j]!;
        const lnz = lnB - lnX + Math.sqrt(h > 0 ? h : 0);
        const sf = sqrtFrac[k]!;
        const sm = st * sf;
        const d = (lnz + b * tau * frac[k]!) / sm + 0.5 * sm;
        const a = gw[k]! * eR[row + k]! * Math.exp(lnz - 0.5 * d * d); // √(2π)·weight·e^{r(τ−m)}·φ(d₋)
        sumN += a;
        if (newton) sumND += (a * (d - sm)) / sf;
        if (q !== 0) {
          const e = Math.exp(-0.5 * d * d);
          const c = gw[k]! * eQ[row + k]! * INV_SQRT_2PI * e;
          sumD += wB[k]! * eQ[row + k]! * normCdfGivenExp(d, e) * tau + c * sq * invSigma;
          if (newton) sumDD += c * (sq * invSigma - (d * invSigma * invSigma) / sf);
        }
      }
      num += INV_SQRT_2PI * r * sq * invSigma * sumN;
      numD -= INV_SQRT_2PI * r * invSigma * invSigma * sumND;
      den += q * sumD;
      denD += q * sumDD;
      const F = K * Math.exp(-b * tau);
      const f = useA ? fpA(P, i, lnB, lnX, dp, dm, st, tau, r, q, F) : (F * num) / den;
      const B0 = Math.exp(lnB);
      // Newton on B − f(B) with f' = F·(N'/D − N·D'/D²); numD, denD hold B·N', B·D'.
      const fp = (F * (numD / den - (num * denD) / (den * den))) / B0;
      let B = newton ? B0 - (B0 - f) / (1 - fp) : f;
      if (!(B > 0 && B < X && 1 - fp > 0.1)) B = f;
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

/** FP-A: B = F·N/D with N = Φ(d₋) + r∫e^{r(τ−m)}Φ(d₋(m, ·))dm, D = Φ(d₊) + q∫e^{q(τ−m)}Φ(d₊(m, ·))dm. */
function fpA(P: Prepared, i: number, lnB: number, lnX: number, dp: number, dm: number, st: number, tau: number, r: number, q: number, F: number): number {
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
