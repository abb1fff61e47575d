import { describe, expect, it } from 'vitest';
import { analyzeContract, impliedVol } from '../../src/core/options/index.js';
import { analyzeCached, impliedVolCached } from '../../src/options/solveCache.js';

const junk = { maxSpreadPct: 0.5, minOpenInterest: 10, minVolume: 1, maxIv: 5 };
const m = { spot: 12.3, years: 30 / 365, rate: 0.04, dividendYield: 0.01, model: 'american' as const };
const q = { type: 'put' as const, strike: 12.5, bid: 0.95, ask: 1.05, last: 1, volume: 40, openInterest: 300 };

describe('memoised option solves', () => {
  it('give exactly what the uncached solve gives, as a copy the caller may change', () => {
    const a = analyzeCached(q, m, junk);
    expect(a).toEqual(analyzeContract(q, m, junk));
    a.junk.push('changed by a caller');
    expect(analyzeCached(q, m, junk).junk).toEqual(analyzeContract(q, m, junk).junk);
  });
  it('treat any changed input as a new solve (quote, spot, time, rules)', () => {
    const base = analyzeCached(q, m, junk);
    expect(analyzeCached({ ...q, bid: 0.9 }, m, junk).iv).not.toBe(base.iv);
    expect(analyzeCached(q, { ...m, spot: 12.2 }, junk).iv).not.toBe(base.iv);
    expect(analyzeCached(q, { ...m, years: 29 / 365 }, junk).iv).not.toBe(base.iv);
    expect(analyzeCached(q, m, { ...junk, minOpenInterest: 1000 }).junk).toContain(analyzeContract(q, m, { ...junk, minOpenInterest: 1000 }).junk[0]);
  });
  it('remember NaN (no volatility reproduces the price) as NaN, not as a miss or a number', () => {
    const i = { type: 'call' as const, price: 50, spot: 12, strike: 10, years: 0.1, rate: 0.04, dividendYield: 0, style: 'american' as const };
    expect(impliedVol(i)).toBeNaN();
    expect(impliedVolCached(i)).toBeNaN();
    expect(impliedVolCached(i)).toBeNaN();
    const ok = { ...i, price: 2.2 };
    expect(impliedVolCached(ok)).toBe(impliedVol(ok));
  });
});
