import { describe, expect, it } from 'vitest';
import { DAILY, MONTHLY, RiskInputError, WEEKLY, annualizedVolatility, beta, maxDrawdown, sharpeRatio, sortinoRatio } from '../../../src/core/risk/index.js';

// empyrical/tests/test_stats.py fixtures (percent / 100); `mixed_returns` there starts with a NaN
// that empyrical drops, so it is left out here.
const MIXED = [1, 10, -4, 2, 3, 2, 1, -10].map((x) => x / 100);
const POSITIVE = [1, 2, 1, 1, 1, 1, 1, 1, 1].map((x) => x / 100);
const NEGATIVE = [0, -6, -7, -1, -9, -2, -6, -8, -5].map((x) => x / 100);

describe('period constants', () => {
  it('match empyrical/periods.py', () => {
    expect([DAILY, WEEKLY, MONTHLY]).toEqual([252, 52, 12]);
  });
});

describe('sharpeRatio', () => {
  it.each([
    ['mixed', MIXED, 1.7238613961706866],
    ['positive', POSITIVE, 52.915026221291804],
    ['negative', NEGATIVE, -24.406808633910085],
  ])('empyrical fixture %s', (_name, returns, expected) => {
    expect(sharpeRatio(returns)).toBeCloseTo(expected, 10);
  });

  it('de-annualises the risk-free rate by compounding', () => {
    // [0.01, 0.02, 0.03]: μ = 0.02, σ = 0.01. Monthly rf = 1.12^(1/12) − 1 = 0.009488792934583…
    const rf = Math.pow(1.12, 1 / 12) - 1;
    expect(rf).toBeCloseTo(0.009488792934583, 14);
    expect(sharpeRatio([0.01, 0.02, 0.03], MONTHLY, 0.12)).toBeCloseTo(((0.02 - rf) / 0.01) * Math.sqrt(12), 10);
  });

  it('NaN for fewer than 2 returns and for zero dispersion', () => {
    expect(sharpeRatio([])).toBeNaN();
    expect(sharpeRatio([0.01])).toBeNaN();
    expect(sharpeRatio([0.01, 0.01, 0.01])).toBeNaN();
  });
});

describe('sortinoRatio', () => {
  it('empyrical fixture mixed: 2.605531251673693', () => {
    // DD = sqrt((0.04² + 0.10²)/8); mean = 0.05/8; ratio·√252.
    expect(sortinoRatio(MIXED)).toBeCloseTo(2.605531251673693, 10);
    const dd = Math.sqrt((0.04 ** 2 + 0.1 ** 2) / 8);
    expect(sortinoRatio(MIXED)).toBeCloseTo((0.05 / 8 / dd) * Math.sqrt(252), 10);
  });

  it('NaN when no return is below the target', () => {
    expect(sortinoRatio(POSITIVE)).toBeNaN();
  });
});

describe('annualizedVolatility', () => {
  it('empyrical fixture mixed daily: 0.9136465399704637', () => {
    expect(annualizedVolatility(MIXED)).toBeCloseTo(0.9136465399704637, 12);
  });

  it('hand value: [0.01, 0.03] weekly has σ = √2·0.01, ×√52', () => {
    expect(annualizedVolatility([0.01, 0.03], WEEKLY)).toBeCloseTo(Math.SQRT2 * 0.01 * Math.sqrt(52), 14);
    expect(annualizedVolatility([0.01])).toBeNaN();
  });
});

describe('maxDrawdown', () => {
  it('compounds: 1.1³ peak then −5 %, −10 % → 1 − 0.95·0.9 = 0.145', () => {
    expect(maxDrawdown([0.1, 0.1, 0.1, -0.05, -0.1, 0.2])).toBeCloseTo(0.145, 14);
  });

  it('empyrical fixtures: mixed 0.10, positive 0, negative 1 − Π(1 + r) = 0.365907303498736', () => {
    expect(maxDrawdown(MIXED)).toBeCloseTo(0.1, 14);
    expect(maxDrawdown(POSITIVE)).toBe(0);
    expect(maxDrawdown(NEGATIVE)).toBeCloseTo(0.365907303498736, 14);
  });

  it('a loss in the first period counts from the starting value', () => {
    expect(maxDrawdown([-0.2, 0.1])).toBeCloseTo(0.2, 15);
    expect(maxDrawdown([])).toBeNaN();
  });
});

describe('beta', () => {
  it('cov/var by hand: asset = 2·bench + 0.001 has beta 2', () => {
    const bench = [0.01, -0.02, 0.015, 0.003, -0.007];
    expect(
      beta(
        bench.map((x) => 2 * x + 0.001),
        bench,
      ),
    ).toBeCloseTo(2, 13);
  });

  it('numpy: np.cov(a, b)[0,1] / np.var(b, ddof=1) = −0.9', () => {
    expect(beta([0.01, 0.02, -0.01, 0.03, 0], [-0.01, 0, 0.02, -0.02, 0.01])).toBeCloseTo(-0.9, 13);
  });

  it('misaligned series throw LENGTH_MISMATCH; constant benchmark gives NaN', () => {
    expect(() => beta([0.01, 0.02], [0.01])).toThrowError(RiskInputError);
    expect(beta([0.01, 0.02, 0.03], [0.01, 0.01, 0.01])).toBeNaN();
  });
});
