import { describe, expect, it } from 'vitest';
import {
  RiskInputError,
  cholesky,
  covarianceMatrix,
  historicalCVaR,
  historicalVaR,
  lossQuantiles,
  mulberry32,
  normalSampler,
  portfolioPnlScenarios,
  simulateCorrelatedReturns,
} from '../../../src/core/risk/index.js';

const COV = [
  [0.0004, 0.00018, -0.0001],
  [0.00018, 0.0009, 0.00006],
  [-0.0001, 0.00006, 0.000225],
];

describe('seeded generators', () => {
  it('mulberry32 is reproducible, in [0, 1), and uniform on average', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    let sum = 0;
    let mismatches = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = a();
      if (x !== b()) mismatches++;
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect([mismatches, outside]).toEqual([0, 0]);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('Marsaglia polar draws have mean 0, variance 1 and normal tail mass', () => {
    const z = normalSampler(mulberry32(7));
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let beyond = 0;
    for (let i = 0; i < n; i++) {
      const x = z();
      s += x;
      s2 += x * x;
      if (x < -1.6448536269514729) beyond++;
    }
    expect(s / n).toBeCloseTo(0, 2);
    expect(s2 / n).toBeCloseTo(1, 1);
    // P(Z < −1.645) = 0.05; binomial sd √(0.05·0.95/n) ≈ 0.0005.
    expect(Math.abs(beyond / n - 0.05)).toBeLessThan(0.002);
  });
});

describe('cholesky', () => {
  it('L·Lᵀ reproduces the covariance; hand 2×2: [[4,2],[2,3]] → [[2,0],[1,√2]]', () => {
    expect(
      Array.from(
        cholesky([
          [4, 2],
          [2, 3],
        ]),
      ),
    ).toEqual([2, 0, 1, Math.SQRT2]);
    const l = cholesky(COV);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let m = 0; m < 3; m++) s += (l[i * 3 + m] ?? 0) * (l[j * 3 + m] ?? 0);
        expect(s).toBeCloseTo(COV[i]?.[j] ?? NaN, 15);
      }
    }
  });

  it('accepts semi-definite (perfect correlation), rejects indefinite and asymmetric', () => {
    expect(
      Array.from(
        cholesky([
          [1, 1],
          [1, 1],
        ]),
      ),
    ).toEqual([1, 0, 1, 0]);
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrowError(RiskInputError);
    expect(() =>
      cholesky([
        [1, 0.5],
        [0.4, 1],
      ]),
    ).toThrowError(RiskInputError);
    expect(() => cholesky([[1, 0]])).toThrowError(RiskInputError);
  });
});

describe('simulateCorrelatedReturns', () => {
  const means = [0.0005, -0.0002, 0.0001];

  it('sample mean and covariance of 200k seeded paths are close to the targets', () => {
    const paths = simulateCorrelatedReturns(means, COV, 200_000, mulberry32(2024));
    expect(paths).toHaveLength(200_000);
    const columns = [0, 1, 2].map((u) => Float64Array.from(paths, (row) => row[u] ?? NaN));
    const cov = covarianceMatrix(columns);
    for (let i = 0; i < 3; i++) {
      const m = (columns[i] as Float64Array).reduce((a, b) => a + b, 0) / 200_000;
      // standard error of a mean ≈ σ/√n ≤ 0.03/447 ≈ 7e-5
      expect(Math.abs(m - (means[i] ?? NaN))).toBeLessThan(3e-4);
      for (let j = 0; j < 3; j++) {
        const target = COV[i]?.[j] ?? NaN;
        // relative to the diagonal scale: sampling error of a covariance ≈ σᵢσⱼ·√(2/n) ≈ 0.3 %
        const scale = Math.sqrt((COV[i]?.[i] ?? NaN) * (COV[j]?.[j] ?? NaN));
        expect(Math.abs((cov[i]?.[j] ?? NaN) - target) / scale).toBeLessThan(0.015);
      }
    }
  });

  it('the same seed gives the same paths', () => {
    const a = simulateCorrelatedReturns(means, COV, 10, mulberry32(5));
    const b = simulateCorrelatedReturns(means, COV, 10, mulberry32(5));
    expect(a.map((r) => Array.from(r))).toEqual(b.map((r) => Array.from(r)));
  });

  it('rejects a mismatched covariance and a fractional path count', () => {
    expect(() => simulateCorrelatedReturns([0, 0], COV, 10, mulberry32(1))).toThrowError(RiskInputError);
    expect(() => simulateCorrelatedReturns(means, COV, 2.5, mulberry32(1))).toThrowError(RiskInputError);
    expect(simulateCorrelatedReturns(means, COV, 0, mulberry32(1))).toEqual([]);
  });
});

describe('portfolioPnlScenarios and lossQuantiles', () => {
  interface Stock {
    underlying: number;
    shares: number;
    spot: number;
  }
  const reprice = (p: Stock, s: ArrayLike<number>): number => p.shares * p.spot * (s[p.underlying] ?? NaN);

  it('sums position P&L per scenario (hand values)', () => {
    const positions: Stock[] = [
      { underlying: 0, shares: 100, spot: 10 },
      { underlying: 1, shares: -50, spot: 20 },
    ];
    const scenarios = [
      [0.1, 0.05], // +100 − 50 = 50
      [-0.2, 0.1], // −200 − 100 = −300
      [0, -0.1], // 0 + 100 = 100
    ];
    expect(Array.from(portfolioPnlScenarios(positions, scenarios, reprice))).toEqual([50, -300, 100]);
    expect(Array.from(portfolioPnlScenarios([], scenarios, reprice))).toEqual([0, 0, 0]);
  });

  it('lossQuantiles in currency equals return VaR × position value for a single linear position', () => {
    const returns = [0.02, -0.01, 0.03, -0.04, 0.015, -0.025, 0.005, 0.01, -0.005, -0.03];
    const pnl = portfolioPnlScenarios(
      [{ underlying: 0, shares: 1000, spot: 5 }],
      returns.map((r) => [r]),
      reprice,
    );
    const q = lossQuantiles(pnl, 0.95);
    // 5,000 × 0.0355 = 177.5 (see var.test.ts for the hand quantile)
    expect(q.var).toBeCloseTo(177.5, 9);
    expect(q.cvar).toBeCloseTo(200, 9);
    expect(q.var).toBeCloseTo(5000 * historicalVaR(returns, 0.95), 9);
    expect(q.cvar).toBeCloseTo(5000 * historicalCVaR(returns, 0.95), 9);
  });

  it('empty P&L gives NaN for both', () => {
    expect(lossQuantiles([], 0.99)).toEqual({ var: NaN, cvar: NaN });
  });
});
