/**
 * Vega, rate and expiry sensitivities of the American put from its solved boundary (alo.ts), by implicit
 * differentiation of the discrete boundary system instead of re-solving it at bumped inputs.
 *
 * The nodes y = ln B solve y = ln f(y; θ) (alo-iterate.ts), and the price is V(y; θ) (alo-premium.ts).
 * Holding the boundary fixed is not enough — Kim's premium is not stationary in B (∂V/∂B ∝ rK − qB > 0),
 * so no envelope theorem applies: held fixed, vega comes out ~5 % and rho ~10 % off. With
 * M = I − ∂ln f/∂y (the Newton matrix of the last step) and λ solving Mᵀλ = ∂V/∂y,
 *
 *   dV/dθ = ∂V/∂θ|_y + λ·∂ln f/∂θ|_y.
 *
 * ∂ln f/∂σ comes analytically with the Newton matrix; the other partial derivatives at fixed y are
 * one-sided differences of one map evaluation and one pricing each (smooth functions, step 1e-5
 * relative: ~1e-5 of the derivative); the node at expiry stays pinned at X = K·min(1, r/q), which moves
 * with r and q when q > r.
 */

import { evaluate } from './alo-iterate.js';
import { fillTables, workspace, type Workspace } from './alo-workspace.js';
import { premiumGradient, putFromBoundary } from './alo-premium.js';
import type { Prepared } from './alo-scheme.js';
import { solveInPlace } from './linear-solve.js';

let wb: Workspace = workspace(0, 0);
let gy = new Float64Array(0);
let Mt = new Float64Array(0);
let Hf = new Float64Array(0);

/**
 * ∂P/∂σ into out[0], ∂P/∂r (`rate`) or ∂P/∂q into out[1] and ∂P/∂T into out[2] for the put at spot S, from the boundary
 * `w` just solved for (K, T, r, q, σ) with scheme tables `P` (its last step a Newton step); `price` is
 * that solve's price. NaN when the Newton matrix is singular.
 */
export function putSensitivities(
  out: Float64Array,
  price: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
  P: Prepared,
  w: Workspace,
  rate: boolean,
): void {
  const { n, nq } = P;
  const n1 = n + 1;
  if (wb.H.length < n1 || wb.gN.length < nq) wb = workspace(Math.max(n, wb.H.length - 1), Math.max(nq, wb.gN.length));
  if (gy.length < n1) {
    gy = new Float64Array(n1);
    Hf = new Float64Array(n1);
  }
  if (Mt.length < n1 * n1) Mt = new Float64Array(n1 * n1);
  // λ: Mᵀλ = ∂V/∂y at the final boundary.
  premiumGradient(gy, S, K, T, r, q, sigma, P, w.H);
  const M = w.Mp;
  for (let i = 1; i <= n; i++) for (let j = 1; j <= n; j++) Mt[j * n1 + i] = M[i * n1 + j]!;
  if (!solveInPlace(Mt, gy, n, n1)) {
    out.fill(NaN, 0, 3);
    return;
  }
  const hs = 1e-5 * sigma;
  const hr = 1e-6;
  // Vega: ∂ln f/∂σ is analytic (alo-iterate.ts), only the pricing's ∂V/∂σ is a difference.
  let indirect = 0;
  for (let j = 1; j < n1; j++) indirect += gy[j]! * w.dSp[j]!;
  out[0] = (putFromBoundary(null, S, K, T, r, q, sigma + hs, P, w.H) - price) / hs + indirect;
  out[1] = rate ? sensitivity(price, S, K, T, r, q, sigma, T, r + hr, q, hr, P, w) : sensitivity(price, S, K, T, r, q, sigma, T, r, q + hr, hr, P, w);
  const ht = 1e-5 * T;
  out[2] = sensitivity(price, S, K, T, r, q, sigma, T + ht, r, q, ht, P, w);
}

/** dV/dθ for a one-sided step of size h from (T, r, q) to (T1, r1, q1) (the discount tables move with them). */
function sensitivity(
  price: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  s1: number,
  T1: number,
  r1: number,
  q1: number,
  h: number,
  P: Prepared,
  w: Workspace,
): number {
  const { n } = P;
  const n1 = n + 1;
  // Same ln B at the nodes, measured from the stepped X; the expiry node stays at X.
  const shift = Math.log(q1 > r1 ? (K * r1) / q1 : K) - Math.log(q > r ? (K * r) / q : K);
  moved(wb.H, w.Hp, n, shift);
  fillTables(P, wb, T1, r1, q1);
  evaluate(P, wb, K, T1, r1, q1, s1, false);
  let indirect = 0;
  for (let j = 1; j < n1; j++) indirect += gy[j]! * (wb.lnf[j]! - w.lnfp[j]!);
  moved(Hf, w.H, n, shift);
  const direct = putFromBoundary(null, S, K, T1, r1, q1, s1, P, Hf) - price;
  return (direct + indirect) / h;
}

/** Node values H = ln(X/B)² of the same B measured from an X moved by `shift` in ln X (node 0 stays at X). */
function moved(dst: Float64Array, src: Float64Array, n: number, shift: number): void {
  dst[0] = 0;
  for (let j = 1; j <= n; j++) {
    const x = Math.sqrt(src[j]!) + shift;
    dst[j] = x > 0 ? x * x : 0;
  }
}
