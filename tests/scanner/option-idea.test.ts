/**
 * The option idea on a hand-made chain priced by an independent library (npm `black-scholes`,
 * Black-Scholes with no dividend: a call's American price equals its European one). Reference
 * for PoP: N(d2) at the breakeven, d2 = (ln(S/B) + (r − σ²/2)T) / (σ√T), N from that library.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { analyzeContract, scoreParts, weightedScore } from '../../src/core/options/index.js';
import { bestCallIdea, type ChainContract } from '../../src/core/scanner/option-idea.js';

const require = createRequire(import.meta.url);
const ref = require('black-scholes') as {
  blackScholes(s: number, k: number, t: number, v: number, r: number, type: 'call' | 'put'): number;
  stdNormCDF(x: number): number;
};

const spot = 50;
const years = 30 / 365;
const rate = 0.04;
const vol = 0.5;
const junk = { maxSpreadPct: 0.5, minOpenInterest: 10, minVolume: 0, maxIv: 5 };
const weights = { liquidity: 0.3, value: 0.25, greeks: 0.2, probability: 0.25 };

/** Calls and puts from 40 to 60, mid = the reference price, bid/ask ± 2 % of mid (at least a cent). */
function chain(over: (c: ChainContract) => Partial<ChainContract> = () => ({})): ChainContract[] {
  const out: ChainContract[] = [];
  for (let k = 40; k <= 60; k += 2.5) {
    for (const type of ['call', 'put'] as const) {
      const mid = ref.blackScholes(spot, k, years, vol, rate, type);
      const half = Math.max(0.01, mid * 0.02);
      const c: ChainContract = {
        contractSymbol: `TEST${type[0]}${k}`,
        expiry: '2026-12-31',
        type,
        strike: k,
        bid: mid - half,
        ask: mid + half,
        last: mid,
        volume: 150,
        openInterest: 800,
      };
      out.push({ ...c, ...over(c) });
    }
  }
  return out;
}

const floors = { maxSpreadPct: 0.15, minOpenInterest: 100 };
const input = { spot, years, rate, dividendYield: 0, realizedVol: 0.5, junk, floors, weights };

describe('bestCallIdea', () => {
  it('picks a liquid call inside the delta window and explains it', () => {
    const { idea, considered, junk: j } = bestCallIdea({ ...input, contracts: chain() });
    expect(idea).toBeDefined();
    if (!idea) return;
    expect(idea.type).toBe('call');
    expect(idea.delta).toBeGreaterThanOrEqual(0.25);
    expect(idea.delta).toBeLessThanOrEqual(0.7);
    expect(idea.iv).toBeCloseTo(vol, 2);
    expect(considered).toBe(9);
    expect(j).toBe(0);
    expect(idea.model).toBe('american');
    expect(idea.why).toMatch(/call at \$.*breakeven \$.*PoP \d+% \(N\(d2\) at breakeven\)/);
  });

  it('breakeven is strike + ask; PoP is N(d2) at the breakeven with the contract’s own IV (not N(d1))', () => {
    const idea = bestCallIdea({ ...input, contracts: chain() }).idea;
    if (!idea) throw new Error('no idea');
    expect(idea.breakeven).toBeCloseTo(idea.strike + idea.ask, 12);
    const s = idea.iv * Math.sqrt(years);
    const d1 = (Math.log(spot / idea.breakeven) + (rate + idea.iv ** 2 / 2) * years) / s;
    const d2 = d1 - s;
    expect(idea.probabilityOfProfit).toBeCloseTo(ref.stdNormCDF(d2), 6);
    expect(idea.probabilityOfProfit).toBeLessThan(ref.stdNormCDF(d1));
    expect(idea.breakevenMove).toBeCloseTo(idea.breakeven / spot - 1, 12);
  });

  it('never ranks junk: no bid, wide spreads or thin open interest leave a note instead', () => {
    const none = bestCallIdea({ ...input, contracts: chain((c) => ({ bid: 0 })) });
    expect(none.idea).toBeUndefined();
    expect(none.note).toMatch(/junk or not fillable/);
    const thin = bestCallIdea({ ...input, contracts: chain((c) => (c.strike === 50 ? {} : { openInterest: 2 })) });
    expect(thin.idea?.strike).toBe(50);
    expect(thin.junk).toBe(8);
    expect(bestCallIdea({ ...input, contracts: chain().filter((c) => c.type === 'put') }).note).toBe('no calls near the money');
  });

  it('only fillable contracts: spread over 15 % of mid or open interest under 100 never make an idea', () => {
    // The 50 call alone is fillable; the others have a 20 % spread (within the 50 % junk rule) or OI 99.
    const wide = (c: ChainContract): Partial<ChainContract> => {
      if (c.strike === 50) return {};
      const mid = ((c.bid as number) + (c.ask as number)) / 2;
      return c.strike < 50 ? { bid: mid * 0.9, ask: mid * 1.1 } : { openInterest: 99 };
    };
    const out = bestCallIdea({ ...input, contracts: chain(wide) });
    expect(out.idea?.strike).toBe(50);
    expect(out.idea?.spreadPct).toBeLessThanOrEqual(0.15);
    expect(out.idea?.openInterest).toBeGreaterThanOrEqual(100);
    expect(out.junk).toBe(8);
  });

  it('one scorer: the idea has the breakeven, PoP and score /greeks computes for the same contract', () => {
    const contracts = chain();
    const idea = bestCallIdea({ ...input, contracts }).idea;
    if (!idea) throw new Error('no idea');
    const c = contracts.find((x) => x.contractSymbol === idea.contract) as ChainContract;
    const a = analyzeContract(c, { spot, years, rate, dividendYield: 0, model: 'american' }, junk);
    expect(idea.breakeven).toBe(a.breakeven);
    expect(idea.probabilityOfProfit).toBe(a.probabilityOfProfit);
    expect(idea.score).toBe(weightedScore(scoreParts(a, { realizedVol: 0.5, ivRank: NaN }), weights, a.junk));
    expect(a.premiumBasis).toBe('ask');
  });
});
