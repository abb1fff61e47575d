/**
 * Every scan filter on hand-made facts where the answer is known by construction: one value just
 * inside, one just outside, and a missing value (which fails the filter: unknown is not a pass).
 */
import { describe, expect, it } from 'vitest';
import {
  checkFundamentals,
  checkListing,
  checkQuote,
  checkTechnicals,
  daysUntil,
  gapOf,
  needsFundamentals,
  relativeStrength,
  relativeVolume,
  type ScanFilters,
} from '../../src/core/scanner/filters.js';
import { snapshot } from './fixtures.js';

const base: ScanFilters = { marketCap: [3e8, 2e9], price: [2, 150], minAvgVolume: 200_000 };
const quote = { price: 10, changePercent: 0, previousClose: 10, open: 10, volume: 300_000, avgVolume: 250_000, marketCap: 5e8 };
const fail = (checks: { filter: string; pass: boolean }[]) => checks.filter((c) => !c.pass).map((c) => c.filter);

describe('listing filters (screener rows)', () => {
  it('cuts by market cap, price, average volume and sector when the row has them', () => {
    expect(checkListing({ marketCap: 5e8, price: 10, avgVolume: 3e5, sector: 'Technology' }, { ...base, sectors: ['tech'] }).pass).toBe(true);
    // Cap bands are [min, max) as in config: $2B belongs to the mid band, not the small one.
    expect(fail(checkListing({ marketCap: 2e9 - 1, price: 150, avgVolume: 2e5 }, base).checks)).toEqual([]);
    expect(fail(checkListing({ marketCap: 2e9, price: 10, avgVolume: 3e5 }, base).checks)).toEqual(['marketCap']);
    expect(fail(checkListing({ marketCap: 2.5e9, price: 1.99, avgVolume: 199_999 }, base).checks)).toEqual(['marketCap', 'price', 'avgVolume']);
    expect(fail(checkListing({ sector: 'Energy' }, { ...base, sectors: ['tech', 'health'] }).checks)).toEqual(['sector']);
  });

  it('lets rows without data through to the quote stage', () => {
    expect(checkListing({}, { ...base, sectors: ['tech'] })).toEqual({ pass: true, checks: [] });
  });
});

describe('quote filters', () => {
  it('price band, market-cap band and average volume are inclusive ranges', () => {
    expect(checkQuote({ ...quote, price: 2 }, base).pass).toBe(true);
    expect(checkQuote({ ...quote, price: 150 }, base).pass).toBe(true);
    expect(fail(checkQuote({ ...quote, price: 150.01 }, base).checks)).toEqual(['price']);
    expect(fail(checkQuote({ ...quote, marketCap: 2.9e8 }, base).checks)).toEqual(['marketCap']);
    expect(fail(checkQuote({ ...quote, avgVolume: 199_999 }, base).checks)).toEqual(['avgVolume']);
  });

  it('a quote with no market cap fails the cap band (unknown is not a pass)', () => {
    const { marketCap: _, ...noCap } = quote;
    expect(fail(checkQuote(noCap, base).checks)).toEqual(['marketCap']);
  });

  it('relative volume = volume ÷ average volume', () => {
    expect(relativeVolume({ ...quote, volume: 600_000, avgVolume: 200_000 })).toBe(3);
    expect(checkQuote({ ...quote, volume: 600_000, avgVolume: 200_000 }, { ...base, relVolume: 3 }).pass).toBe(true);
    expect(checkQuote({ ...quote, volume: 599_999, avgVolume: 200_000 }, { ...base, relVolume: 3 }).pass).toBe(false);
    expect(relativeVolume({ ...quote, volume: undefined })).toBeNaN();
  });

  it('% change reads the quote’s percent as a fraction', () => {
    const f = { ...base, change: [0.03, 0.15] as const };
    expect(checkQuote({ ...quote, changePercent: 3 }, f).pass).toBe(true);
    expect(checkQuote({ ...quote, changePercent: 15.01 }, f).pass).toBe(false);
    expect(checkQuote({ ...quote, changePercent: -4 }, { ...base, change: [-Infinity, -0.03] }).pass).toBe(true);
  });

  it('gap = open ÷ previous close − 1', () => {
    expect(gapOf({ ...quote, open: 10.5, previousClose: 10 })).toBeCloseTo(0.05, 12);
    expect(checkQuote({ ...quote, open: 10.5, previousClose: 10 }, { ...base, gap: [0.04, Infinity] }).pass).toBe(true);
    expect(checkQuote({ ...quote, open: 10.3, previousClose: 10 }, { ...base, gap: [0.04, Infinity] }).pass).toBe(false);
    expect(checkQuote({ ...quote, open: undefined }, { ...base, gap: [0.04, Infinity] }).pass).toBe(false);
  });
});

describe('fundamental filters', () => {
  const today = '2026-12-01';
  const facts = {
    sector: 'Technology',
    floatShares: 15e6,
    shortPercentFloat: 0.22,
    institutionalOwnership: 0.4,
    revenueGrowth: 0.12,
    epsGrowth: 0.06,
    trailingPE: 18,
    nextEarnings: '2026-12-08',
  };

  it('needs fundamentals only when such a filter is set', () => {
    expect(needsFundamentals(base)).toBe(false);
    expect(needsFundamentals({ ...base, pe: [0, 30] })).toBe(true);
    expect(needsFundamentals({ ...base, earnings: { days: 7, mode: 'within' } })).toBe(true);
  });

  it('float and short interest bands', () => {
    expect(checkFundamentals(facts, { ...base, float: [0, 20e6] }, today).pass).toBe(true);
    expect(checkFundamentals({ ...facts, floatShares: 20e6 + 1 }, { ...base, float: [0, 20e6] }, today).pass).toBe(false);
    expect(checkFundamentals(facts, { ...base, shortFloat: [0.2, 1] }, today).pass).toBe(true);
    expect(checkFundamentals({ ...facts, shortPercentFloat: 0.19 }, { ...base, shortFloat: [0.2, 1] }, today).pass).toBe(false);
  });

  it('earnings within N days includes day 0 and day N; "not within" needs a known date outside the window', () => {
    expect(daysUntil('2026-12-08', today)).toBe(7);
    const within7 = { ...base, earnings: { days: 7, mode: 'within' as const } };
    const notWithin7 = { ...base, earnings: { days: 7, mode: 'notWithin' as const } };
    expect(checkFundamentals(facts, within7, today).pass).toBe(true);
    expect(checkFundamentals({ ...facts, nextEarnings: today }, within7, today).pass).toBe(true);
    expect(checkFundamentals({ ...facts, nextEarnings: '2026-12-09' }, within7, today).pass).toBe(false);
    expect(checkFundamentals(facts, notWithin7, today).pass).toBe(false);
    expect(checkFundamentals({ ...facts, nextEarnings: '2026-12-09' }, notWithin7, today).pass).toBe(true);
    expect(checkFundamentals({ ...facts, nextEarnings: undefined }, notWithin7, today).pass).toBe(false);
    expect(checkFundamentals({ ...facts, nextEarnings: '2026-11-20' }, within7, today).pass).toBe(false);
  });

  it('revenue and EPS growth minimums, P/E band (loss makers fail), institutional band, sector', () => {
    const f: ScanFilters = { ...base, revenueGrowthMin: 0.1, epsGrowthMin: 0.05, pe: [0, 20], institutional: [0.2, 0.8], sectors: ['tech'] };
    expect(checkFundamentals(facts, f, today).pass).toBe(true);
    expect(fail(checkFundamentals({ ...facts, revenueGrowth: 0.09 }, f, today).checks)).toEqual(['revenueGrowth']);
    expect(fail(checkFundamentals({ ...facts, epsGrowth: 0.049 }, f, today).checks)).toEqual(['epsGrowth']);
    expect(fail(checkFundamentals({ ...facts, trailingPE: undefined }, f, today).checks)).toEqual(['pe']);
    expect(fail(checkFundamentals({ ...facts, trailingPE: 20.5 }, f, today).checks)).toEqual(['pe']);
    expect(fail(checkFundamentals({ ...facts, institutionalOwnership: 0.9 }, f, today).checks)).toEqual(['institutional']);
    expect(fail(checkFundamentals({ ...facts, sector: 'Utilities' }, f, today).checks)).toEqual(['sector']);
  });
});

describe('technical filters', () => {
  const trend = snapshot({ close: 12, sma20: 11, sma50: 10, sma200: 13 });

  it('price vs SMA 20/50/200, above and below', () => {
    expect(checkTechnicals(trend, { ...base, smaAbove: [20, 50] }, NaN).pass).toBe(true);
    expect(checkTechnicals(trend, { ...base, smaAbove: [200] }, NaN).pass).toBe(false);
    expect(checkTechnicals(trend, { ...base, smaBelow: [200] }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot({ close: 10, sma50: 10 }), { ...base, smaAbove: [50] }, NaN).pass).toBe(false); // strictly above
  });

  it('RSI band, ATR % band and distance from the 52-week high', () => {
    expect(checkTechnicals(snapshot({ rsi: 30 }), { ...base, rsi: [0, 30] }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot({ rsi: 30.5 }), { ...base, rsi: [0, 30] }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({ rsi: NaN }), { ...base, rsi: [0, 100] }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({ atrPct: 0.05 }), { ...base, atrPct: [0.02, 0.08] }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot({ atrPct: 0.09 }), { ...base, atrPct: [0.02, 0.08] }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({ fromHigh: 0.1 }), { ...base, maxFromHigh: 0.1 }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot({ fromHigh: 0.11 }), { ...base, maxFromHigh: 0.1 }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({ fromHigh: NaN }), { ...base, maxFromHigh: 0.1 }, NaN).pass).toBe(false);
  });

  it('MACD cross, Bollinger squeeze and Bollinger breakout read the snapshot', () => {
    expect(checkTechnicals(snapshot({}, ['macdCross']), { ...base, macdCross: true }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot(), { ...base, macdCross: true }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({}, ['squeeze']), { ...base, bollinger: 'squeeze' }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot(), { ...base, bollinger: 'squeeze' }, NaN).pass).toBe(false);
    expect(checkTechnicals(snapshot({ close: 11.5, bollingerUpper: 11, bollingerBreakout: true }), { ...base, bollinger: 'breakout' }, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot(), { ...base, bollinger: 'breakout' }, NaN).pass).toBe(false);
  });

  it('patterns: any one of the named ones', () => {
    const f: ScanFilters = { ...base, patterns: ['breakout', 'bullFlag'] };
    expect(checkTechnicals(snapshot({}, ['bullFlag']), f, NaN).pass).toBe(true);
    expect(checkTechnicals(snapshot({}, ['goldenCross']), f, NaN).pass).toBe(false);
  });

  it('relative strength minimum; unknown strength fails', () => {
    expect(checkTechnicals(snapshot(), { ...base, minRelativeStrength: 70 }, 70).pass).toBe(true);
    expect(checkTechnicals(snapshot(), { ...base, minRelativeStrength: 70 }, 69.9).pass).toBe(false);
    expect(checkTechnicals(snapshot(), { ...base, minRelativeStrength: 70 }, NaN).pass).toBe(false);
  });
});

describe('relativeStrength (percentile of the 63-day return)', () => {
  it('ranks 0 for the weakest to 100 for the strongest', () => {
    expect(relativeStrength([0.05, -0.1, 0.3, 0.0, 0.1])).toEqual([50, 0, 100, 25, 75]);
  });
  it('ties share the middle rank; NaN stays NaN and is not counted', () => {
    expect(relativeStrength([1, 1, 2])).toEqual([25, 25, 100]);
    expect(relativeStrength([NaN, 1, 2])).toEqual([NaN, 0, 100]);
  });
  it('one finite value has nothing to beat', () => {
    expect(relativeStrength([0.2, NaN])).toEqual([NaN, NaN]);
  });
});
