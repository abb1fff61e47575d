/**
 * The fixed-point steps of the Andersen-Lake-Offengelder boundary solve (alo.ts). With τ the time to
 * expiry and X = K·min(1, r/q), B(τ) solves B = f(B) = K·e^{−(r−q)τ}·N(τ, B)/D(τ, B), in two forms:
 *
 *   FP-B: N = φ(d₋(τ, B/K))/(σ√τ) + r∫₀^τ e^{r(τ−m)} φ(d₋(m, B(τ)/B(τ−m)))/(σ√m) dm
 *         D = φ(d₊(τ, B/K))/(σ√τ) + Φ(d₊(τ, B/K)) + q∫₀^τ e^{q(τ−m)} [Φ(d₊(m, ·)) + φ(d₊(m, ·))/(σ√m)] dm
 *   FP-A: N = Φ(d₋) + r∫e^{r(τ−m)}Φ(d₋(m, ·))dm,  D = Φ(d₊) + q∫e^{q(τ−m)}Φ(d₊(m, ·))dm
 *
 * On the nodes, y = ln B solves y − ln f(y) = 0. A step is either plain (y ← ln f(y)) or Newton's on
 * the whole system: the Jacobian A = ∂ln f/∂y holds, besides each node's own terms, every node's
 * influence through the interpolated boundary inside the integrals (ln z = y_i − ln B(τ−m), and
 * ∂ln B(τ−m)/∂y_j = W_j·ln(X/B_j)/ln(X/B(τ−m)) from H = ln(X/B)²), so (I − A)·δ = ln f − y converges
 * quadratically. The Jacobian costs no extra exponential: it reuses the integrands' values. A Jacobi
 * step (own terms only) overshoots, because a uniform shift of ln B leaves every ratio B(τ)/B(τ−m) —
 * so every integral — unchanged. The last A is kept for the Greeks (implicit differentiation).
 */

import type { Prepared } from './alo-scheme.js';
import type { Workspace } from './alo-workspace.js';
import { solveInPlace } from './linear-solve.js';
import { normCdfFast, normCdfGivenExp } from './normal.js';

const INV_SQRT_2PI = 0.39894228040143267794;
const SQRT_2PI = 2.5066282746310005024;

/**
 * ln f(y) of FP-B at every node into w.lnf for the boundary w.H (tables eR, eQ of P's rule filled for
 * T, r, q); with `jacobian`, also I − ∂ln f/∂y into w.M. Returns false when some f is not a positive number.
 */
export function evaluate(
  P: Prepared,
  w: Workspace,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
  jacobian: boolean,
  eR: Float64Array = w.eR,
  eQ: Float64Array = w.eQ,
): boolean {
  const { n, nq, xi, frac, sqrtFrac, invSqrtFrac, gw, wB, W } = P;
  const { H, lnf, M, gN, gD, root, x } = w;
  const n1 = n + 1;
  const lnX = Math.log(q > r ? (K * r) / q : K),
    lnK = Math.log(K);
  const b = r - q;
  const invSigma = 1 / sigma;
  if (jacobian) {
    M.fill(0, 0, n1 * n1);
    for (let j = 1; j <= n; j++) x[j] = Math.sqrt(H[j]!);
  }
  let ok = true;
  for (let i = 1; i <= n; i++) {
    const tau = T * xi[i]! * xi[i]!;
    const sq = Math.sqrt(tau);
    const st = sigma * sq;
    const invSt = 1 / st;
    const bt = b * tau;
    const xI = Math.sqrt(H[i]!);
    const xk = lnX - xI - lnK + bt;
    const dp = xk * invSt + 0.5 * st;
    const dm = dp - st;
    const phiP = INV_SQRT_2PI * Math.exp(-0.5 * dp * dp);
    const phiM = phiP * Math.exp(xk);
    const cN = INV_SQRT_2PI * r * sq * invSigma;
    const cE = INV_SQRT_2PI * sq * invSigma; // φ-term factor of the D integrand
    let sumN = 0,
      sumD = 0,
      sigN = 0,
      sigD = 0;
    const row = i * nq;
    for (let k = 0; k < nq; k++) {
      const o = (row + k) * n1;
      let h = 0;
      for (let j = 1; j <= n; j++) h += W[o + j]! * H[j]!; // H[0] = 0
      const rh = Math.sqrt(h > 0 ? h : 0);
      const lnz = rh - xI;
      const sm = st * sqrtFrac[k]!;
      const invSm = invSt * invSqrtFrac[k]!;
      const d = (lnz + bt * frac[k]!) * invSm + 0.5 * sm;
      const a = gw[k]! * eR[row + k]! * Math.exp(lnz - 0.5 * d * d); // √(2π)·weight·e^{r(τ−m)}·φ(d₋)
      sumN += a;
      let aD = 0;
      if (q !== 0) {
        const e = Math.exp(-0.5 * d * d);
        const eq = eQ[row + k]!;
        const ge = gw[k]! * e * cE;
        const be = wB[k]! * tau;
        sumD += eq * (be * normCdfGivenExp(d, e) + ge);
        if (jacobian) {
          aD = q * eq * (INV_SQRT_2PI * e * be - ge * d) * invSm;
          // ∂/∂σ of the D integrand: ∂d/∂σ = −d₋/σ
          sigD += eq * (ge * (d * (d - sm) - 1) - INV_SQRT_2PI * e * be * (d - sm));
        }
      }
      if (jacobian) {
        sigN += a * d * (d - sm);
        gN[k] = cN * a * (1 - d * invSm);
        gD[k] = aD;
        root[k] = rh;
      }
    }
    const num = phiM * invSt + cN * sumN;
    const den = phiP * invSt + normCdfGivenExp(dp, phiP * SQRT_2PI) + q * sumD;
    const f = (K * (eQ[row]! / eR[row]!) * num) / den; // e^{−(r−q)τ} from the tables
    if (!(f > 0)) ok = false;
    lnf[i] = Math.log(f);
    if (!jacobian) continue;
    const invNum = 1 / num,
      invDen = 1 / den;
    // ∂ln f/∂σ: ∂d±(τ)/∂σ = −d∓/σ, the N integrand's ∂a/∂σ = a·d·d₋/σ, cN ∝ 1/σ.
    const numS = phiM * (dm * dp - 1) * invSt + cN * (sigN - sumN);
    const denS = phiP * (dp * dm - 1) * invSt - phiP * dm + q * sigD;
    w.dS[i] = (numS * invNum - denS * invDen) * invSigma;
    // ∂ln f/∂y_j = δ_ij·(own terms + Σ_k g_k) − Σ_k g_k·W_kj·x_j/x(τ−m_k), g_k = ∂ln N/∂ln z − ∂ln D/∂ln z.
    let diag = -dm * phiM * invSt * invSt * invNum - (-dp * phiP * invSt * invSt + phiP * invSt) * invDen;
    for (let k = 0; k < nq; k++) {
      const gk = gN[k]! * invNum - gD[k]! * invDen;
      diag += gk;
      const rh = root[k]!;
      gN[k] = rh > 0 ? gk / rh : 0;
    }
    const r0 = i * n1;
    for (let j = 1; j <= n; j++) {
      let m = 0;
      for (let k = 0, o = row * n1 + j; k < nq; k++, o += n1) m += gN[k]! * W[o]!;
      M[r0 + j] = m * x[j]!;
    }
    M[r0 + i]! += 1 - diag;
  }
  return ok;
}

/**
 * Up to `iterations` steps on w.H (tables filled for T, r, q): Newton's for the first `newton` of them,
 * plain FP-B after; stops once no ln B moves by more than `tolerance`. Returns false when a plain step
 * stops contracting (more than 2e-5 and 0.8 of the step before), so the caller can switch to FP-A.
 */
export function iterate(
  P: Prepared,
  w: Workspace,
  iterations: number,
  newton: number,
  tolerance: number,
  K: number,
  T: number,
  r: number,
  q: number,
  sigma: number,
): boolean {
  const { n } = P;
  const { H, Hn, lnf, M } = w;
  const n1 = n + 1;
  const lnX = Math.log(q > r ? (K * r) / q : K);
  let previous = Infinity;
  for (let it = 0; it < iterations; it++) {
    const full = it < newton;
    const coarse = it === 0 && P.coarse !== null && newton > 1;
    if (coarse) evaluate(P.coarse as Prepared, w, K, T, r, q, sigma, true, w.cR, w.cQ);
    else evaluate(P, w, K, T, r, q, sigma, full);
    let solved = false;
    if (full) {
      // (I − A)·δ = ln f − y, δ into Hn
      for (let i = 1; i <= n; i++) Hn[i] = lnf[i]! - (lnX - Math.sqrt(H[i]!));
      const { Hp, lnfp, Mp } = w;
      Hp.set(H);
      lnfp.set(lnf);
      w.dSp.set(w.dS);
      Mp.set(M); // same length
      solved = solveInPlace(M, Hn, n, n1);
    }
    let change = 0;
    for (let i = 1; i <= n; i++) {
      const y = lnX - Math.sqrt(H[i]!);
      let next = solved ? y + Hn[i]! : lnf[i]!;
      if (!(next < lnX)) next = lnf[i]!;
      const l = lnX - next;
      // A broken update (B not below X, or NaN) takes the previous node's value: the boundary falls with τ.
      Hn[i] = l > 0 ? l * l : i > 1 ? Hn[i - 1]! : 0;
      const dl = Math.abs(Math.sqrt(Hn[i]!) - Math.sqrt(H[i]!));
      if (dl > change) change = dl;
    }
    for (let i = 1; i <= n; i++) H[i] = Hn[i]!;
    // Newton converges quadratically: the next change would be about 5·change² (measured from QD+ starts).
    // (Not after a coarse step: its fixed point is the coarse rule's.)
    if (!coarse && (change < tolerance || (solved && 5 * change * change < tolerance))) return true;
    if (!full && it > newton && change > 0.8 * previous && change > 2e-5) return false;
    previous = change;
  }
  return true;
}

/** Plain FP-A steps on w.H (the fallback where FP-B stops contracting). */
export function iterateA(P: Prepared, w: Workspace, iterations: number, tolerance: number, K: number, T: number, r: number, q: number, sigma: number): void {
  const { n, nq, xi, frac, sqrtFrac, wB, W } = P;
  const { H, Hn } = w;
  const n1 = n + 1;
  const X = q > r ? (K * r) / q : K;
  const lnX = Math.log(X),
    lnK = Math.log(K);
  const b = r - q;
  for (let it = 0; it < iterations; it++) {
    let change = 0;
    for (let i = 1; i <= n; i++) {
      const tau = T * xi[i]! * xi[i]!;
      const st = sigma * Math.sqrt(tau);
      const lnB = lnX - Math.sqrt(H[i]!);
      const dp = (lnB - lnK + b * tau) / st + 0.5 * st;
      let sn = 0,
        sd = 0;
      for (let k = 0; k < nq; k++) {
        const o = (i * nq + k) * n1;
        let h = 0;
        for (let j = 0; j <= n; j++) h += W[o + j]! * H[j]!;
        const lnz = lnB - lnX + Math.sqrt(h > 0 ? h : 0);
        const sm = st * sqrtFrac[k]!;
        const d = (lnz + b * tau * frac[k]!) / sm + 0.5 * sm;
        const u = tau * (1 - frac[k]!);
        sn += wB[k]! * Math.exp(r * u) * normCdfFast(d - sm);
        if (q !== 0) sd += wB[k]! * Math.exp(q * u) * normCdfFast(d);
      }
      const B = (K * Math.exp(-b * tau) * (normCdfFast(dp - st) + r * tau * sn)) / (normCdfFast(dp) + q * tau * sd);
      const l = Math.log(B / X);
      Hn[i] = B < X && l === l ? l * l : Hn[i - 1]!;
      const dl = Math.abs(Math.sqrt(Hn[i]!) - Math.sqrt(H[i]!));
      if (dl > change) change = dl;
    }
    for (let i = 1; i <= n; i++) H[i] = Hn[i]!;
    if (change < tolerance) return;
  }
}
