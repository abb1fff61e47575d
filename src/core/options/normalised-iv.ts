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
 * Initial guesses are Jäckel-style rational cubic interpolations of the inverse (in the lower
 * branch in w = 1/√(−2·ln b)), typically within 1e-4..1e-2 of the root; every step is safeguarded
 * by a bracket. Near the root the middle branch takes one final fifth-order step, so most solves
 * cost the two bracket evaluations plus one or two iterations.
 */

import { inverseNormCdf } from './normal.js';
import { lastVega, normalisedBlackCall, normalisedCallComplement, normalisedIntrinsic, normalisedOtmCallWithVega } from './normalised-black.js';

const LOWER = 0,
  MIDDLE = 1,
  UPPER = 2;
const LN_SQRT_2PI = 0.91893853320467274178;
const MAX_ITERATIONS = 30;
/** Bound on the estimated relative error of a final fifth-order step (see the loop). */
const FINAL_ERROR = 1e-16;

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
    let bl = 0;
    let vl = 0;
    if (sl > 0) {
      bl = normalisedOtmCallWithVega(x, sl);
      vl = lastVega;
    }
    if (beta < bl) {
      branch = LOWER;
      hi = sl;
      s = lowerRational(beta, x, sl, bl, vl);
    } else {
      branch = MIDDLE;
      lo = sl > 0 ? sl : 0;
      hi = sc;
      s = sl > 0 && vl > 0 ? inverseRational(beta, bl, bc, sl, sc, vl, vc, 0, true) : lo + ((beta - bl) / (bc - bl)) * (sc - lo);
    }
  } else {
    const su = sc + (bMax - bc) / vc;
    const bu = normalisedOtmCallWithVega(x, su);
    const vu = lastVega;
    if (beta <= bu) {
      branch = MIDDLE;
      lo = sc;
      hi = su;
      s = vu > 0 ? inverseRational(beta, bc, bu, sc, su, vc, vu, 0, false) : sc + ((beta - bc) / (bu - bc)) * (su - sc);
    } else {
      branch = UPPER;
      lo = su;
      const cosh2 = bMax + 1 / bMax;
      s = -2 * inverseNormCdf((bMax - beta) / cosh2);
      if (!(s > su)) s = 2 * su;
    }
  }
  const lnBeta = branch === LOWER ? Math.log(beta) : 0;
  const lnGap = branch === UPPER ? Math.log(bMax - beta) : 0;
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
    // Close to the root (middle branch): the inverse function's Taylor series to fourth order converges
    // at fifth order, leaving an error of about |ν|·q⁴ with q = |ν|·(|h2| + √|h3|) the step measured in
    // the function's own length scale; when that is below 1e-16·s the step is final, without another
    // evaluation to confirm it (checked on a 57,000-point (x, s) grid: no worse than iterating on).
    const q = Math.abs(nu) * (Math.abs(h2) + Math.sqrt(Math.abs(h3)));
    if (branch === MIDDLE && Math.abs(nu) <= 1e-2 * s && q * q * q * q * Math.abs(nu) <= FINAL_ERROR * s) {
      const h4 = (l1 * l1 * l1 + l1 * (3 * ((-3 * ax2) / s - 0.25)) + (12 * ax2) / (s * s)) * (v / g1);
      const step = nu * (1 + nu * (-0.5 * h2 + nu * ((3 * h2 * h2 - h3) / 6 + (nu * (-15 * h2 * h2 * h2 + 10 * h2 * h3 - h4)) / 24)));
      const last = s + step;
      if (last > lo && last < hi) return last;
    }
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
 * Rational cubic (Delbourgo-Gregory) interpolation of the inverse s(b) between (b0, s0) and (b1, s1)
 * with slopes 1/v0, 1/v1 (v the normalised vega), its control parameter r chosen, as in Jäckel's
 * "Let's Be Rational", so that the curvature of s(b) is `c` (in b units) at the right end (`right`) or
 * the left end, and clamped so the interpolant stays monotonic.
 */
function inverseRational(beta: number, b0: number, b1: number, s0: number, s1: number, v0: number, v1: number, c: number, right: boolean): number {
  const h = b1 - b0;
  const t = (beta - b0) / h;
  const ds = s1 - s0;
  const m0 = h / v0; // slopes in t
  const m1 = h / v1;
  const num = 0.5 * h * h * c - (m0 - m1);
  const den = right ? m1 - ds : ds - m0;
  let r = den !== 0 ? num / den : Infinity;
  const rMin = (m0 + m1) / ds; // monotonicity
  if (!(r >= rMin)) r = rMin;
  if (r > 1e12) return s0 + t * ds;
  const u = 1 - t;
  const s = (s0 * u * u * u + (r * s0 + m0) * t * u * u + (r * s1 - m1) * t * t * u + s1 * t * t * t) / (1 + (r - 3) * t * u);
  return s > s0 && s < s1 ? s : s0 + t * ds;
}

/**
 * Start for tiny prices: in w = 1/√(−2·ln b), s(w) runs from s = 0 with slope |x| (far out of the money
 * b ≈ e^{−x²/(2s²)}) to (w_l, s_l); a rational cubic through both ends that matches the slope at each
 * and the curvature at s_l (all from b, b', b'' at s_l).
 */
function lowerRational(beta: number, x: number, sl: number, bl: number, vl: number): number {
  if (!(bl > 0 && vl > 0)) return lowerGuess(beta, x, sl);
  const L = Math.log(bl);
  const m2L = -2 * L;
  const wl = 1 / Math.sqrt(m2L);
  const w = 1 / Math.sqrt(-2 * Math.log(beta));
  const L1 = vl / bl;
  const L2 = ((x * x) / (sl * sl * sl) - 0.25 * sl) * L1 - L1 * L1; // b''/b − (b'/b)²
  const w1 = wl * wl * wl * L1; // dw/ds
  const w2 = 3 * wl * wl * wl * wl * wl * L1 * L1 + wl * wl * wl * L2;
  const s = inverseRational(w, 0, wl, 0, sl, 1 / -x, w1, -w2 / (w1 * w1 * w1), true);
  return s > 0 && s < sl ? s : lowerGuess(beta, x, sl);
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
