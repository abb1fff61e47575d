/**
 * Portfolio VaR with full repricing: hand-worked figures, invariants (CVaR ≥ VaR, scaling, a
 * riskless book has zero VaR), full repricing against the delta approximation, and the grid
 * repricer against exact American repricing.
 */
import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../src/core/options/index.js';
import {
  historicalVar,
  momentVar,
  monteCarloVar,
  optionGreeks,
  optionValue,
  prepareRepricer,
  repriceDelta,
  repriceExact,
  type Holding,
  type OptionHolding,
} from '../../src/core/portfolio/index.js';
import { mulberry32, normalSampler } from '../../src/core/risk/index.js';

const fig = (r: { figures: { level: number; var: number; cvar: number }[] }, level: number) =>
  r.figures.find((f) => f.level === level) as { var: number; cvar: number };

describe('historical VaR, hand-worked', () => {
  // 100 shares at $50 = $5,000; ten daily returns −5 % … +5 %. P&L = 5,000 × r.
  const returns = [-0.05, -0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05];
  const rows = returns.map((r) => [r]);
  const stock: Holding = { kind: 'stock', underlying: 0, units: 100, spot: 50 };

  it('95 %: the 5th percentile (numpy linear) of −250, −150, … is −250 + 0.45 × 100 = −205; CVaR 250', () => {
    const r = historicalVar([stock], rows);
    expect(fig(r, 0.95).var).toBeCloseTo(205, 9);
    expect(fig(r, 0.95).cvar).toBeCloseTo(250, 9);
    // 99 %: position 0.09 → −250 + 9 = −241.
    expect(fig(r, 0.99).var).toBeCloseTo(241, 9);
  });

  it('a short position’s loss tail is the up moves: −250, −200, … → −250 + 0.45 × 50 = −227.5', () => {
    expect(fig(historicalVar([{ ...stock, units: -100 }], rows), 0.95).var).toBeCloseTo(227.5, 9);
  });

  it('parametric and Cornish-Fisher on the P&L series, worked by hand', () => {
    // P&L −200 … 200 on equity 10,000: r = −2 %, −1 %, 0, 1 %, 2 %; mean 0, sample sd √(10/4) %.
    const sd = Math.sqrt(10 / 4) * 0.01;
    const z = -1.6448536269514722;
    const [m95] = momentVar([-200, -100, 0, 100, 200], 10_000, [0.95]);
    expect(m95?.parametric).toBeCloseTo(-z * sd * 10_000, 6); // 260.07
    // Moment excess kurtosis (6.8/2² − 3) = −1.3, skew 0: z_cf = z + (z³ − 3z)·K/24.
    const zcf = z + ((z ** 3 - 3 * z) * -1.3) / 24;
    expect(m95?.cornishFisher).toBeCloseTo(-zcf * sd * 10_000, 6); // 264.22
  });
});

describe('invariants', () => {
  const rng = normalSampler(mulberry32(11));
  const rows = Array.from({ length: 500 }, () => [rng() * 0.03, rng() * 0.04]);
  const call: OptionHolding = {
    kind: 'option',
    underlying: 0,
    units: 500,
    spot: 20,
    type: 'call',
    strike: 21,
    years: 0.25,
    rate: 0.04,
    dividendYield: 0,
    vol: 0.55,
  };
  const put: OptionHolding = {
    kind: 'option',
    underlying: 1,
    units: -300,
    spot: 12,
    type: 'put',
    strike: 11,
    years: 0.1,
    rate: 0.04,
    dividendYield: 0.02,
    vol: 0.7,
  };
  const book: Holding[] = [call, put, { kind: 'stock', underlying: 1, units: 400, spot: 12 }];

  it('CVaR ≥ VaR ≥ 0 at both levels, historical and Monte Carlo', () => {
    const cols = [Float64Array.from(rows, (r) => r[0] as number), Float64Array.from(rows, (r) => r[1] as number)];
    for (const r of [historicalVar(book, rows), monteCarloVar(book, cols, { paths: 20_000 })]) {
      for (const f of r.figures) {
        expect(f.var).toBeGreaterThanOrEqual(0);
        expect(f.cvar).toBeGreaterThanOrEqual(f.var);
      }
      expect(fig(r, 0.99).var).toBeGreaterThanOrEqual(fig(r, 0.95).var);
    }
  });

  it('scales linearly with position size (positive homogeneity)', () => {
    const one = historicalVar(book, rows);
    const three = historicalVar(
      book.map((h) => ({ ...h, units: h.units * 3 })),
      rows,
    );
    expect(fig(three, 0.99).var).toBeCloseTo(3 * fig(one, 0.99).var, 6);
  });

  it('a cash-only (empty) book has zero VaR', () => {
    const r = historicalVar([], rows);
    expect(fig(r, 0.95)).toEqual({ level: 0.95, var: 0, cvar: 0 });
    expect(fig(monteCarloVar([], [], { paths: 1000 }), 0.99).var).toBe(0);
  });

  it('a fully hedged book has zero VaR: long stock against short stock, and a conversion at r = q = 0', () => {
    const hedged: Holding[] = [
      { kind: 'stock', underlying: 0, units: 100, spot: 20 },
      { kind: 'stock', underlying: 0, units: -100, spot: 20 },
    ];
    expect(fig(historicalVar(hedged, rows), 0.99).var).toBe(0);
    // With no rates or dividends American = European and C − P = S − K at every spot and time:
    // long call + short put + short 1 share per option share has a constant value.
    const o = { kind: 'option' as const, underlying: 0, spot: 20, strike: 20, years: 0.3, rate: 0, dividendYield: 0, vol: 0.6 };
    const conversion: Holding[] = [
      { ...o, type: 'call', units: 100 },
      { ...o, type: 'put', units: -100 },
      { kind: 'stock', underlying: 0, units: -100, spot: 20 },
    ];
    for (const grid of [true, false]) expect(fig(historicalVar(conversion, rows, { grid }), 0.99).var).toBeLessThan(1e-6);
  });
});

describe('full repricing, not delta', () => {
  const call: OptionHolding = {
    kind: 'option',
    underlying: 0,
    units: 100,
    spot: 100,
    type: 'call',
    strike: 100,
    years: 1,
    rate: 0.05,
    dividendYield: 0,
    vol: 0.2,
  };

  it('prices the textbook call (Hull: S = K = 100, T = 1, r = 5 %, σ = 20 % → 10.4506)', () => {
    expect(optionValue(call, 100, 1)).toBeCloseTo(10.4506, 3);
  });

  it('a −30 % move: the long call loses far less than delta says (gamma), a short call more', () => {
    const delta = optionGreeks(call).delta;
    const full = repriceExact(call, -0.3, 1 / 365);
    const approx = repriceDelta(call, -0.3, delta);
    // Loss is capped at the premium (10.45 × 100); delta alone predicts 0.637 × 30 × 100 ≈ 1,910.
    expect(full).toBeGreaterThan(-1045.1);
    expect(approx).toBeLessThan(-1800);
    const short = { ...call, units: -100 };
    expect(repriceExact(short, 0.3, 1 / 365)).toBeLessThan(repriceDelta(short, 0.3, delta) * 1.2);
    // For a small move they agree to first order.
    expect(repriceExact(call, 0.001, 0)).toBeCloseTo(repriceDelta(call, 0.001, delta), 0);
  });

  it('repricing takes a day of time decay: a flat day loses theta', () => {
    const decay = repriceExact(call, 0, 1 / 365) / 100;
    const bsTheta = blackScholes({ type: 'call', spot: 100, strike: 100, years: 1, rate: 0.05, dividendYield: 0, vol: 0.2 }).theta / 365;
    expect(decay).toBeCloseTo(bsTheta, 3);
  });

  it('the grid repricer matches exact American repricing within a tenth of a cent per share', () => {
    const rng = normalSampler(mulberry32(5));
    const rows = Array.from({ length: 300 }, () => [rng() * 0.06]);
    const holdings: OptionHolding[] = [
      { kind: 'option', underlying: 0, units: 1, spot: 15, type: 'put', strike: 16, years: 0.12, rate: 0.04, dividendYield: 0, vol: 0.65 },
      { kind: 'option', underlying: 0, units: 1, spot: 15, type: 'call', strike: 14, years: 0.4, rate: 0.04, dividendYield: 0.03, vol: 0.5 },
      { kind: 'option', underlying: 0, units: 1, spot: 15, type: 'call', strike: 17, years: 0.05, rate: 0.04, dividendYield: 0, vol: 0.9 },
    ];
    const grid = prepareRepricer(holdings, rows, { horizonYears: 1 / 365 });
    const exact = prepareRepricer(holdings, rows, { horizonYears: 1 / 365, grid: false });
    let worst = 0;
    for (const h of holdings) for (const r of rows) worst = Math.max(worst, Math.abs(grid(h, r) - exact(h, r)));
    expect(worst).toBeLessThan(1e-3);
  });
});

describe('Monte Carlo', () => {
  it('one stock with normal daily log returns: VaR 95 % ≈ value × (1 − e^(−1.645σ)), reproducible by seed', () => {
    const rng = normalSampler(mulberry32(3));
    const col = Float64Array.from({ length: 2000 }, () => Math.expm1(rng() * 0.02));
    const logs = Array.from(col, (r) => Math.log1p(r));
    const m = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / (logs.length - 1));
    const stock: Holding = { kind: 'stock', underlying: 0, units: 1000, spot: 20 };
    const a = monteCarloVar([stock], [col], { paths: 100_000, seed: 9 });
    const expected = 20_000 * -Math.expm1(-1.6448536 * sd);
    expect(fig(a, 0.95).var / expected).toBeGreaterThan(0.98);
    expect(fig(a, 0.95).var / expected).toBeLessThan(1.02);
    expect(fig(monteCarloVar([stock], [col], { paths: 100_000, seed: 9 }), 0.95).var).toBe(fig(a, 0.95).var);
  });
});
