/** Score components on hand-made snapshots: each point of the written rules, and the weighting. */
import { describe, expect, it } from 'vitest';
import { combine, portfolioFit, riskScore, technicalScore } from '../../src/core/scanner/score.js';
import { snapshot } from './fixtures.js';

const all = ['breakout', 'goldenCross', 'momentum', 'volumeSpike', 'bullFlag', 'ascendingTriangle', 'squeeze', 'macdCross'] as const;

describe('technicalScore', () => {
  it('adds trend, SMA200, RSI, patterns and relative strength as documented', () => {
    const t = snapshot({ close: 12, sma20: 11, sma50: 10, sma200: 9, rsi: 60 }, ['breakout', 'volumeSpike']);
    // 20 (uptrend) + 10 (SMA200) + 15 (RSI 50–70) + 20 + 8 (patterns) + 15 × 0.8 (RS 80)
    const s = technicalScore(t, all, 80);
    expect(s.score).toBeCloseTo(85, 10);
    expect(s.reasons.join(' | ')).toMatch(/uptrend.*SMA200.*RSI 60.*breakout.*volume spike.*relative strength 80/);
  });

  it('counts only the enabled patterns, caps at 100, and ignores unknown strength', () => {
    const t = snapshot({ close: 12, sma20: 11, sma50: 10, sma200: 9, rsi: 60 }, [...all]);
    expect(technicalScore(t, [], NaN).score).toBe(45);
    expect(technicalScore(t, all, 100).score).toBe(100);
    expect(technicalScore(snapshot({ rsi: 75, close: 10.5, sma20: 11, sma50: 10 }), all, NaN).score).toBe(8 + 10 + 5);
  });
});

describe('riskScore', () => {
  it('full marks for ATR 2–8 % with $20M a day traded', () => {
    expect(riskScore(0.05, 20e6).score).toBeCloseTo(100, 10);
  });
  it('quiet is 60 % of the range part; wild loses 15 points per ATR point over 8 %', () => {
    expect(riskScore(0.01, 20e6).score).toBeCloseTo(0.7 * 60 + 30, 10);
    expect(riskScore(0.1, 20e6).score).toBeCloseTo(0.7 * 70 + 30, 10);
  });
  it('liquidity is log-scaled from $1M (0) to $20M (full)', () => {
    expect(riskScore(0.05, 1e6).score).toBeCloseTo(70, 10);
    expect(riskScore(0.05, Math.sqrt(20) * 1e6).score).toBeCloseTo(70 + 15, 10);
    expect(riskScore(NaN, NaN).score).toBe(0);
  });
});

describe('portfolioFit', () => {
  it('is neutral and says so when holdings are unknown', () => {
    expect(portfolioFit('ABCD', 'Technology', undefined, 0.3)).toEqual({ score: 50, reasons: ['portfolio fit neutral: holdings not available to the scan'] });
  });
  it('is 0 for a symbol already held and falls with sector crowding', () => {
    const holdings = [
      { symbol: 'ABCD', sector: 'Technology' },
      { symbol: 'EFGH', sector: 'Energy' },
      { symbol: 'IJKL', sector: 'Energy' },
      { symbol: 'MNOP', sector: 'Utilities' },
    ];
    expect(portfolioFit('abcd', 'Technology', holdings, 0.3).score).toBe(0);
    expect(portfolioFit('QRST', 'Healthcare', holdings, 0.3).score).toBe(100);
    expect(portfolioFit('QRST', 'Technology', holdings, 0.5).score).toBeCloseTo(50, 10);
    expect(portfolioFit('QRST', 'Energy', holdings, 0.3).score).toBe(0);
  });
});

describe('combine', () => {
  const w = { technical: 0.25, options: 0.5, risk: 0.15, portfolio: 0.1 };
  it('is the weighted mean with the seed’s 25/50/15/10', () => {
    expect(combine({ technical: 80, options: 60, risk: 100, portfolio: 50 }, w)).toBeCloseTo(0.25 * 80 + 0.5 * 60 + 0.15 * 100 + 0.1 * 50, 10);
  });
  it('leaves absent components out of the weights', () => {
    expect(combine({ technical: 80, risk: 100, portfolio: 50 }, w)).toBeCloseTo((0.25 * 80 + 0.15 * 100 + 0.1 * 50) / 0.5, 10);
    expect(combine({}, w)).toBe(0);
  });
});
