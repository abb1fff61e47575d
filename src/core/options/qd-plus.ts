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

import { normCdfFast, normCdfGivenExp } from './normal.js';

const INV_SQRT_2PI = 0.39894228040143267794;

/** Parameters of the boundary equation for {@link f}, set before the bracketed solve (no closure per call). */
const par = { K: 0, r: 0, q: 0, sigma: 0, tau: 0, v: 0, sqrtT: 0, dr: 0, dq: 0, h: 0, lambda: 0, lambdaP: 0, den: 0, kc: 0 };

function f(B: number): number {
  const { K, r, q, sigma, tau, v, sqrtT, dr, dq, h, lambda, lambdaP, den, kc } = par;
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
 * QD+ boundary on the nodes ξ₁..ξₙ (τ = Tξ²) of a put with strike K, expiry T, rate r > 0, yield q,
 * vol σ, into H as ln(X/B)² (H[0] = 0 at expiry; X = K·min(1, r/q), the boundary just before expiry),
 * as the start of the Andersen-Lake-Offengelder iteration. One call for all nodes, the Newton steps
 * inline: a call per node passed and returned its numbers boxed (~1 kB of garbage per price).
 *
 * Newton on ln B per node from a guess of ln(X/B): the behaviour near expiry at the first two nodes,
 * ln(X/B) ≈ 0.9·σ√τ when q > r, σ√(τ·ln(σ²/(4πτ(r−q)²))) when q < r (Evans, Kuske and Keller, "American
 * options on assets with dividends near expiry", Mathematical Finance 12, 2002), then linear
 * extrapolation in ξ from the last two nodes. QD+ is itself ~2e-2 off in ln B, so a node is done once a
 * step is under a tenth of σ√τ (the scale of ln(X/B) there; the error left is ~step²). A node whose
 * Newton solve fails or strays (the boundary must fall as τ grows) is solved again by Illinois regula
 * falsi on a bracket.
 */
export function qdPlusNodes(H: Float64Array, xi: Float64Array, n: number, K: number, T: number, r: number, q: number, sigma: number): void {
  const lnK = Math.log(K);
  const lnX = q > r ? lnK + Math.log(r / q) : lnK;
  const top = lnX - 1e-12;
  const s2 = sigma * sigma;
  const alpha = (2 * r) / s2;
  const bm1 = (2 * (r - q)) / s2 - 1;
  H[0] = 0;
  let guess = NaN;
  let prevL = 0;
  let prevY = lnX;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    const h = -Math.expm1(-r * tau);
    const root = Math.sqrt(bm1 * bm1 + (4 * alpha) / h);
    const lambda = 0.5 * (-bm1 - root);
    const lambdaP = alpha / (h * h * root);
    const den = 2 * lambda + bm1;
    const dr = 1 - h;
    const dq = q === 0 ? 1 : Math.exp(-q * tau);
    const sqrtT = Math.sqrt(tau);
    const growth = dq / dr; // e^{(r−q)τ}
    const v = sigma * sqrtT;
    const kc = (-dr * alpha) / den; // c₀·(K − B − p) = kc·((K − B − p)/h − Θ/r + λ'(K − B − p)/den)
    const invV = 1 / v,
      halfSigmaT = sigma / (2 * sqrtT),
      invH = 1 / h,
      invR = 1 / r,
      lpd = lambdaP / den,
      bt = (r - q) * tau,
      tol = 0.1 * v;
    if (i <= 2) {
      const L = q >= r ? 0 : Math.log(s2 / (4 * Math.PI * tau * (r - q) * (r - q)));
      guess = q >= r || L < 1 ? 0.9 * v : v * Math.sqrt(L);
    }
    // Newton on ln B; it stays below ln X by halving the distance when a step would cross it. With
    // K·e^{−rτ}φ(d₋) = B·e^{−qτ}φ(d₊): the put's slope in ln B is −B·e^{−qτ}Φ(−d₊), the (K − B − p)
    // term's −B(1 − e^{−qτ}Φ(−d₊)), and Θ's −(r − q)·B·e^{−qτ}φ(d₊)/v − qB·e^{−qτ}Φ(−d₊)
    // − σB·e^{−qτ}φ(d₊)(1 − d₊/v)/(2√τ).
    let y = top - guess;
    let done = false;
    for (let it = 0; it < 12 && !done; it++) {
      const B = Math.exp(y);
      const dp = (y - lnK + bt) * invV + 0.5 * v;
      const e = Math.exp(-0.5 * dp * dp);
      const nmdp = normCdfGivenExp(-dp, e);
      // exp(−d₋²/2) = exp(−d₊²/2)·(B/K)·e^{(r−q)τ}
      const nmdm = normCdfGivenExp(v - dp, (e * B * growth) / K);
      const phi = INV_SQRT_2PI * e;
      const bq = B * dq;
      const p = K * dr * nmdm - bq * nmdp;
      const theta = r * K * dr * nmdm - q * bq * nmdp - bq * phi * halfSigmaT;
      const ex = K - B - p;
      const exD = -B + bq * nmdp;
      const thetaD = -(r - q) * bq * phi * invV - q * bq * nmdp - bq * phi * (1 - dp * invV) * halfSigmaT;
      const slope = bq * phi * invV + (1 - dq * nmdp) * B + lambda * exD + kc * (exD * invH - thetaD * invR + lpd * exD);
      const fy = (1 - dq * nmdp) * B + lambda * ex + kc * (ex * invH - theta * invR + lpd * ex);
      let next = y - fy / slope;
      if (!(next < top)) next = 0.5 * (y + top);
      done = Math.abs(next - y) < tol;
      y = next;
    }
    if (!(done && y <= prevY && y > prevY - Math.LN2)) {
      Object.assign(par, { K, r, q, sigma, tau, v, sqrtT, dr, dq, h, lambda, lambdaP, den, kc });
      y = bracketed(lnX, v, 1e-7);
    }
    if (!(y <= prevY)) y = prevY;
    prevY = y;
    const l = y - lnX;
    if (i < n) {
      // ln(X/B) grows about like ξ: its slope is held within 0.3-1.5× the ray from 0.
      const ray = -l / xi[i]!;
      const slope = i > 1 ? (prevL - l) / (xi[i]! - xi[i - 1]!) : ray;
      guess = -l + Math.min(Math.max(slope, 0.3 * ray), 1.5 * ray) * (xi[i + 1]! - xi[i]!);
    }
    prevL = l;
    H[i] = l < 0 ? l * l : 0;
  }
}

/** ln B by Illinois regula falsi on f over a bracket grown downwards from X (ln X = lnX). */
function bracketed(lnX: number, v: number, tol: number): number {
  const X = Math.exp(lnX);
  let a = 0,
    b = 0,
    fa = 0,
    fb = 0;
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
  if (!(fa * fb <= 0)) return Math.min(b, lnX);
  let side = 0;
  let prev = NaN;
  for (let i = 0; i < 60; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    if (Math.abs(c - prev) < tol || Math.abs(b - a) < tol) return c;
    prev = c;
    const fc = f(Math.exp(c));
    if (fc === 0) return c;
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
  return 0.5 * (a + b);
}
