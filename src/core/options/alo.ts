/**
 * American put by the Andersen-Lake-Offengelder fixed-point method (L. Andersen, M. Lake and
 * D. Offengelder, "High-performance American option pricing", Journal of Computational Finance 20,
 * 2016; the scheme of QuantLib's QdFpAmericanEngine). The exercise boundary B(τ) (τ the time to
 * expiry) solves an integral equation (alo-iterate.ts), by fixed-point iteration from Li's QD+
 * boundary. B is held as H(ξ) = ln(B/X)² on Chebyshev-Lobatto nodes in ξ = √(τ/T),
 * X = K·min(1, r/q) (where H is smooth), and the substitution m = τ(1+y)²/4 removes the 1/√m
 * singularity before Gauss-Legendre quadrature in y (alo-scheme.ts). The price is the European put
 * plus the early-exercise premium (Kim 1990, alo-premium.ts)
 *
 *   ∫₀^T [rK·e^{−r(T−u)}Φ(−d₋(T−u, S/B(u))) − qS·e^{−q(T−u)}Φ(−d₊(T−u, S/B(u)))] du,  u = Tξ².
 */

import { putFromBoundary } from './alo-premium.js';
import { iterate, iterateA } from './alo-iterate.js';
import { fillTables, workspace, type Workspace } from './alo-workspace.js';
import { ALO_FAST, prepare, type AloScheme, type Prepared } from './alo-scheme.js';
import { qdPlusNodes } from './qd-plus.js';

export { ALO_FAST, ALO_PRECISE, type AloScheme, type Prepared } from './alo-scheme.js';

let w: Workspace = workspace(0, 0);
/** Scheme tables, T, r and q the discount tables were last filled for (a re-solve at another vol keeps them). */
let tP: Prepared | null = null;
/** T, r, q of the tables (a typed array: a module-level number would be a new heap number on every write). */
const tTRQ = new Float64Array([NaN, NaN, NaN]);

/**
 * American put price (positional, units as in `americanPrice`); requires r > 0, σ > 0, T > 0 and
 * valid spot/strike — the caller routes the other cases. Calls come through put-call symmetry.
 */
export function aloPutPrice(S: number, K: number, T: number, r: number, q: number, sigma: number, scheme: AloScheme = ALO_FAST): number {
  const P = solvePutBoundary(K, T, r, q, sigma, scheme);
  return putFromBoundary(null, S, K, T, r, q, sigma, P, w.H);
}

/**
 * Solves the exercise boundary H (ln(B/X)² on the Chebyshev nodes) for strike K, expiry T, rate r > 0,
 * yield q, vol σ, from QD+. Always from QD+, never from the last solve's boundary: a price must not
 * depend on what was priced before it (an IV search compares prices at ~1e-9; a start from the
 * last boundary moved them by up to 1e-6 of vega, and the IV tests caught it).
 */
export function solvePutBoundary(K: number, T: number, r: number, q: number, sigma: number, scheme: AloScheme): Prepared {
  const P = prepare(scheme);
  const { n, xi } = P;
  const n1 = n + 1;
  const nq = Math.max(P.nq, P.coarse ? P.coarse.nq : 0);
  if (w.H.length < n1 || w.gN.length < nq) {
    w = workspace(Math.max(n, w.H.length - 1), Math.max(nq, w.gN.length));
    tP = null;
  }
  qdPlusNodes(w.H, xi, n, K, T, r, q, sigma);
  if (tP !== P || tTRQ[0] !== T || tTRQ[1] !== r || tTRQ[2] !== q) {
    fillTables(P, w, T, r, q);
    tP = P;
    tTRQ[0] = T;
    tTRQ[1] = r;
    tTRQ[2] = q;
  }
  if (!iterate(P, w, scheme.iterations, scheme.newton, scheme.tolerance, K, T, r, q, sigma)) {
    // A plain FP-B step that stops contracting (only in schemes with plain steps after Newton's):
    // FP-A is slower but stable. It goes on from where FP-B stopped.
    iterateA(P, w, FP_A_ITERATIONS, 1e-8, K, T, r, q, sigma);
  }
  return P;
}

/** The workspace of the last solve: its boundary, and the last Newton step's matrix for the Greeks (alo-greeks.ts). */
export const solveWorkspace = (): Workspace => w;
/** The boundary nodes of the last solve (copy them to keep them across another solve). */
export const boundaryNodes = (): Float64Array => w.H;

const FP_A_ITERATIONS = 30;
