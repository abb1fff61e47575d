/**
 * Normalised Black function in the variables of Jäckel ("Let's Be Rational", Wilmott 2015):
 *
 *   x = ln(F/K),  s = σ·√T,  b(x, s) = e^{x/2}·Φ(x/s + s/2) − e^{−x/2}·Φ(x/s − s/2),
 *
 * so that a call is worth D·√(F·K)·b(x, s) and a put D·√(F·K)·b(−x, s). Out of the money
 * (x <= 0) the two terms cancel; with h = x/s, t = s/2 and Y(z) = Φ(z)/φ(z) we use
 *
 *   b = e^{−(h²+t²)/2}/√(2π) · [Y(h+t) − Y(h−t)],
 *
 * and evaluate the bracket in whichever way keeps relative accuracy: a Taylor series in t
 * (small t, moderate h; Y' = 1 + zY gives the derivatives by recurrence), Gauss-Legendre
 * quadrature of Y' = 1 + zY, which is cancellation-free far in the tail, or Cody's erfcx.
 */

import { erfcx, erfcxTail, expMinusHalfSquare, normCdf, INV_SQRT_2, INV_SQRT_2PI, SQRT_PI } from './normal.js';

const SQRT_HALF_PI = 1.2533141373155002512;
const TAYLOR_T = 0.21;
const TAIL_H = -6;

// 6-point Gauss-Legendre nodes and weights on [-1, 1].
const GL_X = [0.2386191860831969086, 0.6612093864662645136, 0.9324695142031520278] as const;
const GL_W = [0.4679139345726910473, 0.3607615730481386076, 0.171324492379170345] as const;

/**
 * e^{−(h²+t²)/2}: one exponential while the exponent is small enough that rounding it costs under
 * 6e-15 relative (and no cross-module call on the solver's hot path); Cody's split beyond.
 */
function expHalfSquares(h: number, t: number): number {
  const y = 0.5 * (h * h + t * t);
  return y < 50 ? Math.exp(-y) : expMinusHalfSquare(h) * expMinusHalfSquare(t);
}

/** Intrinsic part of b for a call: max(e^{x/2} − e^{−x/2}, 0) = 2·sinh(x/2) for x > 0. */
export function normalisedIntrinsic(x: number): number {
  return x > 0 ? 2 * Math.sinh(0.5 * x) : 0;
}

/** ∂b/∂s = e^{−(h²+t²)/2}/√(2π), the normalised vega. */
export function normalisedVega(x: number, s: number): number {
  if (!(s > 0)) return 0;
  return INV_SQRT_2PI * expHalfSquares(x / s, 0.5 * s);
}

/** Normalised Black call b(x, s) for any real x and s >= 0. */
export function normalisedBlackCall(x: number, s: number): number {
  if (x > 0) return normalisedIntrinsic(x) + normalisedOtmCall(-x, s);
  return normalisedOtmCall(x, s);
}

/** b(x, s) − e^{x/2}: the distance to the upper bound, as a positive number without cancellation. */
export function normalisedCallComplement(x: number, s: number): number {
  if (!(s > 0)) return Math.exp(0.5 * x) - normalisedIntrinsic(x);
  const h = x / s;
  const t = 0.5 * s;
  return Math.exp(0.5 * x) * normCdf(-h - t) + Math.exp(-0.5 * x) * normCdf(h - t);
}

/** b(x, s) for x <= 0. */
export function normalisedOtmCall(x: number, s: number): number {
  return otmCall(x, s, false);
}

/** The normalised vega left by the last {@link normalisedOtmCallWithVega}. */
export let lastVega = 0;

/**
 * b(x, s) for x <= 0, and its vega ∂b/∂s in {@link lastVega}: one exponential serves both (the
 * implied-vol solver needs the pair at every step).
 */
export function normalisedOtmCallWithVega(x: number, s: number): number {
  return otmCall(x, s, true);
}

function otmCall(x: number, s: number, withVega: boolean): number {
  if (!(s > 0)) {
    lastVega = 0;
    return 0;
  }
  const h = x / s;
  const t = 0.5 * s;
  if (h + t > 0.85) {
    // The first term dominates; direct evaluation keeps full accuracy.
    const b = Math.exp(0.5 * x) * normCdf(h + t) - Math.exp(-0.5 * x) * normCdf(h - t);
    if (withVega) lastVega = INV_SQRT_2PI * expHalfSquares(h, t);
    return b > 0 ? b : 0;
  }
  let dy: number;
  if (t < TAYLOR_T && h >= TAIL_H) dy = taylorDeltaY(h, t);
  else if (h < TAIL_H && t < -0.05 * h) dy = quadratureDeltaY(h, t);
  else dy = SQRT_HALF_PI * (erfcx(-INV_SQRT_2 * (h + t)) - erfcx(-INV_SQRT_2 * (h - t)));
  const v = INV_SQRT_2PI * expHalfSquares(h, t);
  if (withVega) lastVega = v;
  const b = v * dy;
  return b > 0 ? b : 0;
}

/** Y(h+t) − Y(h−t) = 2·Σ_{k odd} Y⁽ᵏ⁾(h)·t^k/k!, with Y' = 1 + hY and Y⁽ᵏ⁺¹⁾ = h·Y⁽ᵏ⁾ + k·Y⁽ᵏ⁻¹⁾. */
function taylorDeltaY(h: number, t: number): number {
  const u = -INV_SQRT_2 * h;
  let y0: number;
  let y1: number;
  if (u > 4) {
    const r = erfcxTail(u);
    y0 = (SQRT_HALF_PI * (1 / SQRT_PI - r)) / u;
    y1 = SQRT_PI * r; // 1 + hY(h) without the cancellation
  } else {
    y0 = SQRT_HALF_PI * erfcx(u);
    y1 = 1 + h * y0;
  }
  const t2 = t * t;
  let sum = y1 * t;
  let coef = t; // t^k / k!
  let prev = y0;
  let cur = y1;
  for (let k = 1; k < 40; k += 2) {
    const even = h * cur + k * prev; // Y^(k+1)
    const odd = h * even + (k + 1) * cur; // Y^(k+2)
    prev = even;
    cur = odd;
    coef *= t2 / ((k + 1) * (k + 2));
    const term = odd * coef;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return 2 * sum;
}

/** ∫_{h−t}^{h+t} (1 + zY(z)) dz by Gauss-Legendre; far in the left tail 1 + zY(z) = √π·r(−z/√2). */
function quadratureDeltaY(h: number, t: number): number {
  let acc = 0;
  for (let i = 0; i < 3; i++) {
    const d = t * GL_X[i]!;
    acc += GL_W[i]! * (erfcxTail(-INV_SQRT_2 * (h - d)) + erfcxTail(-INV_SQRT_2 * (h + d)));
  }
  return SQRT_PI * t * acc;
}
