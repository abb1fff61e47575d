/**
 * Li's QD+ approximation of the American put exercise boundary (M. Li, "Analytical approximations
 * for the critical stock prices of American options", Quantitative Finance 10, 2010), used only as
 * the starting boundary of the Andersen-Lake-Offengelder fixed point (see alo.ts). Smooth pasting
 * of V(S) = p(S) + (K − B − p(B))·(S/B)^λ / (1 − c₀·ln(S/B) − …) at S = B gives
 *
 *   f(B) = (1 − e^{−qτ}·Φ(−d₁))·B + (λ + c₀)·(K − B − p(B)) = 0,
 *
 * with c₀ multiplied through so that nothing divides by the early-exercise premium K − B − p(B).
 */

import { normCdfFast } from './normal.js';

const INV_SQRT_2PI = 0.39894228040143267794;

/** Parameters of the boundary equation, set by {@link qdPlusPutBoundary} (no closure per call). */
let K = 0,
  r = 0,
  q = 0,
  sigma = 0,
  tau = 0,
  v = 0,
  sqrtT = 0,
  dr = 0,
  dq = 0,
  h = 0,
  lambda = 0,
  lambdaP = 0,
  den = 0,
  kc = 0;

function f(B: number): number {
  const dp = (Math.log(B / K) + (r - q) * tau) / v + 0.5 * v;
  const nmdp = normCdfFast(-dp);
  const nmdm = normCdfFast(v - dp);
  const phi = INV_SQRT_2PI * Math.exp(-0.5 * dp * dp);
  const p = K * dr * nmdm - B * dq * nmdp;
  const theta = r * K * dr * nmdm - q * B * dq * nmdp - (sigma * B * dq * phi) / (2 * sqrtT);
  const ex = K - B - p;
  return (1 - dq * nmdp) * B + lambda * ex + kc * (ex / h - theta / r + (lambdaP * ex) / den);
}

/**
 * Put boundary B(τ) at time to expiry `tau` (years) for strike K, rate r > 0, yield q, vol σ; the
 * result lies in (0, X] with X = K·min(1, r/q), the boundary just before expiry. `guess` (an estimate
 * of ln(X/B) > 0) speeds the solve; `tol` is the tolerance in ln B.
 */
export function qdPlusPutBoundary(tauIn: number, strike: number, rate: number, yield_: number, vol: number, guess = NaN, tol = 1e-9): number {
  const X = yield_ > rate ? (strike * rate) / yield_ : strike;
  if (!(tauIn > 0)) return X;
  K = strike;
  r = rate;
  q = yield_;
  sigma = vol;
  tau = tauIn;
  const s2 = sigma * sigma;
  h = -Math.expm1(-r * tau);
  const alpha = (2 * r) / s2;
  const bm1 = (2 * (r - q)) / s2 - 1;
  const root = Math.sqrt(bm1 * bm1 + (4 * alpha) / h);
  lambda = 0.5 * (-bm1 - root);
  lambdaP = alpha / (h * h * root);
  den = 2 * lambda + bm1;
  dr = Math.exp(-r * tau);
  dq = Math.exp(-q * tau);
  sqrtT = Math.sqrt(tau);
  v = sigma * sqrtT;
  kc = (-dr * alpha) / den; // c₀·(K − B − p) = kc·((K − B − p)/h − Θ/r + λ'(K − B − p)/den)
  // Secant on ln B from `guess` (the neighbouring node's boundary), falling back to a bracket grown
  // downwards from X with Illinois regula falsi; a loose tolerance is enough for a starting boundary.
  const top = Math.log(X) - 1e-12;
  let a = top - (guess > 0 ? guess : 0.5 * v);
  let fa = f(Math.exp(a));
  let b = top - 1.1 * (top - a);
  let fb = f(Math.exp(b));
  for (let i = 0; i < 10 && fa !== fb; i++) {
    let c = b - (fb * (b - a)) / (fb - fa);
    if (!(c < top)) c = 0.5 * (b + top);
    // A small step only means convergence when the steps are shrinking fast (secant order 1.6).
    if (Math.abs(c - b) < tol && Math.abs(c - b) < 0.5 * Math.abs(b - a)) return Math.exp(c);
    a = b;
    fa = fb;
    b = c;
    fb = f(Math.exp(c));
  }
  b = Math.log(X * (1 - 1e-12));
  fb = f(Math.exp(b));
  let step = 0.05 + v;
  for (let i = 0; i < 60; i++) {
    a = b - step;
    fa = f(Math.exp(a));
    if (fa * fb <= 0) break;
    b = a;
    fb = fa;
    step *= 2;
  }
  if (!(fa * fb <= 0)) return Math.exp(b) < X ? Math.exp(b) : X;
  let side = 0;
  let prev = NaN;
  for (let i = 0; i < 60; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    if (Math.abs(c - prev) < tol || Math.abs(b - a) < tol) return Math.exp(c);
    prev = c;
    const fc = f(Math.exp(c));
    if (fc === 0) return Math.exp(c);
    if (fc * fb < 0) {
      a = b;
      fa = fb;
      b = c;
      fb = fc;
      side = 0;
    } else {
      b = c;
      fb = fc;
      if (side === -1) fa *= 0.5;
      side = -1;
    }
  }
  return Math.exp(0.5 * (a + b));
}
