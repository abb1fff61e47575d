/**
 * The working storage of the Andersen-Lake-Offengelder boundary solve (alo-iterate.ts): node values,
 * the next step's values and the discount tables e^{−r·m}, e^{−q·m} of every (node, quadrature point),
 * allocated once and refilled only when the scheme, T, r or q change.
 */
import type { Prepared } from './alo-scheme.js';

/** Node values H = ln(B/X)² (H[0] = 0 at expiry), the next step's values, and discount tables per (node, point). */
export interface Workspace {
  H: Float64Array;
  Hn: Float64Array;
  /** e^{r(τ−m)}·e^{(r−q)m} = e^{rτ − qm}: the factor of φ(d₋) = φ(d₊)·z·e^{(r−q)m}. */
  eR: Float64Array;
  /** e^{q(τ−m)}. */
  eQ: Float64Array;
  /** eR and eQ on the points of the coarse rule of the first Newton step (alo-scheme.ts). */
  cR: Float64Array;
  cQ: Float64Array;
  /** ln f(y) per node, and I − ∂ln f/∂y (row-major, stride n+1) of the last Newton step. */
  lnf: Float64Array;
  M: Float64Array;
  /** The last Newton step's start Hp, its ln f and I − A, kept for implicit differentiation (alo-greeks.ts). */
  Hp: Float64Array;
  lnfp: Float64Array;
  Mp: Float64Array;
  /** Per quadrature point of a node: ∂N/∂ln z, ∂D/∂ln z and ln(X/B(τ−m)); per node: ln(X/B). */
  gN: Float64Array;
  gD: Float64Array;
  root: Float64Array;
  x: Float64Array;
  /** ∂ln f/∂σ per node at the last Jacobian evaluation (and at the last Newton step's start, dSp). */
  dS: Float64Array;
  dSp: Float64Array;
}

/** A workspace for `n` nodes and `nq` boundary quadrature points. */
export function workspace(n: number, nq: number): Workspace {
  const n1 = n + 1;
  const f = (k: number) => new Float64Array(k);
  return {
    H: f(n1),
    Hn: f(n1),
    eR: f(n1 * nq),
    eQ: f(n1 * nq),
    cR: f(n1 * nq),
    cQ: f(n1 * nq),
    lnf: f(n1),
    M: f(n1 * n1),
    Hp: f(n1),
    lnfp: f(n1),
    Mp: f(n1 * n1),
    gN: f(nq),
    gD: f(nq),
    root: f(nq),
    x: f(n1),
    dS: f(n1),
    dSp: f(n1),
  };
}

/** Fills the discount tables of `w` for expiry T, rate r, yield q (one exponential per point), for the coarse rule too. */
export function fillTables(P: Prepared, w: Workspace, T: number, r: number, q: number): void {
  fill(P, w.eR, w.eQ, T, r, q);
  if (P.coarse) fill(P.coarse, w.cR, w.cQ, T, r, q);
}

function fill(P: Prepared, eR: Float64Array, eQ: Float64Array, T: number, r: number, q: number): void {
  const { n, nq, xi, frac } = P;
  const b = r - q;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    const eB = Math.exp(b * tau);
    for (let k = 0; k < nq; k++) {
      const eq = q === 0 ? 1 : Math.exp(q * tau * (1 - frac[k]!));
      eQ[i * nq + k] = eq;
      eR[i * nq + k] = eB * eq;
    }
  }
}
