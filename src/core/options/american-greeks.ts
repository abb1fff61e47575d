/**
 * American Greeks by central finite differences on the Andersen-Lake-Offengelder price
 * ({@link americanPriceRaw}), which is smooth in every input (no tree oscillation), so the bumps are
 * small and the differences clean. Units as for European Greeks: vega per 1.00 vol, theta per year of
 * calendar time (dV/dt as time passes), rho per 1.00 rate.
 */

import { americanPriceRaw } from './american.js';
import { NAN_GREEKS, type Greeks, type PricingInput } from './types.js';

/** American price; see {@link americanPriceRaw}. Invalid inputs give NaN. */
export function americanPrice(input: PricingInput): number {
  const { type, spot, strike, years, rate, dividendYield, vol } = input;
  if (type !== 'call' && type !== 'put') return NaN;
  return americanPriceRaw(type === 'call', spot, strike, years, rate, dividendYield, vol);
}

/**
 * Price and Greeks of the American option. Bumps: spot ±0.5 %, vol ±0.5 vol points (relative 1 % when
 * smaller), rate ±10 bp, time one calendar day (one-sided when less than two days remain).
 */
export function americanGreeks(input: PricingInput): Greeks {
  const { type, spot, strike, years, rate, dividendYield: q, vol } = input;
  if (type !== 'call' && type !== 'put') return { ...NAN_GREEKS };
  const c = type === 'call';
  const price = americanPriceRaw(c, spot, strike, years, rate, q, vol);
  if (price !== price) return { ...NAN_GREEKS };
  if (!(years > 0) || !(vol > 0)) {
    const m = c ? spot - strike : strike - spot;
    return { price, delta: m > 0 ? (c ? 1 : -1) : 0, gamma: 0, vega: 0, theta: 0, rho: 0 };
  }
  const hs = spot * 0.005;
  const up = americanPriceRaw(c, spot + hs, strike, years, rate, q, vol);
  const dn = americanPriceRaw(c, spot - hs, strike, years, rate, q, vol);
  const hv = Math.min(0.005, vol * 0.01);
  const vu = americanPriceRaw(c, spot, strike, years, rate, q, vol + hv);
  const vd = americanPriceRaw(c, spot, strike, years, rate, q, vol - hv);
  const hr = 0.001;
  const ru = americanPriceRaw(c, spot, strike, years, rate + hr, q, vol);
  const rd = americanPriceRaw(c, spot, strike, years, rate - hr, q, vol);
  const ht = 1 / 365;
  let theta: number;
  if (years > 2 * ht) {
    theta = (americanPriceRaw(c, spot, strike, years - ht, rate, q, vol) - americanPriceRaw(c, spot, strike, years + ht, rate, q, vol)) / (2 * ht);
  } else {
    const h = years / 2;
    theta = (americanPriceRaw(c, spot, strike, years - h, rate, q, vol) - price) / h;
  }
  return {
    price,
    delta: (up - dn) / (2 * hs),
    gamma: (up - 2 * price + dn) / (hs * hs),
    vega: (vu - vd) / (2 * hv),
    theta,
    rho: (ru - rd) / (2 * hr),
  };
}
