import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { blackScholes, expectedMove, normalisedBlackCall, normCdf, normPdf, probabilityAbove, type PricingInput } from '../../../src/core/options/index.js';

const base = (o: Partial<PricingInput>): PricingInput => ({
  type: 'call',
  spot: 100,
  strike: 100,
  years: 0.5,
  rate: 0.05,
  dividendYield: 0.02,
  vol: 0.3,
  ...o,
});
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('normal distribution (Cody erfc)', () => {
  // Reference values: mpmath 1.3 ncdf at 40 digits.
  const cases: [number, number][] = [
    [-37, 5.7255712225245768227e-300],
    [-20, 2.7536241186062336951e-89],
    [-8, 6.2209605742717841235e-16],
    [-3, 0.0013498980316300945267],
    [-1, 0.15865525393145705141],
    [0.5, 0.69146246127401310364],
    [2, 0.9772498680518207928],
    [6, 0.99999999901341235496],
  ];
  it.each(cases)('normCdf(%d) matches mpmath to 1e-14 relative, including the far tail', (x, ref) => {
    expect(rel(normCdf(x), ref)).toBeLessThan(1e-14);
  });
  it('normPdf is the standard density and normCdf is symmetric', () => {
    expect(rel(normPdf(1), 0.24197072451914336999)).toBeLessThan(1e-15);
    for (const x of [0.1, 0.7, 1.9, 4.2]) expect(Math.abs(normCdf(x) + normCdf(-x) - 1)).toBeLessThan(2e-16);
  });
});

describe('blackScholes textbook values', () => {
  it('Hull Example 15.6: S=42, K=40, r=10%, σ=20%, T=0.5 → call 4.76, put 0.81', () => {
    const c = blackScholes({ type: 'call', spot: 42, strike: 40, years: 0.5, rate: 0.1, dividendYield: 0, vol: 0.2 });
    const p = blackScholes({ type: 'put', spot: 42, strike: 40, years: 0.5, rate: 0.1, dividendYield: 0, vol: 0.2 });
    expect(c.price).toBeCloseTo(4.76, 2);
    expect(p.price).toBeCloseTo(0.81, 2);
  });
  it('Hull ch.19 Greeks (S=49, K=50, r=5%, σ=20%, T=0.3846): delta 0.522, gamma 0.066, theta −4.31/yr, vega 12.1, rho 8.91', () => {
    const g = blackScholes({ type: 'call', spot: 49, strike: 50, years: 0.3846, rate: 0.05, dividendYield: 0, vol: 0.2 });
    expect(g.price).toBeCloseTo(2.4, 2);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.theta).toBeCloseTo(-4.31, 2);
    expect(g.vega).toBeCloseTo(12.1, 1);
    expect(g.rho).toBeCloseTo(8.91, 2);
  });
  it('Haug, Complete Guide (2007) §1.1.6 generalized BSM: S=75, K=70, T=0.5, r=10%, b=5% (q=5%), σ=35% → put 4.0870', () => {
    const p = blackScholes({ type: 'put', spot: 75, strike: 70, years: 0.5, rate: 0.1, dividendYield: 0.05, vol: 0.35 });
    expect(p.price).toBeCloseTo(4.087, 4);
  });
  // mpmath (40 digits) prices of tail contracts: 1-day expiries, strikes 0.3x-3x, vol up to 250 %.
  const tails: [Partial<PricingInput>, number][] = [
    [{ type: 'call', strike: 300, years: 1 / 365, rate: 0.05, dividendYield: 0, vol: 2.5 }, 6.1334448925071720661e-17],
    [{ type: 'call', strike: 130, years: 1 / 365, rate: 0.05, dividendYield: 0, vol: 0.5 }, 1.8241317212300757464e-24],
    [{ type: 'put', strike: 30, years: 1 / 365, rate: 0.05, dividendYield: 0, vol: 2.5 }, 1.3374356770049147445e-20],
    [{ type: 'call', strike: 160, years: 30 / 365, rate: 0.03, dividendYield: 0.01, vol: 0.3 }, 4.8453535823980254668e-8],
    [{ type: 'call', strike: 101, years: 1 / 8760, rate: 0.05, dividendYield: 0, vol: 0.2 }, 6.9450233172797605214e-8],
  ];
  it.each(tails)('tail price %o matches mpmath to 1e-12 relative (no cancellation garbage)', (o, ref) => {
    expect(rel(blackScholes(base(o)).price, ref)).toBeLessThan(1e-12);
  });
  it('far tails underflow to exactly 0 with finite Greeks, never negative or NaN', () => {
    const g = blackScholes(base({ strike: 300, years: 1 / 365, vol: 0.05 }));
    expect(g).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
    const p = blackScholes(base({ type: 'put', strike: 30, years: 1 / 365, vol: 0.05 }));
    expect(p.price).toBe(0);
    expect(Object.values(p).every(Number.isFinite)).toBe(true);
  });
});

describe('blackScholes invariants', () => {
  const grid: PricingInput[] = [];
  for (const strike of [30, 70, 95, 100, 110, 150, 300])
    for (const years of [1 / 365, 0.1, 1, 2]) for (const vol of [0.05, 0.3, 1, 2.5]) grid.push(base({ strike, years, vol }));
  it('put-call parity C − P = S·e^{−qT} − K·e^{−rT} to 1e-12·S over a grid', () => {
    for (const g of grid) {
      const c = blackScholes(g).price;
      const p = blackScholes({ ...g, type: 'put' }).price;
      const fwd = g.spot * Math.exp(-g.dividendYield * g.years) - g.strike * Math.exp(-g.rate * g.years);
      expect(Math.abs(c - p - fwd)).toBeLessThan(1e-12 * g.spot);
    }
  });
  it('analytical Greeks equal central finite differences (relative 1e-5 or absolute 1e-8)', () => {
    const fd = (f: (h: number) => number, h: number) => (f(h) - f(-h)) / (2 * h);
    for (const type of ['call', 'put'] as const)
      for (const o of [base({ type }), base({ type, strike: 120, vol: 0.6, years: 1.5 }), base({ type, strike: 80, years: 0.05 })]) {
        const g = blackScholes(o);
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.abs(b) + 1e-8);
        close(
          g.delta,
          fd((h) => blackScholes({ ...o, spot: o.spot + h }).price, 1e-3),
        );
        close(
          g.gamma,
          fd((h) => blackScholes({ ...o, spot: o.spot + h }).delta, 1e-3),
        );
        close(
          g.vega,
          fd((h) => blackScholes({ ...o, vol: o.vol + h }).price, 1e-5),
        );
        close(
          g.rho,
          fd((h) => blackScholes({ ...o, rate: o.rate + h }).price, 1e-5),
        );
        close(g.theta, -fd((h) => blackScholes({ ...o, years: o.years + h }).price, 1e-6));
      }
  });
  it('price increases with vol (vega > 0)', () => {
    let prev = 0;
    for (const vol of [0.05, 0.1, 0.2, 0.5, 1, 2]) {
      const p = blackScholes(base({ strike: 110, vol })).price;
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
  });
});

describe('blackScholes edge cases', () => {
  it('expired (years <= 0): intrinsic value, exercise-indicator delta, zero gamma/vega/theta/rho', () => {
    expect(blackScholes(base({ years: 0, strike: 90 }))).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 });
    expect(blackScholes(base({ type: 'put', years: -1, strike: 90 })).price).toBe(0);
  });
  it('zero vol: discounted forward intrinsic with its exact theta and rho', () => {
    const g = blackScholes(base({ vol: 0, strike: 90, years: 1 }));
    const sq = 100 * Math.exp(-0.02),
      kr = 90 * Math.exp(-0.05);
    expect(g.price).toBeCloseTo(sq - kr, 12);
    expect(g.rho).toBeCloseTo(kr, 12);
    expect(g.theta).toBeCloseTo(0.02 * sq - 0.05 * kr, 12);
    expect(g.gamma).toBe(0);
  });
  it('invalid input (negative spot, zero strike, NaN vol, unknown type) gives NaN in every field', () => {
    for (const o of [base({ spot: -1 }), base({ strike: 0 }), base({ vol: NaN }), base({ rate: Infinity }), { ...base({}), type: 'straddle' as never }]) {
      expect(Object.values(blackScholes(o)).every(Number.isNaN)).toBe(true);
    }
  });
});

describe('textbook form vs normalised Black (Jäckel), the fast path against the cancellation-free one', () => {
  // What is left (~1e-13) is the rounding of ln(F/K) amplified by the exponent h²/2 of the far tail, in either form.
  it('prices above 1e-12 of spot agree to 3e-13 relative across moneyness 0.3-3x, 1 day to 2 years, vol 5-250 %, with dividends', () => {
    let worst = 0;
    for (const type of ['call', 'put'] as const)
      for (const strike of [30, 60, 80, 90, 97, 100, 103, 110, 125, 150, 200, 300]) {
        for (const years of [1 / 365, 7 / 365, 0.1, 0.5, 2])
          for (const vol of [0.05, 0.2, 0.6, 1.2, 2.5]) {
            const o = base({ type, strike, years, vol });
            const price = blackScholes(o).price;
            const sq = o.spot * Math.exp(-o.dividendYield * years),
              kr = strike * Math.exp(-o.rate * years);
            const ref = Math.sqrt(sq * kr) * normalisedBlackCall((type === 'call' ? 1 : -1) * Math.log(sq / kr), vol * Math.sqrt(years));
            if (ref > 1e-10) worst = Math.max(worst, rel(price, ref));
          }
      }
    expect(worst).toBeLessThan(3e-13);
  });
});

describe('helpers', () => {
  it('probabilityAbove is N(d2) at the level and expectedMove is S·σ·√T', () => {
    // Hull ch.19 inputs: d1 = 0.0542 (N(d1) = 0.522 is the delta), d2 = d1 − 0.2·√0.3846 = −0.0698 → N(d2) = 0.4722
    const p = probabilityAbove({ spot: 49, level: 50, years: 0.3846, rate: 0.05, dividendYield: 0, vol: 0.2 });
    expect(p).toBeCloseTo(0.4722, 3);
    expect(probabilityAbove({ spot: 100, level: 1e-9, years: 1, rate: 0, dividendYield: 0, vol: 0.3 })).toBeCloseTo(1, 12);
    expect(expectedMove(100, 0.4, 0.25)).toBeCloseTo(20, 12);
  });
});

describe('cross-check with @uqee/black-scholes (double-precision CDF, no dividends)', () => {
  const require = createRequire(import.meta.url);
  const { BlackScholes } = require('@uqee/black-scholes') as { BlackScholes: new (a?: object) => { option(a: object): Record<string, number> } };
  const peer = new BlackScholes({ sigmaToPricePrecision: 'double' });
  it('prices, delta, gamma, vega and rho agree to 1e-9 relative (their theta has the opposite sign convention)', () => {
    for (const type of ['call', 'put'] as const)
      for (const strike of [80, 100, 125]) {
        const ours = blackScholes({ type, spot: 100, strike, years: 0.5, rate: 0.1, dividendYield: 0, vol: 0.8 });
        const theirs = peer.option({ rate: 0.1, sigma: 0.8, strike, time: 0.5, type, underlying: 100 });
        for (const k of ['price', 'delta', 'gamma', 'vega'] as const) expect(rel(ours[k], theirs[k]!)).toBeLessThan(1e-9);
        if (type === 'call') expect(rel(ours.rho, theirs.rho!)).toBeLessThan(1e-9);
      }
  });
});
