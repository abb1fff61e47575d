import { describe, expect, it } from 'vitest';
import {
  analyzeContract,
  americanPrice,
  atmIv,
  constantMaturityIv,
  expectedMove,
  ivRankPercentile,
  liquidityScore,
  probabilityOfProfit,
  rankByScore,
  realizedVol,
  returnAtExpiry,
  scoreParts,
  weightedScore,
  type JunkRules,
} from '../../../src/core/options/index.js';

const junk: JunkRules = { maxSpreadPct: 0.5, minOpenInterest: 10, minVolume: 0, maxIv: 5 };
const market = { spot: 100, years: 0.5, rate: 0.04, dividendYield: 0, vol: 0.3 };

describe('probability of profit = N(d2) at the breakeven', () => {
  // Hand computation (Python math.erf): call K=100, premium 5 → breakeven 105,
  // d2 = (ln(100/105) + (0.04 − 0.3²/2)·0.5)/(0.3·√0.5) = −0.2417841526, N(d2) = 0.4044737095.
  it('long call: P(S_T > K + premium)', () => {
    expect(probabilityOfProfit('call', 105, market)).toBeCloseTo(0.40447370951340544, 12);
  });
  // Put K=100, premium 5 → breakeven 95, d2 = 0.2300137956, P(S_T < 95) = N(−d2) = 0.4090405249.
  it('long put: P(S_T < K − premium)', () => {
    expect(probabilityOfProfit('put', 95, market)).toBeCloseTo(0.40904052488706744, 12);
  });
  it('is not N(d1): the two differ by the drift term', () => {
    // N(d1) at 105 would be N(−0.2418 + 0.2121) = N(−0.0297) ≈ 0.488.
    expect(Math.abs(probabilityOfProfit('call', 105, market) - 0.488)).toBeGreaterThan(0.05);
  });
  it('breakeven at or below zero: a put cannot profit, a call always finishes above', () => {
    expect(probabilityOfProfit('put', 0, market)).toBe(0);
    expect(probabilityOfProfit('call', -1, market)).toBe(1);
    expect(probabilityOfProfit('call', 105, { ...market, vol: NaN })).toBeNaN();
  });
});

describe('expected move and return under a target move', () => {
  it('expected move is S·σ·√T (1σ)', () => {
    expect(expectedMove(100, 0.3, 0.5)).toBeCloseTo(21.213203435596427, 12);
    expect(expectedMove(100, NaN, 0.5)).toBeNaN();
  });
  it('return at expiry is payoff/premium − 1', () => {
    expect(returnAtExpiry('call', 100, 5, 121.21)).toBeCloseTo(21.21 / 5 - 1, 12);
    expect(returnAtExpiry('put', 100, 5, 110)).toBe(-1);
    expect(returnAtExpiry('put', 100, 0, 90)).toBeNaN();
  });
});

describe('analyzeContract', () => {
  const inp = { spot: 100, years: 30 / 365, rate: 0.04, dividendYield: 0.01, model: 'american' as const };
  const fair = americanPrice({ type: 'put', spot: 100, strike: 105, years: inp.years, rate: 0.04, dividendYield: 0.01, vol: 0.45 });
  const q = { type: 'put' as const, strike: 105, bid: fair - 0.05, ask: fair + 0.05, last: null, volume: 120, openInterest: 800 };
  const a = analyzeContract(q, inp, junk);
  it('solves IV from the mid with the American model and reports moneyness, intrinsic and time value', () => {
    expect(a.priceBasis).toBe('mid');
    expect(a.iv).toBeCloseTo(0.45, 8);
    expect(a.moneyness).toBe('ITM');
    expect(a.intrinsic).toBe(5);
    expect(a.timeValue).toBeCloseTo(fair - 5, 12);
    // A buyer pays the ask: breakeven K − ask for a put.
    expect(a.premiumBasis).toBe('ask');
    expect(a.breakeven).toBeCloseTo(105 - (fair + 0.05), 12);
    expect(a.junk).toEqual([]);
  });
  it('theta per day is theta/365 and its share of the premium is theta/day ÷ price', () => {
    expect(a.thetaPerDay).toBeCloseTo(a.theta / 365, 15);
    expect(a.thetaPctOfPremium).toBeCloseTo(a.thetaPerDay / a.price, 15);
    expect(a.thetaPctOfPremium).toBeLessThan(0);
    expect(a.vegaPerPoint).toBeCloseTo(a.vega / 100, 15);
  });
  it('POP uses the contract IV at the breakeven', () => {
    expect(a.probabilityOfProfit).toBeCloseTo(
      probabilityOfProfit('put', a.breakeven, { spot: 100, years: inp.years, rate: 0.04, dividendYield: 0.01, vol: a.iv }),
      14,
    );
  });
  it.each([
    ['no bid', { bid: 0 }, /no bid/],
    ['no ask', { ask: 0 }, /no ask/],
    ['wide spread', { bid: 1, ask: 3 }, /spread 100% of mid/],
    ['thin open interest', { openInterest: 3 }, /open interest 3/],
    ['impossible price', { bid: 200, ask: 201 }, /no implied vol/],
  ])('flags junk: %s', (_n, patch, reason) => {
    const r = analyzeContract({ ...q, ...patch }, inp, junk);
    expect(r.junk.join(', ')).toMatch(reason);
  });
  it('flags IV over the configured maximum (500 %)', () => {
    const wild = americanPrice({ type: 'call', spot: 100, strike: 150, years: inp.years, rate: 0.04, dividendYield: 0.01, vol: 6 });
    const r = analyzeContract({ ...q, type: 'call', strike: 150, bid: wild * 0.99, ask: wild * 1.01 }, inp, junk);
    expect(r.iv).toBeGreaterThan(5);
    expect(r.junk.join()).toMatch(/IV \d+%/);
  });
  const floor = Date.parse('2026-11-30T14:30:00Z'); // the previous session's open
  it('falls back to a last trade from the current or previous session, and says when it was', () => {
    const r = analyzeContract({ ...q, bid: 0, ask: 0, last: fair, lastTradeAt: '2026-12-01T15:42:00Z' }, { ...inp, lastTradeFloor: floor }, junk);
    expect(r.priceBasis).toBe('last');
    expect(r.lastTradeAt).toBe('2026-12-01T15:42:00Z');
    expect(r.iv).toBeCloseTo(0.45, 8);
    expect(r.premiumBasis).toBe('last');
  });
  it.each([
    ['older than the previous session', { lastTradeAt: '2026-08-20T19:00:00Z' }, floor, /last trade 2026-08-20 is older than the previous session/],
    ['undated', {}, floor, /last trade undated/],
    ['with no session floor given', { lastTradeAt: '2026-12-01T15:42:00Z' }, undefined, /older than the previous session/],
  ])('a last trade %s prices nothing: IV, Greeks and POP n/a with the reason', (_n, patch, f, reason) => {
    const r = analyzeContract({ ...q, bid: 0, ask: 0, last: fair, ...patch }, { ...inp, lastTradeFloor: f }, junk);
    expect(r.priceBasis).toBe('none');
    expect(r.iv).toBeNaN();
    expect(r.delta).toBeNaN();
    expect(r.probabilityOfProfit).toBeNaN();
    expect(r.naReason).toMatch(reason);
    expect(r.junk.join()).toMatch(reason);
  });
  it('a mid within a tick of intrinsic has no IV, Greeks or POP ("at intrinsic"), never 0 %', () => {
    // Put K = 105 at spot 100: intrinsic 5.00; mid 5.01 leaves one cent of time value.
    for (const [bid, ask] of [
      [5.0, 5.02],
      [4.98, 5.02],
      [5.0, 5.1],
    ] as const) {
      const r = analyzeContract({ ...q, bid, ask }, inp, junk);
      const mid = (bid + ask) / 2;
      expect(r.naReason).toBe(mid - 5 <= 0.05 + 1e-9 ? 'at intrinsic' : undefined);
      if (r.naReason) {
        expect(r.iv).toBeNaN();
        expect(r.delta).toBeNaN();
        expect(r.probabilityOfProfit).toBeNaN();
        expect(r.junk).toContain('at intrinsic');
      }
    }
    // Below intrinsic by more than a tick (the recorded CRON 3 put: mid 1.00 against 1.03).
    const below = analyzeContract({ ...q, strike: 3, bid: 0.95, ask: 1.05 }, { ...inp, spot: 1.97 }, junk);
    expect(below.naReason).toBe('below intrinsic');
  });
  it('liquidity rises with volume and open interest and falls with the spread', () => {
    expect(liquidityScore(1000, 10000, 0)).toBeCloseTo(1, 12);
    expect(liquidityScore(100, 1000, 0.05)).toBeGreaterThan(liquidityScore(100, 1000, 0.3));
    expect(liquidityScore(10, 100, 0.05)).toBeLessThan(liquidityScore(100, 1000, 0.05));
    expect(liquidityScore(100, 1000, NaN)).toBe(0);
  });
});

describe('score', () => {
  const inp = { spot: 100, years: 30 / 365, rate: 0.04, dividendYield: 0, model: 'american' as const };
  const q = { type: 'call' as const, strike: 100, bid: 3.4, ask: 3.6, last: null, volume: 500, openInterest: 2000 };
  const a = analyzeContract(q, inp, junk);
  const w = { liquidity: 0.3, value: 0.25, greeks: 0.2, probability: 0.25 };
  it('is the weighted mean of its parts, 0–100', () => {
    const p = scoreParts(a, { realizedVol: a.iv, ivRank: NaN });
    const manual = (100 * (0.3 * p.liquidity + 0.25 * p.value + 0.2 * p.greeks + 0.25 * p.probability)) / 1;
    expect(weightedScore(p, w, [])).toBeCloseTo(manual, 10);
    expect(p.value).toBeCloseTo((2 - 1) / 1.2, 12); // IV = RV
  });
  it('leaves out a part that cannot be computed and renormalises, instead of inventing it', () => {
    const p = scoreParts(a, { realizedVol: NaN, ivRank: NaN });
    expect(p.value).toBeNaN();
    const manual = (100 * (0.3 * p.liquidity + 0.2 * p.greeks + 0.25 * p.probability)) / 0.75;
    expect(weightedScore(p, w, [])).toBeCloseTo(manual, 10);
    expect(scoreParts(a, { realizedVol: NaN, ivRank: 0.2 }).value).toBeCloseTo(0.8, 12);
  });
  it('junk never scores or ranks', () => {
    expect(weightedScore(scoreParts(a, { realizedVol: 0.3, ivRank: NaN }), w, ['no bid'])).toBeNaN();
    expect(rankByScore([50, NaN, 70, 10])).toEqual([2, null, 1, 3]);
  });
});

describe('volatility statistics', () => {
  it('IV rank and percentile over the stored history', () => {
    const hist = [0.2, 0.3, 0.4, 0.5, 0.6];
    const r = ivRankPercentile(hist, 0.45);
    expect(r.rank).toBeCloseTo(0.625, 12); // (0.45 − 0.2)/(0.6 − 0.2)
    expect(r.percentile).toBeCloseTo(0.6, 12); // 3 of 5 days lower
    expect(ivRankPercentile([0.3], 0.3).rank).toBeNaN();
  });
  it('constant maturity interpolates total variance between the bracketing expiries', () => {
    // w(30d) = 0.04·(20/365) + (0.09·(44/365) − 0.04·(20/365))·(10/24)
    const w = 0.04 * (20 / 365) + (0.09 * (44 / 365) - 0.04 * (20 / 365)) * (10 / 24);
    expect(constantMaturityIv(20 / 365, 0.2, 44 / 365, 0.3, 30 / 365)).toBeCloseTo(Math.sqrt(w / (30 / 365)), 14);
    expect(constantMaturityIv(35 / 365, 0.2, 44 / 365, 0.3, 30 / 365)).toBeNaN(); // not bracketed
  });
  it('ATM IV interpolates the call/put mean in strike around spot', () => {
    const pts = [
      { type: 'call' as const, strike: 95, iv: 0.32 },
      { type: 'put' as const, strike: 95, iv: 0.34 },
      { type: 'call' as const, strike: 100, iv: 0.3 },
      { type: 'put' as const, strike: 100, iv: 0.3 },
    ];
    expect(atmIv(pts, 97.5)).toBeCloseTo(0.315, 14);
    expect(atmIv(pts, 120)).toBeNaN();
  });
  it('realized vol is the annualized sample stdev of log returns', () => {
    const closes = [100, 101, 99, 102, 100];
    const r = [Math.log(101 / 100), Math.log(99 / 101), Math.log(102 / 99), Math.log(100 / 102)];
    const m = r.reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / 3);
    expect(realizedVol(closes, 4)).toBeCloseTo(sd * Math.sqrt(252), 14);
    expect(realizedVol(closes, 20)).toBeNaN();
  });
});
