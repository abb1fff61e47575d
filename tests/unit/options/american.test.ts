import { describe, expect, it } from 'vitest';
import {
  ALO_PRECISE,
  americanGreeks,
  americanPrice,
  americanPriceRaw,
  americanTreePriceRaw,
  blackScholes,
  impliedVol,
  type PricingInput,
} from '../../../src/core/options/index.js';

/**
 * Independent reference: Broadie & Detemple (1996) "BBSR" — a Cox-Ross-Rubinstein tree whose last
 * step uses the Black-Scholes value, Richardson-extrapolated 2·P(2n) − P(n). Built here, separately
 * from the production Leisen-Reimer code.
 */
function bbs(c: PricingInput, n: number): number {
  const { spot, strike, years, rate, dividendYield: q, vol } = c;
  const sign = c.type === 'call' ? 1 : -1;
  const dt = years / n;
  const u = Math.exp(vol * Math.sqrt(dt));
  const d = 1 / u;
  const p = (Math.exp((rate - q) * dt) - d) / (u - d);
  const disc = Math.exp(-rate * dt);
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const s = spot * u ** (2 * j - (n - 1));
    const euro = blackScholes({ ...c, spot: s, years: dt }).price;
    v[j] = Math.max(euro, sign * (s - strike));
  }
  const u2 = u * u;
  for (let i = n - 2; i >= 0; i--) {
    let s = spot * u ** -i;
    for (let j = 0; j <= i; j++) {
      v[j] = Math.max(disc * (p * v[j + 1]! + (1 - p) * v[j]!), sign * (s - strike));
      s *= u2;
    }
  }
  return v[0]!;
}
const reference = (c: PricingInput) => 2 * bbs(c, 8000) - bbs(c, 4000);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(b, 0.01);

describe('americanPrice (Andersen-Lake-Offengelder)', () => {
  it('Hull Example 21.1 (S=50, K=50, r=10 %, σ=40 %, T=5 months put): converges to about 4.28', () => {
    // Hull, Options, Futures and Other Derivatives: the tree value approaches 4.28 as steps increase.
    const p = americanPrice({ type: 'put', spot: 50, strike: 50, years: 5 / 12, rate: 0.1, dividendYield: 0, vol: 0.4 });
    expect(p).toBeCloseTo(4.28, 2);
  });

  const grid: PricingInput[] = [];
  for (const vol of [0.1, 0.3, 0.6, 1])
    for (const years of [0.25, 1, 2])
      for (const strike of [90, 100, 110]) {
        grid.push({ type: 'put', spot: 100, strike, years, rate: 0.05, dividendYield: 0.02, vol });
        grid.push({ type: 'call', spot: 100, strike, years, rate: 0.03, dividendYield: 0.06, vol });
      }
  // BBSR at 8000/4000 steps is itself good to ~1e-5 (its own convergence), so 4e-5 here is the reference's
  // limit; the production scheme against the converged one (next test) shows the method's own error.
  it('matches the independent BBSR reference within 4e-5 of price, vol 10-100 %, T up to 2 years, with dividends', { timeout: 60_000 }, () => {
    const errors = grid.filter((_, i) => i % 4 === 0).map((c) => rel(americanPrice(c), reference(c)));
    expect(Math.max(...errors)).toBeLessThan(4e-5);
  });

  it('production scheme within 3e-5 of the converged scheme on 216 contracts (the previous LR trees: up to 1e-3)', () => {
    let alo = 0,
      tree = 0;
    for (const c of grid)
      for (const spot of [85, 100, 115]) {
        const call = c.type === 'call';
        const precise = americanPriceRaw(call, spot, c.strike, c.years, c.rate, c.dividendYield, c.vol, ALO_PRECISE);
        alo = Math.max(alo, rel(americanPriceRaw(call, spot, c.strike, c.years, c.rate, c.dividendYield, c.vol), precise));
        tree = Math.max(tree, rel(americanTreePriceRaw(call, spot, c.strike, c.years, c.rate, c.dividendYield, c.vol), precise));
      }
    expect(alo).toBeLessThan(3e-5);
    expect(tree).toBeLessThan(1e-3);
    expect(tree).toBeGreaterThan(10 * alo);
  });

  // The early exit after one Newton step (when that step moved ln B by under ~1.4e-4) left short expiries
  // up to 2.5e-5 off; every solve now takes both steps. Grid: a day to 0.05 years, vol 5-200 %, rates
  // from r ≫ q through r ≈ q to q ≫ r, strikes 0.5-2× spot.
  it('short expiries: production scheme within 3e-6 of the converged scheme on 2,240 contracts', () => {
    let worst = 0;
    for (const call of [false, true])
      for (const years of [1 / 365, 3 / 365, 7 / 365, 0.05])
        for (const vol of [0.05, 0.15, 0.4, 1, 2])
          for (const [rate, q] of [
            [0.05, 0],
            [0.05, 0.01],
            [0.0183, 0.01],
            [0.02, 0.0199],
            [0.01, 0.05],
            [0.001, 0.03],
            [0.045, 0.044],
            [0.1, 0.02],
          ] as const)
            for (const strike of [50, 80, 95, 100, 105, 120, 200]) {
              const precise = americanPriceRaw(call, 100, strike, years, rate, q, vol, ALO_PRECISE);
              worst = Math.max(worst, rel(americanPriceRaw(call, 100, strike, years, rate, q, vol), precise));
            }
    expect(worst).toBeLessThan(3e-6);
  });

  // Short expiries with the put's rate just above its yield: the FP-B step used to stop contracting at the
  // shortest-τ nodes here (and fall back to 30 FP-A steps); the Jacobi-Newton step now converges.
  it.each([
    { type: 'put' as const, spot: 100, strike: 73.5, years: 0.1, rate: 0.0183, dividendYield: 0.01, vol: 0.39 },
    { type: 'put' as const, spot: 100, strike: 91.2, years: 0.058, rate: 0.0119, dividendYield: 0.01, vol: 0.14 },
    { type: 'call' as const, spot: 100, strike: 83.6, years: 0.024, rate: 0.0047, dividendYield: 0.03, vol: 0.67 },
    { type: 'call' as const, spot: 100, strike: 103.6, years: 0.021, rate: 0.0245, dividendYield: 0.03, vol: 0.45 },
  ])('short expiry, rate near yield: $type K=$strike T=$years matches BBSR within 4e-5', { timeout: 60_000 }, (c) => {
    expect(rel(americanPrice(c), reference(c))).toBeLessThan(4e-5);
  });

  it('stays finite and above European and intrinsic value across 1-hour to 3-year expiries, vol 1 %-500 %, strikes 0.3x-3x', () => {
    for (const type of ['call', 'put'] as const)
      for (const vol of [0.01, 0.2, 1, 5])
        for (const years of [1 / (365 * 24), 0.05, 1, 3])
          for (const strike of [30, 100, 300]) {
            const c = { type, spot: 100, strike, years, rate: 0.05, dividendYield: 0.03, vol };
            const p = americanPrice(c);
            expect(Number.isFinite(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(blackScholes(c).price * (1 - 1e-12));
            expect(p).toBeGreaterThanOrEqual(Math.max(type === 'call' ? 100 - strike : strike - 100, 0));
          }
  });

  it('invalid inputs give NaN; negative rates fall back to the trees', () => {
    expect(americanPrice({ type: 'put', spot: -1, strike: 100, years: 1, rate: 0.05, dividendYield: 0, vol: 0.2 })).toBeNaN();
    expect(americanPrice({ type: 'put', spot: 100, strike: 100, years: 1, rate: 0.05, dividendYield: 0, vol: NaN })).toBeNaN();
    const neg = { type: 'put' as const, spot: 100, strike: 100, years: 1, rate: -0.01, dividendYield: -0.02, vol: 0.3 };
    expect(americanPrice(neg)).toBeCloseTo(americanTreePriceRaw(false, 100, 100, 1, -0.01, -0.02, 0.3), 10);
  });

  it('American >= European, and an American call without dividends equals the European price exactly', () => {
    for (const c of grid) expect(americanPrice(c)).toBeGreaterThanOrEqual(blackScholes(c).price);
    const call = { type: 'call' as const, spot: 100, strike: 95, years: 1, rate: 0.05, dividendYield: 0, vol: 0.3 };
    expect(americanPrice(call)).toBe(blackScholes(call).price);
  });

  it('is at least intrinsic and increases with vol', () => {
    let prev = 0;
    for (const vol of [0.05, 0.1, 0.2, 0.4, 0.8]) {
      const p = americanPrice({ type: 'put', spot: 80, strike: 100, years: 1, rate: 0.05, dividendYield: 0, vol });
      expect(p).toBeGreaterThanOrEqual(20);
      expect(p).toBeGreaterThanOrEqual(prev); // flat at intrinsic while exercising now is optimal
      prev = p;
    }
  });

  it('americanGreeks: deep ITM put delta near −1, Greeks near the European ones when early exercise is worthless', () => {
    const deep = americanGreeks({ type: 'put', spot: 60, strike: 100, years: 0.5, rate: 0.05, dividendYield: 0, vol: 0.2 });
    expect(deep.price).toBeCloseTo(40, 6);
    expect(deep.delta).toBeCloseTo(-1, 3);
    const c = { type: 'call' as const, spot: 100, strike: 105, years: 0.5, rate: 0.04, dividendYield: 0, vol: 0.3 };
    const a = americanGreeks(c),
      e = blackScholes(c);
    for (const k of ['delta', 'gamma', 'vega', 'theta', 'rho'] as const) expect(Math.abs(a[k] - e[k])).toBeLessThan(2e-3 * Math.abs(e[k]) + 1e-4);
  });
});

describe('americanGreeks against independent finite differences', () => {
  it.each([
    { type: 'put' as const, spot: 95, strike: 100, years: 0.5, rate: 0.05, dividendYield: 0.01, vol: 0.35 },
    { type: 'call' as const, spot: 105, strike: 100, years: 1, rate: 0.02, dividendYield: 0.06, vol: 0.25 },
  ])('$type: delta, gamma, vega, rho match small-bump differences of the price', (c) => {
    const g = americanGreeks(c);
    const P = (o: Partial<PricingInput>) => americanPrice({ ...c, ...o });
    const h = 1e-3 * c.spot;
    expect(g.delta).toBeCloseTo((P({ spot: c.spot + h }) - P({ spot: c.spot - h })) / (2 * h), 4);
    expect(g.gamma).toBeCloseTo((P({ spot: c.spot + h }) - 2 * g.price + P({ spot: c.spot - h })) / (h * h), 3);
    expect(g.vega).toBeCloseTo((P({ vol: c.vol + 1e-3 }) - P({ vol: c.vol - 1e-3 })) / 2e-3, 2);
    expect(g.rho).toBeCloseTo((P({ rate: c.rate + 1e-4 }) - P({ rate: c.rate - 1e-4 })) / 2e-4, 2);
    expect(g.theta).toBeLessThan(0);
  });
});

describe('impliedVol style american', () => {
  it('recovers vol to 1e-8 on 60 puts and dividend calls (vol 10-100 %, T 1 week-2 years)', () => {
    let worst = 0;
    for (const vol of [0.1, 0.25, 0.5, 1])
      for (const years of [7 / 365, 0.5, 2])
        for (const strike of [85, 100, 115])
          for (const type of ['put', 'call'] as const) {
            const c = { type, spot: 100, strike, years, rate: 0.045, dividendYield: type === 'call' ? 0.04 : 0.01, vol };
            const price = americanPrice(c);
            if (price <= Math.max(type === 'call' ? 100 - strike : strike - 100, 0) + 1e-6) continue; // exercised now: vol not identifiable
            worst = Math.max(worst, Math.abs(impliedVol({ ...c, price, style: 'american' }) - vol));
          }
    expect(worst).toBeLessThan(1e-8);
  });

  it('round-trips American puts and dividend calls to 1e-8', () => {
    for (const c of [
      { type: 'put' as const, spot: 100, strike: 110, years: 0.75, rate: 0.05, dividendYield: 0.01, vol: 0.35 },
      { type: 'put' as const, spot: 100, strike: 90, years: 2, rate: 0.04, dividendYield: 0, vol: 0.8 },
      { type: 'call' as const, spot: 100, strike: 90, years: 1, rate: 0.02, dividendYield: 0.07, vol: 0.2 },
    ]) {
      const price = americanPrice(c);
      expect(Math.abs(impliedVol({ ...c, price, style: 'american' }) - c.vol)).toBeLessThan(1e-8);
    }
  });
  it('NaN below intrinsic max(K−S, 0) or at/above the strike for a put', () => {
    const c = { type: 'put' as const, spot: 100, strike: 110, years: 0.75, rate: 0.05, dividendYield: 0.01 };
    expect(impliedVol({ ...c, price: 9.99, style: 'american' })).toBeNaN();
    expect(impliedVol({ ...c, price: 110, style: 'american' })).toBeNaN();
    expect(impliedVol({ ...c, price: 10, style: 'american' })).toBe(0);
  });
});

describe('americanGreeks from the boundary solution (spot derivatives of the premium, theta from the PDE)', () => {
  // Independent reference: central differences of converged-scheme prices (each a full solve).
  const P = (c: PricingInput, o: Partial<PricingInput>) =>
    americanPriceRaw(c.type === 'call', o.spot ?? c.spot, c.strike, o.years ?? c.years, o.rate ?? c.rate, c.dividendYield, o.vol ?? c.vol, ALO_PRECISE);
  it.each([
    { type: 'put' as const, spot: 100, strike: 100, years: 0.25, rate: 0.045, dividendYield: 0, vol: 0.6 },
    { type: 'put' as const, spot: 82, strike: 100, years: 1.5, rate: 0.05, dividendYield: 0.02, vol: 0.3 },
    { type: 'call' as const, spot: 12, strike: 10, years: 0.4, rate: 0.03, dividendYield: 0.08, vol: 0.9 },
    { type: 'call' as const, spot: 48, strike: 50, years: 2, rate: 0.01, dividendYield: 0.04, vol: 0.2 },
    // The put after the symmetry has q > r: its boundary starts at X = K·r/q, which moves with the rates.
    { type: 'call' as const, spot: 100, strike: 95, years: 1, rate: 0.05, dividendYield: 0.02, vol: 0.3 },
    { type: 'put' as const, spot: 90, strike: 100, years: 0.75, rate: 0.02, dividendYield: 0.05, vol: 0.4 },
  ])('$type S=$spot K=$strike T=$years: every Greek within 1e-3 relative of finite differences', (c) => {
    const g = americanGreeks(c);
    const hs = 1e-3 * c.spot,
      ht = 1e-3 * c.years,
      hv = 1e-3,
      hr = 1e-4;
    const up = P(c, { spot: c.spot + hs }),
      dn = P(c, { spot: c.spot - hs }),
      mid = P(c, {});
    const near = (a: number, b: number, tol = 1e-3) => expect(Math.abs(a - b)).toBeLessThan(tol * Math.abs(b) + 1e-5);
    near(g.price, mid, 3e-5);
    near(g.delta, (up - dn) / (2 * hs));
    near(g.gamma, (up - 2 * mid + dn) / (hs * hs), 3e-3);
    near(g.theta, (P(c, { years: c.years - ht }) - P(c, { years: c.years + ht })) / (2 * ht));
    near(g.vega, (P(c, { vol: c.vol + hv }) - P(c, { vol: c.vol - hv })) / (2 * hv));
    near(g.rho, (P(c, { rate: c.rate + hr }) - P(c, { rate: c.rate - hr })) / (2 * hr));
  });
  it('deep in-the-money dividend call near its boundary: theta within 5e-3 of finite differences (the PDE form Θ = rV − (r−q)SΔ − ½σ²S²Γ was 8.6 % off)', () => {
    const c = { type: 'call' as const, spot: 100, strike: 77.7, years: 0.682, rate: 0.0006, dividendYield: 0.03, vol: 0.22 };
    const ht = 1e-4 * c.years;
    const fd = (P(c, { years: c.years - ht }) - P(c, { years: c.years + ht })) / (2 * ht);
    expect(Math.abs(americanGreeks(c).theta - fd)).toBeLessThan(5e-3 * Math.abs(fd));
  });
  it('in the exercise region: worth intrinsic, delta ∓1, no gamma, vega, theta or rho', () => {
    const put = americanGreeks({ type: 'put', spot: 50, strike: 100, years: 0.5, rate: 0.08, dividendYield: 0, vol: 0.2 });
    expect(put).toEqual({ price: 50, delta: -1, gamma: 0, vega: 0, theta: 0, rho: 0 });
    const call = americanGreeks({ type: 'call', spot: 200, strike: 100, years: 0.5, rate: 0.01, dividendYield: 0.1, vol: 0.2 });
    expect(call).toEqual({ price: 100, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 });
  });
});
