/**
 * Discretisation of the Andersen-Lake-Offengelder boundary solve (alo.ts): Chebyshev-Lobatto nodes
 * in ξ = √(τ/T), Gauss-Legendre points of the boundary integrals and of the pricing integral, and the
 * barycentric interpolation rows that carry node values to every point. Every query point is a fixed
 * fraction of T, so all of it is computed once per scheme and kept.
 */

import { gaussLegendre } from './quadrature.js';

/**
 * Chebyshev degree (nodes + 1 points), most fixed-point iterations and the change of ln B below
 * which iteration stops, boundary and pricing quadrature sizes.
 */
export interface AloScheme {
  nodes: number;
  iterations: number;
  /** How many of the steps (the first ones) are Newton's on the whole system; plain FP-B after. */
  newton: number;
  tolerance: number;
  quadrature: number;
  pricing: number;
  /**
   * Boundary quadrature points of the first Newton step (0 or absent: `quadrature`). That step only has to
   * bring the QD+ start (~2e-2 off in ln B) within reach of the last step's quadratic convergence, so
   * half the points do; the steps after it run on the full rule.
   */
  coarse?: number;
  /**
   * Pricing points on the piece far from now (u = Tξ², where the boundary is smooth in ξ); the rest go
   * near now (t = Ts², where Φ(−d) switches on), which needs more. Absent: half of `pricing`.
   */
  pricingFar?: number;
}

/**
 * Production scheme: two Newton steps on the whole system from QD+ (alo-iterate.ts), the first on a
 * 4-point rule (its boundary is then ~7e-4 off in ln B either way, and the second step's quadratic
 * convergence takes both to ~1e-5); 7 nodes, 8 boundary quadrature points, 20 pricing points (8 far
 * from now, 12 near). Within 1e-6 of the converged scheme on the bench's 200 contracts (9.0e-7, all of
 * it the 7 nodes': 8 nodes give 7.5e-7 at ~15 % more work; a third step changes nothing) and within
 * 3e-5 across vol 5-200 %, T from a day to 1 year, rates to 10 % with dividends (relative, prices above
 * 1e-4 of spot; 1e-4 at 3 years and 5 % vol).
 */
export const ALO_FAST: AloScheme = { nodes: 7, iterations: 2, newton: 2, tolerance: 1e-7, quadrature: 8, pricing: 20, pricingFar: 8, coarse: 4 };
/** Converged scheme for tests and benchmarks (more nodes fit the log-singular start of the boundary worse). */
export const ALO_PRECISE: AloScheme = { nodes: 12, iterations: 60, newton: 4, tolerance: 1e-13, quadrature: 48, pricing: 96 };

export interface Prepared {
  n: number;
  nq: number;
  np: number;
  xi: Float64Array;
  frac: Float64Array;
  sqrtFrac: Float64Array;
  invSqrtFrac: Float64Array;
  /** Boundary quadrature weights in m/τ, divided by √(m/τ) (gw) or not (wB). */
  gw: Float64Array;
  wB: Float64Array;
  /** Row ((i·nq + k)·(n+1)): weights giving H at ξᵢ·√(1 − frac_k) from the node values. */
  W: Float64Array;
  /** Pricing points as t/T (time from now over T) and weights of ∫₀¹ d(u/T). */
  pt: Float64Array;
  pw: Float64Array;
  PW: Float64Array;
  /** The tables of the first Newton step's rule (`coarse` points), or null. */
  coarse: Prepared | null;
}

const prepared = new Map<string, Prepared>();
let lastScheme: AloScheme | null = null;
let lastPrepared: Prepared | null = null;

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

/** The tables of scheme `s` (built on first use; the last scheme asked for is found without a lookup). */
export function prepare(s: AloScheme): Prepared {
  if (s === lastScheme) return lastPrepared as Prepared;
  const coarse = s.coarse && s.coarse !== s.quadrature ? s.coarse : 0;
  const key = `${s.nodes}/${s.quadrature}/${s.pricing}/${s.pricingFar ?? 0}/${coarse}`;
  const hit = prepared.get(key) ?? build(s, key);
  lastScheme = s;
  lastPrepared = hit;
  return hit;
}

function build(s: AloScheme, key: string): Prepared {
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
    invSqrtFrac = new Float64Array(nq),
    gw = new Float64Array(nq),
    wB = new Float64Array(nq);
  for (let k = 0; k < nq; k++) {
    const first = k < halfQ;
    const y = first ? g1.x[k]! : g2.x[k - halfQ]!;
    const sv = 0.5 * Math.SQRT1_2 * (1 + y);
    frac[k] = first ? sv * sv : 1 - sv * sv;
    sqrtFrac[k] = Math.sqrt(frac[k]!);
    invSqrtFrac[k] = 1 / sqrtFrac[k]!;
    wB[k] = 0.5 * Math.SQRT1_2 * (first ? g1.w[k]! : g2.w[k - halfQ]!) * 2 * sv;
    gw[k] = wB[k]! / sqrtFrac[k]!;
  }
  const W = new Float64Array((n + 1) * nq * (n + 1));
  for (let i = 1; i <= n; i++) for (let k = 0; k < nq; k++) interpolationRow(W, (i * nq + k) * (n + 1), xi[i]! * Math.sqrt(1 - frac[k]!), n);
  const half = s.pricingFar ?? Math.ceil(np / 2);
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
  const c = s.coarse && s.coarse !== nq ? prepare({ ...s, quadrature: s.coarse, coarse: 0 }) : null;
  const out = { n, nq, np, xi, frac, sqrtFrac, invSqrtFrac, gw, wB, W, pt, pw, PW, coarse: c };
  prepared.set(key, out);
  return out;
}
