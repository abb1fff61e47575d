/**
 * European Black-Scholes-Merton price and Greeks with a continuous dividend yield.
 *
 * Prices are formed as D·√(F·K)·b(x, s) with the normalised Black function when the
 * textbook form S·e^{−qT}·N(d1) − K·e^{−rT}·N(d2) would cancel, so out-of-the-money
 * tails keep their relative accuracy and underflow cleanly to 0 instead of going negative.
 */

import { expMinusHalfSquare, INV_SQRT_2PI, normCdf, normCdfGivenExp } from './normal.js';
import { normalisedBlackCall } from './normalised-black.js';
import { NAN_GREEKS, validContract, type Greeks, type PricingInput } from './types.js';

/** Slots of the output array of {@link blackScholesInto}. */
export const PRICE = 0,
  DELTA = 1,
  GAMMA = 2,
  VEGA = 3,
  THETA = 4,
  RHO = 5;

/**
 * Allocation-free core: writes price, delta, gamma, vega, theta, rho into `out[0..5]`.
 * `isCall` selects the right; the other arguments are as in {@link blackScholes}. Returns `out`.
 */
export function blackScholesInto(
  out: Float64Array,
  isCall: boolean,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
): Float64Array {
  if (!validContract(spot, strike, years, rate, dividendYield) || vol !== vol) {
    out.fill(NaN, 0, 6);
    return out;
  }
  if (years <= 0 || vol <= 0 || vol === Infinity) return degenerate(out, isCall, spot, strike, years, rate, dividendYield, vol);
  const sqrtT = Math.sqrt(years);
  const s = vol * sqrtT;
  const dq = dividendYield === 0 ? 1 : Math.exp(-dividendYield * years);
  const dr = rate === 0 ? 1 : Math.exp(-rate * years);
  const x = Math.log(spot / strike) + (rate - dividendYield) * years; // ln(F/K)
  const d1 = x / s + 0.5 * s;
  const d2 = d1 - s;
  const theta = isCall ? 1 : -1;
  // exp(−d2²/2) = exp(−d1²/2)·F/K, so one exponential serves φ(d1), Φ(d1) and Φ(d2). Below |d1| = 6
  // the rounding of d1²/2 costs under 4e-15 relative; beyond, Cody's split keeps the tails exact.
  const e1 = d1 < 6 && d1 > -6 ? Math.exp(-0.5 * d1 * d1) : expMinusHalfSquare(d1);
  const fk = (spot * dq) / (strike * dr); // e^x
  const e2 = e1 * fk;
  const shared = e1 > 1e-280 && e2 > 1e-280 && fk < 1e280;
  const n1 = shared ? normCdfGivenExp(theta * d1, e1) : normCdf(theta * d1);
  const n2 = shared ? normCdfGivenExp(theta * d2, e2) : normCdf(theta * d2);
  const pdf = INV_SQRT_2PI * e1;
  const sq = spot * dq;
  const kr = strike * dr;
  const a = sq * n1;
  const c = kr * n2;
  let price = theta * (a - c);
  // Cancellation check: a and c each carry ~2e-16 relative, so a − c loses log2(max(a, c)/price) bits;
  // up to six bits (error ≤ ~3e-14 relative) is kept, beyond that the normalised form (slower) takes over.
  if (!(64 * price >= (a > c ? a : c))) {
    price = Math.sqrt(sq * kr) * normalisedBlackCall(theta * x, s);
  }
  const vega = sq * pdf * sqrtT;
  out[PRICE] = price + 0; // no −0 from a put whose terms both underflowed
  out[DELTA] = theta * dq * n1;
  out[GAMMA] = (dq * pdf) / (spot * s);
  out[VEGA] = vega;
  out[THETA] = (-0.5 * vega * vol) / years + theta * (dividendYield * a - rate * c);
  out[RHO] = theta * years * c;
  return out;
}

/**
 * Degenerate cases, priced as intrinsic value:
 * - `years <= 0` (expired): max(S−K, 0) / max(K−S, 0); delta is the exercise indicator (±0.5 at the
 *   money), gamma, vega, theta and rho are 0.
 * - `vol <= 0` with time left: the deterministic forward payoff, e.g. max(S·e^{−qT} − K·e^{−rT}, 0) for a
 *   call, with its exact delta, theta and rho; gamma and vega are 0.
 * - `vol = +Infinity`: the upper bounds S·e^{−qT} (call) / K·e^{−rT} (put).
 */
function degenerate(
  out: Float64Array,
  isCall: boolean,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
): Float64Array {
  const theta = isCall ? 1 : -1;
  out[GAMMA] = 0;
  out[VEGA] = 0;
  if (years <= 0) {
    const m = theta * (spot - strike);
    out[PRICE] = m > 0 ? m : 0;
    out[DELTA] = m > 0 ? theta : m === 0 ? 0.5 * theta : 0;
    out[THETA] = 0;
    out[RHO] = 0;
    return out;
  }
  const sq = spot * Math.exp(-dividendYield * years);
  const kr = strike * Math.exp(-rate * years);
  if (vol === Infinity) {
    out[PRICE] = isCall ? sq : kr;
    out[DELTA] = isCall ? sq / spot : 0;
    out[THETA] = isCall ? dividendYield * sq : rate * kr;
    out[RHO] = isCall ? 0 : -years * kr;
    return out;
  }
  const m = theta * (sq - kr);
  const w = m > 0 ? 1 : m === 0 ? 0.5 : 0;
  out[PRICE] = m > 0 ? m : 0;
  out[DELTA] = w * theta * (sq / spot);
  out[THETA] = w * theta * (dividendYield * sq - rate * kr);
  out[RHO] = w * theta * years * kr;
  return out;
}

const scratch = new Float64Array(6);

/**
 * European option price and Greeks under Black-Scholes-Merton.
 * Inputs: spot and strike in currency; `years` = calendar days / 365; `rate`, `dividendYield`, `vol`
 * annual decimals, continuously compounded. Outputs as documented on {@link Greeks}: vega per 1.00 vol,
 * theta per year (dV/dt, usually negative), rho per 1.00 rate. Invalid inputs (non-positive spot or
 * strike, non-finite numbers, NaN vol) give NaN in every field; `years <= 0` or `vol <= 0` give intrinsic
 * value (see degenerate cases above).
 */
export function blackScholes(input: PricingInput): Greeks {
  const { type, spot, strike, years, rate, dividendYield, vol } = input;
  if (type !== 'call' && type !== 'put') return { ...NAN_GREEKS };
  const o = blackScholesInto(scratch, type === 'call', spot, strike, years, rate, dividendYield, vol);
  return { price: o[0]!, delta: o[1]!, gamma: o[2]!, vega: o[3]!, theta: o[4]!, rho: o[5]! };
}

/** Risk-neutral probability that the underlying ends above `level` at expiry: N(d2) evaluated at that level. */
export function probabilityAbove(input: { spot: number; level: number; years: number; rate: number; dividendYield: number; vol: number }): number {
  const { spot, level, years, rate, dividendYield, vol } = input;
  if (!validContract(spot, level, years, rate, dividendYield) || !(vol >= 0)) return NaN;
  const x = Math.log(spot / level) + (rate - dividendYield) * years;
  const s = vol * Math.sqrt(years > 0 ? years : 0);
  if (!(s > 0)) return x > 0 ? 1 : x < 0 ? 0 : 0.5;
  return normCdf(x / s - 0.5 * s);
}

/** One-standard-deviation expected move S·σ·√T in currency units (vol annual decimal, years of calendar time). */
export function expectedMove(spot: number, vol: number, years: number): number {
  if (!(spot >= 0) || !(vol >= 0) || !(years >= 0)) return NaN;
  return spot * vol * Math.sqrt(years);
}
