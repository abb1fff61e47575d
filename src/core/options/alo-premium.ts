/**
 * The American put from a solved exercise boundary (alo.ts): the European put plus Kim's (1990)
 * early-exercise premium
 *
 *   ∫₀^T [rK·e^{−rt}Φ(−d₋(t, S/B)) − qS·e^{−qt}Φ(−d₊(t, S/B))] dt,   t = T − u, B = B(u),
 *
 * and its first two spot derivatives, which come from the same integral because the boundary does
 * not depend on the spot. With S·e^{−qt}φ(d₊) = B·e^{−rt}φ(d₋):
 *
 *   ∂/∂S  = −q·e^{−qt}Φ(−d₊) − (rK − qB)·e^{−rt}φ(d₋)/(S·σ√t)
 *   ∂²/∂S² = q·e^{−qt}φ(d₊)/(S·σ√t) + (rK − qB)·e^{−rt}φ(d₋)·(1 + d₋/(σ√t))/(S²·σ√t)
 */

import type { Prepared } from './alo.js';
import { blackScholesInto, DELTA, GAMMA, PRICE } from './black-scholes.js';
import { normCdfGivenExp } from './normal.js';

const INV_SQRT_2PI = 0.39894228040143267794;
const bs = new Float64Array(6);

/**
 * Put price at spot S from the boundary nodes H of `P`; with `out`, also writes price, delta, gamma
 * into out[0..2]. In the exercise region (S at or below B(T)) the put is K − S, delta −1, gamma 0.
 */
export function putFromBoundary(
  out: Float64Array | null,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
  P: Prepared,
  H: Float64Array,
): number {
  const { n, np, pt, pw, PW } = P;
  const n1 = n + 1;
  const X = q > r ? (K * r) / q : K;
  const lnX = Math.log(X);
  if (Math.log(S) <= lnX - Math.sqrt(H[n]!)) {
    if (out) {
      out[0] = K - S;
      out[1] = -1;
      out[2] = 0;
    }
    return K - S;
  }
  blackScholesInto(bs, false, S, K, T, r, q, sigma);
  const lnS = Math.log(S);
  const b = r - q;
  // Two pieces, each smooth under its own substitution: u = Tξ² near u = 0 (where H is smooth in ξ),
  // and t = T − u = Ts² near expiry (where Φ(−d) switches on at t ≈ (ln(S/B)/σ)²).
  let premium = 0,
    dS = 0,
    dSS = 0;
  for (let p = 0; p < np; p++) {
    const o = p * n1;
    let h = 0;
    for (let j = 0; j <= n; j++) h += PW[o + j]! * H[j]!;
    const t = T * pt[p]!;
    const st = sigma * Math.sqrt(t);
    const root = Math.sqrt(h > 0 ? h : 0);
    const dp = (lnS - lnX + root + b * t) / st + 0.5 * st;
    const dm = dp - st;
    const er = Math.exp(-r * t),
      eq = Math.exp(-q * t);
    const ep = Math.exp(-0.5 * dp * dp),
      em = Math.exp(-0.5 * dm * dm);
    const nm = normCdfGivenExp(-dp, ep);
    premium += pw[p]! * (r * K * er * normCdfGivenExp(-dm, em) - q * S * eq * nm);
    if (out) {
      const B = X * Math.exp(-root);
      const phiM = INV_SQRT_2PI * em;
      const phiP = INV_SQRT_2PI * ep;
      const a = ((r * K - q * B) * er * phiM) / (S * st);
      dS += pw[p]! * (-q * eq * nm - a);
      dSS += pw[p]! * ((q * eq * phiP) / (S * st) + (a * (1 + dm / st)) / S);
    }
  }
  const price = bs[PRICE]! + T * premium;
  const floor = K - S;
  if (out) {
    out[0] = price > floor ? price : floor;
    out[1] = bs[DELTA]! + T * dS;
    out[2] = bs[GAMMA]! + T * dSS;
  }
  return price > floor ? price : floor;
}

/**
 * ∂(put price)/∂ln B_j at each boundary node j = 1..n into gy (the spot is above the boundary): raising
 * B(u) moves ln(S/B) in both Φ terms of the premium, ∂/∂ln(X/B(u)) = −[rK·e^{−rt}φ(d₋) − qS·e^{−qt}φ(d₊)]/(σ√t),
 * and ln(X/B(u)) = √(Σ_j PW_j·ln(X/B_j)²) on the pricing points.
 */
export function premiumGradient(gy: Float64Array, S: number, K: number, T: number, r: number, q: number, sigma: number, P: Prepared, H: Float64Array): void {
  const { n, np, pt, pw, PW } = P;
  const n1 = n + 1;
  const lnX = Math.log(q > r ? (K * r) / q : K);
  const lnS = Math.log(S);
  const b = r - q;
  gy.fill(0, 0, n1);
  for (let p = 0; p < np; p++) {
    const o = p * n1;
    let h = 0;
    for (let j = 0; j <= n; j++) h += PW[o + j]! * H[j]!;
    if (!(h > 0)) continue;
    const root = Math.sqrt(h);
    const t = T * pt[p]!;
    const st = sigma * Math.sqrt(t);
    const dp = (lnS - lnX + root + b * t) / st + 0.5 * st;
    const dm = dp - st;
    const phiP = INV_SQRT_2PI * Math.exp(-0.5 * dp * dp);
    const phiM = INV_SQRT_2PI * Math.exp(-0.5 * dm * dm);
    const c = (T * pw[p]! * (r * K * Math.exp(-r * t) * phiM - q * S * Math.exp(-q * t) * phiP)) / (st * root);
    for (let j = 1; j <= n; j++) gy[j]! += c * PW[o + j]! * Math.sqrt(H[j]!);
  }
}
