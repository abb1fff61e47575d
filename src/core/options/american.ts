/**
 * American prices: {@link americanPriceRaw} (Andersen-Lake-Offengelder, alo.ts) in production; the
 * Leisen-Reimer trees below stay as the independent reference and the negative-rate fallback.
 *
 * American option prices on a Leisen-Reimer binomial tree (Leisen & Reimer, "Binomial models for
 * option valuation - examining and improving convergence", Applied Mathematical Finance 3, 1996),
 * with the European tree as a control variate (Hull & White 1988): American = tree_A − tree_E + BSM.
 * The Peizer-Pratt inversion puts the strike between nodes, so the error falls smoothly (about 1/n²)
 * and the control variate removes most of what is left.
 */

import { blackScholesInto, PRICE } from './black-scholes.js';
import { validContract } from './types.js';
import { aloPutPrice, ALO_FAST, type AloScheme } from './alo.js';

/**
 * Tree sizes (odd, as Leisen-Reimer requires) of the two trees combined by Richardson extrapolation;
 * the early-exercise error of the LR tree falls like 1/n, which the pair removes to about 1e-4 relative.
 */
export const COARSE_STEPS = 75;
export const DEFAULT_STEPS = 151;

let amer = new Float64Array(DEFAULT_STEPS + 2);
let euro = new Float64Array(DEFAULT_STEPS + 2);
const bs = new Float64Array(6);

/** Peizer-Pratt method-2 inversion of the normal CDF for n steps. */
function peizerPratt(z: number, n: number): number {
  const k = z / (n + 1 / 3 + 0.1 / (n + 1));
  const r = 0.5 * Math.sqrt(1 - Math.exp(-k * k * (n + 1 / 6)));
  return z >= 0 ? 0.5 + r : 0.5 - r;
}

/** True when early exercise can never pay, so the American price is the European one. */
export function earlyExerciseWorthless(isCall: boolean, rate: number, dividendYield: number): boolean {
  return isCall ? dividendYield <= 0 && rate >= 0 : rate <= 0 && dividendYield >= 0;
}

/**
 * One Leisen-Reimer tree with the European control variate, positional inputs (units as in
 * `americanPrice`); `steps` is rounded up to an odd number.
 */
export function americanTreePrice(
  isCall: boolean,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
  steps = DEFAULT_STEPS,
): number {
  if (!validContract(spot, strike, years, rate, dividendYield) || vol !== vol) return NaN;
  const intrinsic = isCall ? spot - strike : strike - spot;
  const euroPrice = blackScholesInto(bs, isCall, spot, strike, years, rate, dividendYield, vol)[PRICE]!;
  if (years <= 0 || vol <= 0 || earlyExerciseWorthless(isCall, rate, dividendYield)) {
    if (years <= 0 || earlyExerciseWorthless(isCall, rate, dividendYield)) return euroPrice;
    return Math.max(euroPrice, intrinsic, 0); // vol <= 0: exercise now or hold the deterministic forward
  }
  const n = steps % 2 === 1 ? steps : steps + 1;
  if (amer.length < n + 1) {
    amer = new Float64Array(n + 1);
    euro = new Float64Array(n + 1);
  }
  const dt = years / n;
  const s = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (rate - dividendYield) * years) / s + 0.5 * s;
  const p = peizerPratt(d1 - s, n);
  const pp = peizerPratt(d1, n);
  const growth = Math.exp((rate - dividendYield) * dt);
  const u = (growth * pp) / p;
  const d = (growth - p * u) / (1 - p);
  const disc = Math.exp(-rate * dt);
  const pu = disc * p;
  const pd = disc * (1 - p);
  const ratio = u / d;
  const sign = isCall ? 1 : -1;
  const A = amer;
  const E = euro;
  let node = spot * Math.pow(d, n);
  for (let j = 0; j <= n; j++) {
    const v = sign * (node - strike);
    const w = v > 0 ? v : 0;
    A[j] = w;
    E[j] = w;
    node *= ratio;
  }
  let low = spot * Math.pow(d, n - 1);
  const invD = 1 / d;
  for (let i = n - 1; i >= 0; i--) {
    node = low;
    let a0 = A[0]!;
    let e0 = E[0]!;
    for (let j = 0; j <= i; j++) {
      const a1 = A[j + 1]!;
      const e1 = E[j + 1]!;
      const hold = pu * a1 + pd * a0;
      const ex = sign * (node - strike);
      A[j] = hold > ex ? hold : ex;
      E[j] = pu * e1 + pd * e0;
      a0 = a1;
      e0 = e1;
      node *= ratio;
    }
    low *= invD;
  }
  const price = A[0]! - E[0]! + euroPrice;
  // The American price is at least the European price and at least immediate exercise.
  return Math.max(price, euroPrice, intrinsic, 0);
}

/**
 * The previous production pricer, kept as an independent reference for tests and benchmarks:
 * Richardson extrapolation n₂·P(n₂) − n₁·P(n₁) over n₂ − n₁ of two control-variate LR trees
 * (about 2.6e-4 of the price at worst with 75/151 steps).
 */
export function americanTreePriceRaw(
  isCall: boolean,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
  fineSteps = DEFAULT_STEPS,
  coarseSteps = COARSE_STEPS,
): number {
  const fine = americanTreePrice(isCall, spot, strike, years, rate, dividendYield, vol, fineSteps);
  if (!(years > 0 && vol > 0) || earlyExerciseWorthless(isCall, rate, dividendYield) || fine !== fine) return fine;
  const coarse = americanTreePrice(isCall, spot, strike, years, rate, dividendYield, vol, coarseSteps);
  const euroPrice = bs[PRICE]!; // left by the last tree call, same inputs
  const p = (fineSteps * fine - coarseSteps * coarse) / (fineSteps - coarseSteps);
  return Math.max(p, euroPrice, isCall ? spot - strike : strike - spot, 0);
}

/**
 * American price from positional inputs (units as in `americanPrice`): the Andersen-Lake-Offengelder
 * boundary method ({@link aloPutPrice}; a call is the put with spot and strike, rate and yield
 * swapped — McDonald-Schroder symmetry). Early exercise that never pays gives the European price
 * exactly; negative-rate cases with a possible double boundary fall back to the LR trees.
 */
export function americanPriceRaw(
  isCall: boolean,
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
  scheme: AloScheme = ALO_FAST,
): number {
  if (!validContract(spot, strike, years, rate, dividendYield) || !(vol >= 0)) return NaN;
  const euroPrice = blackScholesInto(bs, isCall, spot, strike, years, rate, dividendYield, vol)[PRICE]!;
  if (years <= 0 || earlyExerciseWorthless(isCall, rate, dividendYield)) return euroPrice;
  const intrinsic = isCall ? spot - strike : strike - spot;
  if (vol === 0 || vol === Infinity) return Math.max(euroPrice, intrinsic, 0);
  const pRate = isCall ? dividendYield : rate; // the put's rate after the symmetry
  if (!(pRate > 0)) return americanTreePriceRaw(isCall, spot, strike, years, rate, dividendYield, vol);
  const p = isCall ? aloPutPrice(strike, spot, years, dividendYield, rate, vol, scheme) : aloPutPrice(spot, strike, years, rate, dividendYield, vol, scheme);
  return Math.max(p, euroPrice, intrinsic, 0);
}
