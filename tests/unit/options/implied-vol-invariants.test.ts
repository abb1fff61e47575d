import { describe, expect, it } from 'vitest';
import { blackScholes, impliedVol, type OptionType } from '../../../src/core/options/index.js';
import { mulberry32 } from '../../../src/core/random.js';

// Invariants of the European implied-vol solver over a wide random grid: strikes 0.2..5 × spot,
// expiries 1 hour..5 years, vols 2 %..400 %, rates −1..8 %, dividend yields 0..6 %. Skipped: prices
// below 1e-12 of spot and vega-limited prices, where one rounding of the price (2.2e-16·price) moves
// the vol by more than 1e-14 relative — the roundings in ln(F/K) and the discounting then add up to
// ~1e-12 in deep ITM contracts whose time value sits in the price's last digits (the previous solver
// and an exact inversion of the rounded price err alike there).
const S = 50;
function contracts(n: number, seed: number) {
  const rnd = mulberry32(seed);
  const logUniform = (lo: number, hi: number) => lo * (hi / lo) ** rnd();
  return Array.from({ length: n }, () => ({
    spot: S,
    strike: S * logUniform(0.2, 5),
    years: logUniform(1 / 8760, 5),
    rate: -0.01 + 0.09 * rnd(),
    dividendYield: 0.06 * rnd(),
    vol: logUniform(0.02, 4),
  }));
}
const recoverable = (price: number, vol: number, vega: number) => price >= 1e-12 * S && 2.2e-16 * price <= 1e-14 * vol * vega;

describe('European implied volatility: invariants over a wide grid', () => {
  it('price → IV → price round-trips calls and puts, deep OTM and 1-hour expiries included, to 1e-12', () => {
    let checked = 0,
      deepOtm = 0,
      worstVol = 0,
      worstPrice = 0;
    for (const c of contracts(4000, 17))
      for (const type of ['call', 'put'] as OptionType[]) {
        const g = blackScholes({ ...c, type });
        if (!recoverable(g.price, c.vol, g.vega)) continue;
        const iv = impliedVol({ ...c, type, price: g.price });
        const back = blackScholes({ ...c, type, vol: iv }).price;
        worstVol = Math.max(worstVol, Math.abs(iv - c.vol) / c.vol);
        worstPrice = Math.max(worstPrice, Math.abs(back - g.price) / g.price);
        checked++;
        if (g.price < 1e-4 * S) deepOtm++;
      }
    expect(checked).toBeGreaterThan(2000);
    expect(deepOtm).toBeGreaterThan(300);
    expect(worstVol).toBeLessThan(1e-12);
    expect(worstPrice).toBeLessThan(1e-12);
  });

  it('a put priced by put-call parity from the call has the call’s implied vol', () => {
    // P = C − S·e^{−qT} + K·e^{−rT}: the put price is built from the call alone, not from our put formula.
    let checked = 0,
      worst = 0;
    for (const c of contracts(8000, 29)) {
      const call = blackScholes({ ...c, type: 'call' });
      const put = call.price - c.spot * Math.exp(-c.dividendYield * c.years) + c.strike * Math.exp(-c.rate * c.years);
      // Parity subtracts numbers near S and K: the put carries their rounding, ~2.2e-16·(C + S + K).
      const noise = 2.2e-16 * (call.price + c.spot + c.strike);
      if (!recoverable(call.price, c.vol, call.vega) || put < 1e-12 * S || noise > 1e-14 * c.vol * call.vega) continue;
      const ivCall = impliedVol({ ...c, type: 'call', price: call.price });
      const ivPut = impliedVol({ ...c, type: 'put', price: put });
      worst = Math.max(worst, Math.abs(ivPut - c.vol) / c.vol, Math.abs(ivCall - ivPut) / c.vol);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-12);
  });

  it('implied vol rises with the price: a price a hair higher never gives a lower vol', () => {
    for (const c of contracts(500, 41)) {
      const g = blackScholes({ ...c, type: 'call' });
      if (!recoverable(g.price, c.vol, g.vega)) continue;
      const up = impliedVol({ ...c, type: 'call', price: g.price * (1 + 1e-9) });
      expect(up).toBeGreaterThan(impliedVol({ ...c, type: 'call', price: g.price }));
    }
  });
});
