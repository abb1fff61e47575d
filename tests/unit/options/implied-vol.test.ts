import { describe, expect, it } from 'vitest';
import { blackScholes, impliedVol, normalisedBlackCall, normalisedImpliedVol, type OptionType } from '../../../src/core/options/index.js';

const S = 100;

describe("European implied volatility (Let's Be Rational-type solver, Jäckel 2015)", () => {
  it('round-trips a grid: expiries 1 hour..2 years, moneyness 0.3..3, vol 1%..500%, calls and puts, to 1e-10 relative', () => {
    // Skipped, documented: (a) prices below 1e-7 of spot, (b) vega-limited cases where one rounding
    // of the price (2.2e-16·price) moves the vol by more than 1e-11 relative — deep ITM / tiny vol
    // contracts whose time value is lost in the last bits of the price. Neither carries the vol.
    const years = [1 / 8760, 1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2];
    const moneyness = [0.3, 0.5, 0.7, 0.9, 0.97, 1, 1.03, 1.1, 1.5, 2, 3];
    const vols = [0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5];
    let checked = 0,
      worst = 0;
    for (const T of years)
      for (const m of moneyness)
        for (const vol of vols)
          for (const type of ['call', 'put'] as OptionType[]) {
            const c = { type, spot: S, strike: S * m, years: T, rate: 0.05, dividendYield: 0.02 };
            const g = blackScholes({ ...c, vol });
            if (g.price < 1e-7 * S || 2.2e-16 * g.price > 1e-11 * vol * g.vega) continue;
            const iv = impliedVol({ ...c, price: g.price });
            worst = Math.max(worst, Math.abs(iv - vol) / vol);
            checked++;
          }
    expect(checked).toBeGreaterThan(800);
    expect(worst).toBeLessThan(1e-10);
  });

  it('recovers vol from a 1-hour at-the-money option and from a price of 1e-7 of spot', () => {
    const hour = { type: 'call' as const, spot: S, strike: S, years: 1 / 8760, rate: 0.05, dividendYield: 0 };
    const p = blackScholes({ ...hour, vol: 0.37 }).price;
    expect(Math.abs(impliedVol({ ...hour, price: p }) - 0.37)).toBeLessThan(1e-12);
    const far = { type: 'call' as const, spot: S, strike: 180, years: 0.2, rate: 0.01, dividendYield: 0 };
    const vol = 0.2845; // price ≈ 1e-7·S
    const tiny = blackScholes({ ...far, vol }).price;
    expect(tiny).toBeGreaterThan(1e-6);
    expect(tiny).toBeLessThan(1e-4);
    expect(Math.abs(impliedVol({ ...far, price: tiny }) - vol) / vol).toBeLessThan(1e-12);
  });

  it('deep ITM with time value a millionth of the price still gives the vol to 1e-10', () => {
    const c = { type: 'put' as const, spot: S, strike: 130, years: 0.1, rate: 0, dividendYield: 0 };
    const vol = 0.2;
    const p = blackScholes({ ...c, vol }).price;
    const tv = p - 30;
    expect(tv / p).toBeGreaterThan(1e-7);
    expect(tv / p).toBeLessThan(1e-5);
    expect(Math.abs(impliedVol({ ...c, price: p }) - vol) / vol).toBeLessThan(1e-10);
  });

  it('normalised solver inverts b(x, s) to full precision, 500 % vol and vanishing prices included', () => {
    for (const x of [-8, -1, -0.01, 0, 0.5, 3])
      for (const s of [1e-3, 0.05, 0.4, 1, 3, 7]) {
        const b = normalisedBlackCall(x, s);
        if (b - Math.max(2 * Math.sinh(x / 2), 0) < 1e-280 || 1.1e-16 * b > 1e-12 * s * Math.exp(-0.5 * ((x / s) ** 2 + (s / 2) ** 2)) * 0.4) continue;
        expect(Math.abs(normalisedImpliedVol(b, x, true) - s) / s).toBeLessThan(1e-13);
      }
  });

  it('prices outside the no-arbitrage bounds give NaN; the discounted-intrinsic bound gives 0', () => {
    const c = { spot: S, strike: 90, years: 1, rate: 0.05, dividendYield: 0.02 };
    const lower = S * Math.exp(-0.02) - 90 * Math.exp(-0.05); // 10.41
    expect(impliedVol({ ...c, type: 'call', price: lower - 1e-6 })).toBeNaN();
    expect(impliedVol({ ...c, type: 'call', price: S * Math.exp(-0.02) })).toBeNaN();
    expect(impliedVol({ ...c, type: 'put', price: 90 * Math.exp(-0.05) + 1e-9 })).toBeNaN();
    expect(impliedVol({ ...c, type: 'call', price: -1 })).toBeNaN();
    expect(impliedVol({ ...c, type: 'call', price: lower })).toBeLessThan(1e-6);
  });

  it('accepts a price below undiscounted intrinsic but above the discounted bound (it has a vol)', () => {
    // S − K = 10 but S·e^{−qT} − K·e^{−rT} ≈ 5.52 with q = 6 %, r = 1 %, T = 1
    const c = { type: 'call' as const, spot: S, strike: 90, years: 1, rate: 0.01, dividendYield: 0.06 };
    const vol = impliedVol({ ...c, price: 9.5 });
    expect(vol).toBeGreaterThan(0);
    expect(blackScholes({ ...c, vol }).price).toBeCloseTo(9.5, 10);
  });

  it('invalid inputs give NaN, never a fallback number', () => {
    const c = { type: 'call' as const, spot: S, strike: 100, years: 1, rate: 0.05, dividendYield: 0, price: 10 };
    expect(impliedVol({ ...c, spot: -5 })).toBeNaN();
    expect(impliedVol({ ...c, years: 0 })).toBeNaN();
    expect(impliedVol({ ...c, price: NaN })).toBeNaN();
    expect(impliedVol({ ...c, style: 'bermudan' as never })).toBeNaN();
  });
});
