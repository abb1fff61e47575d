/**
 * Implied normalised volatility s = σ·√T from a normalised Black price, after Jäckel's
 * "Let's Be Rational" (Wilmott, January 2015): map to an out-of-the-money call, split the
 * price axis at the inflection point s_c = √(2|x|) and at the tangent intercepts s_l, s_u,
 * and run third-order Householder steps on a transformed objective in each branch:
 *
 *   lower  (β < b(s_l)):  g = 1/ln b(s) − 1/ln β          (nearly linear in s as b → 0)
 *   middle:               g = b(s) − β
 *   upper  (β > b(s_u)):  g = ln(b_max − β) − ln(b_max − b(s))
 *
 * Initial guesses are closed-form asymptotics rather than Jäckel's rational cubics, and
 * every step is safeguarded by a bracket, so a solve takes 2-4 iterations.
 */

import { inverseNormCdf } from './normal.js';
import {
  lastVega,
  normalisedBlackCall,
  normalisedCallComplement,
  normalisedIntrinsic,
  normalisedOtmCall,
  normalisedOtmCallWithVega,
  normalisedVega,
} from './normalised-black.js';

const LOWER = 0,
  MIDDLE = 1,
  UPPER = 2;
const LN_SQRT_2PI = 0.91893853320467274178;
const MAX_ITERATIONS = 30;

/**
 * Normalised implied volatility s for a normalised price `beta` of a call (`isCall`) or put at
 * log-moneyness x = ln(F/K). Returns NaN when `beta` is outside (intrinsic, upper bound), 0 at
 * the intrinsic bound exactly.
 */
export function normalisedImpliedVol(beta: number, x: number, isCall: boolean): number {
  if (!(beta >= 0) || !Number.isFinite(x)) return NaN;
  let xc = isCall ? x : -x; // a put at x is a call at −x
  const full = beta;
  if (xc > 0) {
    beta -= normalisedIntrinsic(xc); // in-out duality: the ITM option's time value is the OTM option's price
    xc = -xc;
  }
  if (beta < 0) return beta >= -1e-13 * full ? 0 : NaN; // at the bound within the rounding of price, x and the scale
  if (beta === 0) return 0;
  if (beta >= Math.exp(0.5 * xc)) return NaN;
  return otmCallImpliedVol(beta, xc);
}

function otmCallImpliedVol(beta: number, x: number): number {
  const bMax = Math.exp(0.5 * x);
  const sc = Math.sqrt(-2 * x);
  const bc = normalisedOtmCallWithVega(x, sc);
  const vc = lastVega;
  let lo = 0;
  let hi = Infinity;
  let s: number;
  let branch: number;
  if (beta < bc) {
    const sl = sc - bc / vc;
    const bl = sl > 0 ? normalisedOtmCall(x, sl) : 0;
    if (beta < bl) {
      branch = LOWER;
      hi = sl;
      s = lowerGuess(beta, x, sl);
    } else {
      branch = MIDDLE;
      lo = sl > 0 ? sl : 0;
      hi = sc;
      s = sl > 0 ? inverseHermite(beta, bl, bc, sl, sc, normalisedVega(x, sl), vc) : lo + ((beta - bl) / (bc - bl)) * (sc - lo);
    }
  } else {
    const su = sc + (bMax - bc) / vc;
    const bu = normalisedOtmCall(x, su);
    if (beta <= bu) {
      branch = MIDDLE;
      lo = sc;
      hi = su;
      s = inverseHermite(beta, bc, bu, sc, su, vc, normalisedVega(x, su));
    } else {
      branch = UPPER;
      lo = su;
      const cosh2 = bMax + 1 / bMax;
      s = -2 * inverseNormCdf((bMax - beta) / cosh2);
      if (!(s > su)) s = 2 * su;
    }
  }
  const lnBeta = Math.log(beta);
  const lnGap = Math.log(bMax - beta);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    if (!(s > lo && s < hi)) s = hi === Infinity ? 2 * lo + 1 : 0.5 * (lo + hi);
    const b = normalisedOtmCallWithVega(x, s);
    const v = lastVega;
    const ax2 = (x * x) / (s * s * s);
    const l1 = ax2 - 0.25 * s; // (ln b')'
    const b2 = v * l1;
    const b3 = v * (l1 * l1 - (3 * ax2) / s - 0.25);
    let g: number, g1: number, g2: number, g3: number;
    if (branch === MIDDLE) {
      g = b - beta;
      g1 = v;
      g2 = b2;
      g3 = b3;
    } else if (branch === LOWER) {
      if (!(b > 0) || !(v > 0)) {
        lo = s;
        continue;
      } // b underflowed: we are far below the root
      const L = Math.log(b);
      const d1 = v / b,
        d2 = b2 / b,
        d3 = b3 / b;
      const L1 = d1,
        L2 = d2 - d1 * d1,
        L3 = d3 - 3 * d1 * d2 + 2 * d1 * d1 * d1;
      const iL = 1 / L;
      g = 1 / lnBeta - iL; // increasing in s, like the other objectives
      g1 = L1 * iL * iL;
      g2 = (L2 - 2 * L1 * L1 * iL) * iL * iL;
      g3 = (L3 - (6 * L1 * L2 - 6 * L1 * L1 * L1 * iL) * iL) * iL * iL;
    } else {
      const c = normalisedCallComplement(x, s);
      if (!(c > 0)) {
        hi = s;
        continue;
      }
      const d1 = -v / c,
        d2 = -b2 / c,
        d3 = -b3 / c;
      g = lnGap - Math.log(c);
      g1 = -d1;
      g2 = -(d2 - d1 * d1);
      g3 = -(d3 - 3 * d1 * d2 + 2 * d1 * d1 * d1);
    }
    if (g === 0) return s;
    if (g < 0) lo = s;
    else hi = s;
    const nu = -g / g1;
    const h2 = g2 / g1;
    const h3 = g3 / g1;
    const ds = (nu * (1 + 0.5 * h2 * nu)) / (1 + nu * (h2 + (h3 * nu) / 6));
    const next = s + (Number.isFinite(ds) ? ds : nu);
    // Householder(3) is fourth order: after a step below 1e-6 of s the remaining error is ~1e-24·s,
    // so the step is taken without another evaluation to confirm it.
    if (Math.abs(next - s) <= 1e-6 * s && next > lo && next < hi) return next;
    if (Math.abs(next - s) <= 4e-16 * s) return next > lo && next < hi ? next : s;
    if (hi - lo <= 4e-16 * s) return s;
    s = next;
  }
  return s;
}

/**
 * Cubic Hermite interpolation of the inverse s(b) between (b0, s0) and (b1, s1) with slopes 1/v0, 1/v1
 * (v the normalised vega): a cheap stand-in for Jäckel's rational cubic start in the middle branch.
 */
function inverseHermite(beta: number, b0: number, b1: number, s0: number, s1: number, v0: number, v1: number): number {
  const h = b1 - b0;
  const t = (beta - b0) / h;
  const t2 = t * t,
    t3 = t2 * t;
  const s = (2 * t3 - 3 * t2 + 1) * s0 + (t3 - 2 * t2 + t) * (h / v0) + (-2 * t3 + 3 * t2) * s1 + (t3 - t2) * (h / v1);
  return s > s0 && s < s1 ? s : s0 + t * (s1 - s0);
}

/**
 * Start for tiny prices: far out of the money b ≈ e^{−x²/(2s²) − s²/8}·s³/(x²·√(2π)), solved for s by
 * fixed-point iteration on the dominant x²/(2s²) term.
 */
function lowerGuess(beta: number, x: number, sl: number): number {
  const lnBeta = Math.log(beta);
  const lnX2 = Math.log(x * x);
  let s = -x / Math.sqrt(-2 * lnBeta);
  for (let i = 0; i < 3; i++) {
    const rhs = -lnBeta + 3 * Math.log(s) - lnX2 - LN_SQRT_2PI - 0.125 * s * s;
    if (!(rhs > 0)) break;
    const next = -x / Math.sqrt(2 * rhs);
    if (!(next > 0 && next < sl)) break;
    s = next;
  }
  return s < sl ? s : 0.5 * sl;
}

/** Normalised price β of a call or put: the option price divided by D·√(F·K). */
export function normalisedBlack(x: number, s: number, isCall: boolean): number {
  return normalisedBlackCall(isCall ? x : -x, s);
}
