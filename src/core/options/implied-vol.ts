/**
 * European implied volatility: the price is normalised by D·√(F·K) with D = e^{−rT} and
 * F = S·e^{(r−q)T}, solved for s = σ√T by {@link normalisedImpliedVol}, and σ = s/√T returned.
 */

import { americanPriceRaw, earlyExerciseWorthless } from './american.js';
import { blackScholesInto, PRICE } from './black-scholes.js';
import { normalisedImpliedVol } from './normalised-iv.js';
import { validContract, type ImpliedVolInput } from './types.js';

/**
 * Allocation-free European implied volatility (annual decimal) from positional inputs, units as in
 * {@link impliedVol}. NaN when no volatility reproduces `price`: below the discounted intrinsic value
 * max(S·e^{−qT} − K·e^{−rT}, 0) (call) or at/above the upper bound S·e^{−qT} (call) / K·e^{−rT} (put),
 * or for invalid inputs. Exactly at the lower bound it returns 0.
 */
export function europeanImpliedVol(isCall: boolean, price: number, spot: number, strike: number, years: number, rate: number, dividendYield: number): number {
  if (!validContract(spot, strike, years, rate, dividendYield) || !(years > 0) || !(price >= 0) || price === Infinity) return NaN;
  const x = Math.log(spot / strike) + (rate - dividendYield) * years;
  // D·√(F·K) = √(S·e^{−qT} · K·e^{−rT})
  const scale = Math.sqrt(spot * strike * Math.exp(-(dividendYield + rate) * years));
  const s = normalisedImpliedVol(price / scale, x, isCall);
  return s / Math.sqrt(years);
}

/**
 * American implied volatility: NaN below intrinsic max(S−K, 0) / max(K−S, 0) or at/above the upper
 * bound (S for a call, K for a put); 0 at intrinsic when the zero-vol American value equals it.
 * Start from the European IV of the price, then of the price less the early-exercise premium at that
 * vol (the premium moves little with vol), then secant steps on the American price kept inside the
 * bracket of signs seen so far (bisection when a step leaves it), until a step is below 1e-8 of the
 * vol (the next error is then ~1e-12) or the price matches to 1e-12: about four American prices.
 */
export function americanImpliedVol(isCall: boolean, price: number, spot: number, strike: number, years: number, rate: number, dividendYield: number): number {
  if (!validContract(spot, strike, years, rate, dividendYield) || !(years > 0) || !(price >= 0)) return NaN;
  const upper = isCall ? spot : strike;
  const intrinsic = Math.max(isCall ? spot - strike : strike - spot, 0);
  if (price < intrinsic || price >= upper) return NaN;
  if (earlyExerciseWorthless(isCall, rate, dividendYield)) return europeanImpliedVol(isCall, price, spot, strike, years, rate, dividendYield);
  const f = (v: number): number => americanPriceRaw(isCall, spot, strike, years, rate, dividendYield, v) - price;
  const floor = f(0);
  if (floor > 0) return NaN; // even zero vol is worth more than the price
  if (floor === 0) return 0;
  const tol = 1e-12 * Math.max(price, 1e-300);
  let lo = 0,
    hi = Infinity;
  let v0 = europeanImpliedVol(isCall, price, spot, strike, years, rate, dividendYield);
  if (!(v0 > 0)) v0 = 0.5;
  let f0 = f(v0);
  if (Math.abs(f0) <= tol) return v0;
  if (f0 < 0) lo = v0;
  else hi = v0;
  const premium = f0 + price - blackScholesInto(scratch, isCall, spot, strike, years, rate, dividendYield, v0)[PRICE]!;
  let v1 = europeanImpliedVol(isCall, price - premium, spot, strike, years, rate, dividendYield);
  if (!(v1 > lo && v1 < hi) || v1 === v0) v1 = f0 < 0 ? v0 * 1.1 + 1e-3 : v0 * 0.9;
  let f1 = f(v1);
  for (let i = 0; i < 60; i++) {
    if (Math.abs(f1) <= tol) return v1;
    if (f1 < 0) {
      if (v1 > lo) lo = v1;
    } else if (v1 < hi) hi = v1;
    if (hi - lo <= 1e-14 * hi) return 0.5 * (lo + hi);
    let v2 = v1 - (f1 * (v1 - v0)) / (f1 - f0);
    if (!(v2 > lo && v2 < hi)) v2 = hi === Infinity ? 2 * lo + 0.1 : 0.5 * (lo + hi);
    // Secant error shrinks like the product of the last two errors: a step of 1e-8 leaves ~1e-12.
    if (Math.abs(v2 - v1) <= 1e-8 * v2) return v2;
    v0 = v1;
    f0 = f1;
    v1 = v2;
    f1 = f(v2);
  }
  return v1;
}

const scratch = new Float64Array(6);

/**
 * Implied volatility (annual decimal) of an option price in currency units, `years` = calendar days/365,
 * `rate` and `dividendYield` annual continuously compounded decimals; `style` 'european' (default,
 * Let's-Be-Rational-type solver, about 1e-15 relative where the price carries the information) or
 * 'american' (Andersen-Lake-Offengelder model of `americanPrice`). NaN when no volatility reproduces the price
 * (outside the no-arbitrage bounds) or inputs are invalid; never a fallback number.
 */
export function impliedVol(input: ImpliedVolInput): number {
  const { type, price, spot, strike, years, rate, dividendYield, style = 'european' } = input;
  if (type !== 'call' && type !== 'put') return NaN;
  if (style === 'american') return americanImpliedVol(type === 'call', price, spot, strike, years, rate, dividendYield);
  if (style !== 'european') return NaN;
  return europeanImpliedVol(type === 'call', price, spot, strike, years, rate, dividendYield);
}
