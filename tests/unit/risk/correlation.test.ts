import { describe, expect, it } from 'vitest';
import { RiskInputError, correlationMatrix, covarianceMatrix } from '../../../src/core/risk/index.js';

const X = [
  [0.01, 0.02, -0.01, 0.03, 0.0],
  [0.02, 0.01, -0.02, 0.04, 0.01],
  [-0.01, 0.0, 0.02, -0.02, 0.01],
];

describe('correlationMatrix', () => {
  it('hand calc: a = [1,2,3], b = [2,4,7] → ρ = 5 / √(2 · 114/9) = 15/√228', () => {
    // centred a = (−1, 0, 1), centred b = (−7/3, −1/3, 8/3); Σab = 5, Σa² = 2, Σb² = 114/9.
    const m = correlationMatrix([
      [1, 2, 3],
      [2, 4, 7],
    ]);
    expect(m[0]?.[1]).toBeCloseTo(15 / Math.sqrt(228), 14);
    expect(m[1]?.[0]).toBe(m[0]?.[1]);
    expect(m[0]?.[0]).toBe(1);
  });

  it('matches np.corrcoef on three columns', () => {
    const m = correlationMatrix(X);
    expect(m[0]?.[1]).toBeCloseTo(0.87518995, 8);
    expect(m[0]?.[2]).toBeCloseTo(-0.9, 12);
    expect(m[1]?.[2]).toBeCloseTo(-0.94812244, 8);
    expect(m.map((row, i) => row[i])).toEqual([1, 1, 1]);
  });

  it('a constant column is NaN across its row and column, diagonal included', () => {
    const m = correlationMatrix([
      [0.01, 0.02, 0.03],
      [0.05, 0.05, 0.05],
      [0.03, 0.01, 0.02],
    ]);
    expect(m[1]).toEqual([NaN, NaN, NaN]);
    expect(m[0]?.[1]).toBeNaN();
    expect(m[0]?.[0]).toBe(1);
    expect(m[0]?.[2]).toBeCloseTo(-0.5, 14);
  });

  it('edge cases: no columns → [], one row → NaN, unequal lengths throw', () => {
    expect(correlationMatrix([])).toEqual([]);
    expect(correlationMatrix([[0.01], [0.02]])).toEqual([
      [NaN, NaN],
      [NaN, NaN],
    ]);
    expect(() => correlationMatrix([[0.01, 0.02], [0.01]])).toThrowError(RiskInputError);
  });
});

describe('covarianceMatrix', () => {
  it('matches np.cov (ddof = 1)', () => {
    const c = covarianceMatrix(X);
    expect(c[0]?.[0]).toBeCloseTo(0.00025, 15);
    expect(c[0]?.[1]).toBeCloseTo(0.0003, 15);
    expect(c[1]?.[1]).toBeCloseTo(0.00047, 15);
    expect(c[1]?.[2]).toBeCloseTo(-0.000325, 15);
  });
});
