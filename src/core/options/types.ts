/** Option right: the one definition every layer uses (market's zod enum is built from OPTION_TYPES). */
export const OPTION_TYPES = ['call', 'put'] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

/** Exercise style. US single-stock options are American. */
export type ExerciseStyle = 'european' | 'american';

/**
 * Market and contract inputs shared by every model.
 * - `spot`, `strike`: prices in the same currency (> 0).
 * - `years`: time to expiry in years of calendar time (calendar days / 365).
 * - `rate`, `dividendYield`: annual decimals, continuously compounded (0.05 = 5 %).
 */
export interface OptionContract {
  type: OptionType;
  spot: number;
  strike: number;
  years: number;
  rate: number;
  dividendYield: number;
}

/** Inputs of a pricing call: the contract plus `vol`, the annual volatility as a decimal (0.2 = 20 %). */
export interface PricingInput extends OptionContract {
  vol: number;
}

/**
 * Price and raw sensitivities, all in currency units per unit of the bumped variable:
 * - `delta` ∂V/∂S, `gamma` ∂²V/∂S² (per currency unit of spot),
 * - `vega` ∂V/∂σ per 1.00 of vol (divide by 100 for "per vol point"),
 * - `theta` dV/dt per year of calendar time as time passes (divide by 365 for per day),
 * - `rho` ∂V/∂r per 1.00 of rate (divide by 100 for "per 1 %").
 */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Inputs of an implied-volatility solve: the contract, the option's `price`, and its exercise style (default european). */
export interface ImpliedVolInput extends OptionContract {
  price: number;
  style?: ExerciseStyle;
}

export const NAN_GREEKS: Readonly<Greeks> = Object.freeze({ price: NaN, delta: NaN, gamma: NaN, vega: NaN, theta: NaN, rho: NaN });

/** True when the contract inputs are usable: positive finite spot and strike, finite years, rate and dividend yield. */
export function validContract(spot: number, strike: number, years: number, rate: number, dividendYield: number): boolean {
  return spot > 0 && spot < Infinity && strike > 0 && strike < Infinity && Number.isFinite(years) && Number.isFinite(rate) && Number.isFinite(dividendYield);
}
