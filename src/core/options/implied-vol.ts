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
  const scale = Math.sqrt(spot * Math.exp(-dividendYield * years) * strike * Math.exp(-rate * years));
  const s = normalisedImpliedVol(price / scale, x, isCall);
  return s / Math.sqrt(years);
}

/**
 * American implied volatility: NaN below intrinsic max(S−K, 0) / max(K−S, 0) or at/above the upper
 * bound (S for a call, K for a put); 0 at intrinsic when the zero-vol American value equals it.
 * Start from the European IV of the price less its early-exercise premium (iterated twice), then a
 * safeguarded secant (Illinois regula falsi) on the American price to 1e-12 of the price.
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
  // De-Americanise: v ↦ European IV of (price − premium(v)).
  let v = europeanImpliedVol(isCall, price, spot, strike, years, rate, dividendYield);
  if (!(v > 0)) v = 0.3;
  for (let i = 0; i < 2; i++) {
    const premium = americanPriceRaw(isCall, spot, strike, years, rate, dividendYield, v) - blackScholesInto(scratch, isCall, spot, strike, years, rate, dividendYield, v)[PRICE]!;
    const next = europeanImpliedVol(isCall, price - premium, spot, strike, years, rate, dividendYield);
    if (!(next > 0)) break;
    v = next;
  }
  // Bracket around v, then Illinois.
  let a = v, fa = f(a);
  let b = fa < 0 ? v * 1.02 + 1e-4 : v * 0.98;
  let fb = f(b);
  for (let i = 0; i < 60 && fa * fb > 0; i++) {
    const step = b - a;
    a = b; fa = fb;
    b = Math.max(b + 2 * step, 0);
    fb = b === 0 ? floor : f(b);
  }
  if (fa * fb > 0) return NaN;
  const tol = 1e-12 * Math.max(price, 1e-300);
  let side = 0;
  for (let i = 0; i < 100; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (Math.abs(fc) <= tol || Math.abs(b - a) <= 1e-14 * c) return c;
    if (fc * fb < 0) { a = b; fa = fb; b = c; fb = fc; side = 0; }
    else { b = c; fb = fc; if (side === -1) fa /= 2; side = -1; }
  }
  return 0.5 * (a + b);
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
