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
import { fillTables, iterate, iterateA, workspace, type Workspace } from './alo-iterate.js';
import { ALO_FAST, prepare, type AloScheme, type Prepared } from './alo-scheme.js';
import { qdPlusPutLogBoundary } from './qd-plus.js';

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
  const H = w.H;
  const X = q > r ? (K * r) / q : K;
  H[0] = 0;
  // Newton on QD+ per node from a guess of ln(X/B): the Evans-Kuske-Keller asymptotics at the first two
  // nodes, then a power law in ξ through the last two nodes. QD+ is itself ~2e-2 off in ln B, so a node
  // is done once a step is under a tenth of σ√τ (the scale of ln(X/B) there; the error left is ~step²).
  let guess = NaN;
  let prevL = 0;
  const lnX = Math.log(X);
  let prevY = lnX;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    // Unless the solve strays (the boundary must fall as τ grows): then solve again, tightly, from the bracket.
    let y = qdPlusPutLogBoundary(tau, K, r, q, sigma, i <= 2 ? NaN : guess, 0.1 * sigma * Math.sqrt(tau));
    if (!(y <= prevY && y > prevY - Math.LN2)) y = qdPlusPutLogBoundary(tau, K, r, q, sigma, NaN, 1e-7);
    if (!(y <= prevY)) y = prevY;
    prevY = y;
    const l = y - lnX;
    if (i < n) {
      // ln(X/B) grows about like ξ: extrapolate it linearly from the last two nodes (at most doubling the slope of the ray from 0).
      const ray = -l / xi[i]!;
      const slope = i > 1 ? (prevL - l) / (xi[i]! - xi[i - 1]!) : ray;
      guess = -l + Math.min(Math.max(slope, 0.3 * ray), 1.5 * ray) * (xi[i + 1]! - xi[i]!);
    }
    prevL = l;
    H[i] = l < 0 ? l * l : 0;
  }
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
