/**
 * Dollar Greeks of holdings, American model. Units, per holding (signed by side and size):
 * - delta$: P&L of a 1.00 move in the underlying's price times the price (= shares-equivalent × spot);
 * - gamma$: change of delta$ for a 1 % move of the underlying (Γ·S²/100 per share);
 * - vega$: P&L per 1 vol point (0.01) of implied vol;
 * - theta$: P&L of one calendar day passing, spot and vol unchanged.
 * Option sensitivities come from the options core's americanGreeks (derived from the American
 * early-exercise boundary solution, not from the European formula), so early exercise shows up in
 * delta and theta of deep puts.
 */
import { americanGreeks } from '../options/index.js';
import type { Holding, OptionHolding } from './reprice.js';

export interface DollarGreeks {
  /** Per-share delta (1 for long stock as a unit of shares, −1 short; the option's ∂V/∂S otherwise). */
  delta: number;
  deltaDollars: number;
  gammaDollars: number;
  vegaDollars: number;
  thetaDollars: number;
}

/** Raw per-share American Greeks from the options core: delta ∂V/∂S, gamma ∂²V/∂S², vega per 1.00 vol, theta per calendar day. */
export function optionGreeks(h: OptionHolding): { price: number; delta: number; gamma: number; vega: number; thetaPerDay: number } {
  const g = americanGreeks({ type: h.type, spot: h.spot, strike: h.strike, years: h.years, rate: h.rate, dividendYield: h.dividendYield, vol: h.vol });
  return { price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, thetaPerDay: g.theta / 365 };
}

export function dollarGreeks(h: Holding): DollarGreeks {
  if (h.kind === 'stock') return { delta: Math.sign(h.units), deltaDollars: h.units * h.spot, gammaDollars: 0, vegaDollars: 0, thetaDollars: 0 };
  const g = optionGreeks(h);
  return {
    delta: g.delta,
    deltaDollars: h.units * g.delta * h.spot,
    gammaDollars: (h.units * g.gamma * h.spot * h.spot) / 100,
    vegaDollars: (h.units * g.vega) / 100,
    thetaDollars: h.units * g.thetaPerDay,
  };
}

export function sumGreeks(list: readonly DollarGreeks[]): Omit<DollarGreeks, 'delta'> {
  const out = { deltaDollars: 0, gammaDollars: 0, vegaDollars: 0, thetaDollars: 0 };
  for (const g of list) {
    out.deltaDollars += g.deltaDollars;
    out.gammaDollars += g.gammaDollars;
    out.vegaDollars += g.vegaDollars;
    out.thetaDollars += g.thetaDollars;
  }
  return out;
}
