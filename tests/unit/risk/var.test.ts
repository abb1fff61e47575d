import { describe, expect, it } from 'vitest';
import { RiskInputError, cornishFisherVaR, historicalCVaR, historicalVaR, normalQuantile, parametricVaR } from '../../../src/core/risk/index.js';

// Ten daily returns; sorted: -0.04, -0.03, -0.025, -0.01, -0.005, 0.005, 0.01, 0.015, 0.02, 0.03.
const TEN = [0.02, -0.01, 0.03, -0.04, 0.015, -0.025, 0.005, 0.01, -0.005, -0.03];
// Twenty returns used for the numpy/scipy references below.
const TWENTY = [
  -0.052, 0.013, -0.021, 0.034, -0.008, 0.019, -0.037, 0.006, 0.011, -0.015, 0.027, -0.044, 0.002, 0.009, -0.003, 0.022, -0.029, 0.017, -0.011, 0.004,
];
// 101 evenly spaced returns -0.050, -0.049, …, +0.050.
const GRID = Array.from({ length: 101 }, (_, i) => (i - 50) / 1000);

describe('historicalVaR / historicalCVaR match numpy percentile (linear) worked by hand', () => {
  it('TEN at 95 %: h = (10−1)·0.05 = 0.45, q = −0.04 + 0.45·(−0.03 − −0.04) = −0.0355', () => {
    // np.percentile(TEN, 5) == -0.0355 (numpy 2.4.6). Tail ≤ q holds only −0.04.
    expect(historicalVaR(TEN, 0.95)).toBeCloseTo(0.0355, 12);
    expect(historicalCVaR(TEN, 0.95)).toBeCloseTo(0.04, 12);
  });

  it('TEN at 99 %: h = 0.09, q = −0.04 + 0.09·0.01 = −0.0391', () => {
    // np.percentile(TEN, 1) == -0.0391
    expect(historicalVaR(TEN, 0.99)).toBeCloseTo(0.0391, 12);
    expect(historicalCVaR(TEN, 0.99)).toBeCloseTo(0.04, 12);
  });

  it('GRID: h lands on an order statistic and ties at the quantile stay in the CVaR tail', () => {
    // 95 %: h = 100·0.05 = 5 → q = x[5] = −0.045; tail −0.050 … −0.045 (6 values), mean −0.0475.
    expect(historicalVaR(GRID, 0.95)).toBeCloseTo(0.045, 12);
    expect(historicalCVaR(GRID, 0.95)).toBeCloseTo(0.0475, 12);
    // 99 %: h = 1 → q = −0.049; tail {−0.050, −0.049}, mean −0.0495.
    expect(historicalVaR(GRID, 0.99)).toBeCloseTo(0.049, 12);
    expect(historicalCVaR(GRID, 0.99)).toBeCloseTo(0.0495, 12);
  });

  it('TWENTY against numpy: -np.percentile(B, 5) = 0.0444, -np.percentile(B, 1) = 0.05048', () => {
    expect(historicalVaR(TWENTY, 0.95)).toBeCloseTo(0.0444, 12);
    expect(historicalVaR(TWENTY, 0.99)).toBeCloseTo(0.05048, 12);
    expect(historicalCVaR(TWENTY, 0.95)).toBeCloseTo(0.052, 12);
  });

  it('a single return is its own quantile', () => {
    expect(historicalVaR([-0.02], 0.95)).toBeCloseTo(0.02, 15);
  });
});

describe('VaR invariants', () => {
  const samples = [TEN, TWENTY, GRID];

  it('CVaR ≥ VaR ≥ 0 at both levels', () => {
    for (const r of samples) {
      for (const level of [0.9, 0.95, 0.99]) {
        const v = historicalVaR(r, level);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(historicalCVaR(r, level)).toBeGreaterThanOrEqual(v);
      }
    }
  });

  it('scaling returns by c > 0 scales VaR, CVaR and parametric VaR by c', () => {
    for (const c of [0.5, 3]) {
      const scaled = TWENTY.map((x) => x * c);
      expect(historicalVaR(scaled, 0.95)).toBeCloseTo(c * historicalVaR(TWENTY, 0.95), 12);
      expect(historicalCVaR(scaled, 0.99)).toBeCloseTo(c * historicalCVaR(TWENTY, 0.99), 12);
      expect(parametricVaR(scaled, 0.99)).toBeCloseTo(c * parametricVaR(TWENTY, 0.99), 12);
    }
  });

  it('VaR at 99 % ≥ VaR at 95 %', () => {
    for (const r of samples) {
      expect(historicalVaR(r, 0.99)).toBeGreaterThanOrEqual(historicalVaR(r, 0.95));
      expect(parametricVaR(r, 0.99)).toBeGreaterThanOrEqual(parametricVaR(r, 0.95));
    }
  });

  it('a zero-return series has zero VaR and CVaR by every method', () => {
    const zeros = new Array<number>(30).fill(0);
    expect(historicalVaR(zeros, 0.99)).toBe(0);
    expect(historicalCVaR(zeros, 0.99)).toBe(0);
    expect(parametricVaR(zeros, 0.99)).toBe(0);
    expect(cornishFisherVaR(zeros, 0.99)).toBe(0);
  });

  it('no losses at all: VaR and CVaR clamp at 0 rather than report a negative loss', () => {
    const gains = [0.01, 0.02, 0.03, 0.015];
    expect(historicalVaR(gains, 0.95)).toBe(0);
    expect(historicalCVaR(gains, 0.95)).toBe(0);
  });
});

describe('parametric and Cornish-Fisher VaR', () => {
  it('normalQuantile agrees with scipy.stats.norm.ppf to 1e-14', () => {
    // scipy 1.17.1 references
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 14);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740408408, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080409, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.999999)).toBeCloseTo(4.753424308817087, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('parametric VaR is −(μ − 1.6449·σ) in closed form', () => {
    // TEN: μ = −0.003, sample σ = sqrt(Σ(x−μ)²/9); closed form computed here term by term.
    const mu = TEN.reduce((a, b) => a + b, 0) / TEN.length;
    const sd = Math.sqrt(TEN.reduce((a, b) => a + (b - mu) ** 2, 0) / (TEN.length - 1));
    expect(mu).toBeCloseTo(-0.003, 15);
    expect(parametricVaR(TEN, 0.95)).toBeCloseTo(-(mu - 1.6448536269514729 * sd), 14);
    // scipy: -(B.mean() + norm.ppf(0.05)*B.std(ddof=1)) = 0.04237591875469506, at 0.99: 0.058772977138903885
    expect(parametricVaR(TWENTY, 0.95)).toBeCloseTo(0.04237591875469506, 14);
    expect(parametricVaR(TWENTY, 0.99)).toBeCloseTo(0.058772977138903885, 14);
  });

  it('Cornish-Fisher against scipy moment skew/kurtosis (bias=True) for TWENTY', () => {
    // st.skew(B) = -0.5293990024488889, st.kurtosis(B) = -0.6485458002563234
    expect(cornishFisherVaR(TWENTY, 0.95)).toBeCloseTo(0.04618491738270107, 13);
    expect(cornishFisherVaR(TWENTY, 0.99)).toBeCloseTo(0.061953280446161614, 13);
  });

  it('Cornish-Fisher equals parametric VaR for a sample with zero skew and zero excess kurtosis', () => {
    // {0 ×4, +1, −1}: skew 0 by symmetry; m2 = 2/6, m4 = 2/6, so m4/m2² = 3 — excess kurtosis 0
    // exactly. Shifting and scaling leaves both shape statistics unchanged.
    const sample = [0, 0, 0, 0, 1, -1].map((x) => 0.01 * x + 0.001);
    expect(cornishFisherVaR(sample, 0.99)).toBeCloseTo(parametricVaR(sample, 0.99), 14);
    expect(cornishFisherVaR(sample, 0.95)).toBeCloseTo(parametricVaR(sample, 0.95), 14);
  });

  it('negative skew makes Cornish-Fisher VaR larger than Gaussian VaR', () => {
    expect(cornishFisherVaR(TWENTY, 0.99)).toBeGreaterThan(parametricVaR(TWENTY, 0.99));
  });
});

describe('defined edge cases', () => {
  it('empty input gives NaN for every VaR', () => {
    expect(historicalVaR([], 0.95)).toBeNaN();
    expect(historicalCVaR([], 0.95)).toBeNaN();
    expect(parametricVaR([], 0.95)).toBeNaN();
    expect(cornishFisherVaR([], 0.95)).toBeNaN();
  });

  it('too short: parametric needs 2 returns, Cornish-Fisher 4', () => {
    expect(parametricVaR([0.01], 0.95)).toBeNaN();
    expect(cornishFisherVaR([0.01, -0.02, 0.03], 0.95)).toBeNaN();
    expect(Number.isFinite(cornishFisherVaR([0.01, -0.02, 0.03, 0.0], 0.95))).toBe(true);
  });

  it('a non-finite return gives NaN, not a sorted-away value', () => {
    expect(historicalVaR([0.01, NaN, -0.02], 0.95)).toBeNaN();
    expect(parametricVaR([0.01, Infinity, -0.02], 0.95)).toBeNaN();
  });

  it('a level outside (0, 1) throws RiskInputError INVALID_LEVEL', () => {
    for (const level of [95, 0, 1, -0.5, NaN]) {
      expect(() => historicalVaR(TEN, level)).toThrowError(RiskInputError);
    }
    try {
      parametricVaR(TEN, 95);
    } catch (e) {
      expect((e as RiskInputError).code).toBe('INVALID_LEVEL');
    }
  });
});
