/**
 * Each preset against its written definition: the filters it builds from the config defaults,
 * and a hand-made candidate that fits it next to ones that miss it by a single condition.
 */
import { describe, expect, it } from 'vitest';
import { checkFundamentals, checkQuote, checkTechnicals, type FundamentalFacts, type QuoteFacts, type ScanFilters } from '../../src/core/scanner/filters.js';
import { PRESET_NAMES, PRESETS, resolveFilters, type ScanDefaults } from '../../src/core/scanner/presets.js';
import type { TechnicalSnapshot } from '../../src/core/scanner/technicals.js';
import { snapshot } from './fixtures.js';

const defaults: ScanDefaults = {
  bands: { micro: [5e7, 3e8], small: [3e8, 2e9], mid: [2e9, 1e10] },
  defaultBand: 'small',
  priceBand: [2, 150],
  minAvgVolume: 200_000,
  revenueGrowthMin: 0.1,
  epsGrowthMin: 0.05,
  peRange: [0, 60],
  institutionalOwnership: [0.05, 0.95],
};
const today = '2026-12-01';

interface Facts {
  quote: QuoteFacts;
  fund: FundamentalFacts;
  snap: TechnicalSnapshot;
  rs: number;
}

function passes(f: ScanFilters, x: Facts): boolean {
  return checkQuote(x.quote, f).pass && checkFundamentals(x.fund, f, today).pass && checkTechnicals(x.snap, f, x.rs).pass;
}

const quote: QuoteFacts = { price: 12, changePercent: 1, previousClose: 11.88, open: 11.9, volume: 400_000, avgVolume: 300_000, marketCap: 8e8 };
const fund: FundamentalFacts = {
  sector: 'Technology',
  floatShares: 50e6,
  shortPercentFloat: 0.05,
  institutionalOwnership: 0.5,
  revenueGrowth: 0.2,
  epsGrowth: 0.1,
  trailingPE: 25,
  nextEarnings: '2026-12-10',
};
const with_ = (x: Facts, over: { quote?: Partial<QuoteFacts>; fund?: Partial<FundamentalFacts>; snap?: Partial<TechnicalSnapshot>; rs?: number }): Facts => ({
  quote: { ...x.quote, ...over.quote },
  fund: { ...x.fund, ...over.fund },
  snap: { ...x.snap, ...over.snap },
  rs: over.rs ?? x.rs,
});

describe('presets', () => {
  it('every preset has a written definition', () => {
    for (const name of PRESET_NAMES) expect(PRESETS[name].summary.length, name).toBeGreaterThan(40);
  });

  it('default = the configured band, price, volume and fundamentals', () => {
    expect(resolveFilters(defaults, 'default')).toEqual({
      marketCap: [3e8, 2e9],
      price: [2, 150],
      minAvgVolume: 200_000,
      revenueGrowthMin: 0.1,
      epsGrowthMin: 0.05,
      pe: [0, 60],
      institutional: [0.05, 0.95],
    });
    const ok: Facts = { quote, fund, snap: snapshot(), rs: NaN };
    const f = resolveFilters(defaults, 'default');
    expect(passes(f, ok)).toBe(true);
    expect(passes(f, with_(ok, { fund: { trailingPE: undefined } }))).toBe(false); // loss maker
    expect(passes(f, with_(ok, { quote: { marketCap: 2.5e9 } }))).toBe(false); // mid cap
  });

  it('momentum: above SMA20 and SMA50, RSI 50–80, RS ≥ 70, relative volume ≥ 1.2', () => {
    const f = resolveFilters(defaults, 'momentum');
    const ok: Facts = { quote: { ...quote, volume: 360_000 }, fund, snap: snapshot({ close: 12, sma20: 11.5, sma50: 11, rsi: 62 }), rs: 85 };
    expect(passes(f, ok)).toBe(true);
    expect(passes(f, with_(ok, { snap: { sma20: 12.1 } }))).toBe(false);
    expect(passes(f, with_(ok, { snap: { rsi: 81 } }))).toBe(false);
    expect(passes(f, with_(ok, { rs: 60 }))).toBe(false);
    expect(passes(f, with_(ok, { quote: { volume: 359_000 } }))).toBe(false);
  });

  it('low-float: micro–small cap, float ≤ 20M, $1–20, avg volume ≥ 100K, relative volume ≥ 1.5', () => {
    const f = resolveFilters(defaults, 'low-float');
    expect(f.marketCap).toEqual([5e7, 2e9]);
    const ok: Facts = {
      quote: { ...quote, price: 4, marketCap: 9e7, avgVolume: 150_000, volume: 300_000 },
      fund: { ...fund, floatShares: 12e6 },
      snap: snapshot(),
      rs: NaN,
    };
    expect(passes(f, ok)).toBe(true);
    expect(passes(f, with_(ok, { fund: { floatShares: 21e6 } }))).toBe(false);
    expect(passes(f, with_(ok, { quote: { price: 21 } }))).toBe(false);
    expect(passes(f, with_(ok, { quote: { volume: 200_000 } }))).toBe(false);
  });

  it('oversold-quality: RSI ≤ 40 above SMA200 with growth, P/E 0–40 and institutions ≥ 20 %', () => {
    const f = resolveFilters(defaults, 'oversold-quality');
    const ok: Facts = { quote, fund, snap: snapshot({ close: 12, sma200: 10, rsi: 33 }), rs: NaN };
    expect(passes(f, ok)).toBe(true);
    expect(passes(f, with_(ok, { snap: { rsi: 45 } }))).toBe(false);
    expect(passes(f, with_(ok, { snap: { sma200: 12.5 } }))).toBe(false);
    expect(passes(f, with_(ok, { fund: { trailingPE: 45 } }))).toBe(false);
    expect(passes(f, with_(ok, { fund: { institutionalOwnership: 0.1 } }))).toBe(false);
    expect(passes(f, with_(ok, { fund: { revenueGrowth: 0.05 } }))).toBe(false);
  });

  it('earnings-run-up: a report within 14 days, above SMA20 and SMA50, RSI 50–75', () => {
    const f = resolveFilters(defaults, 'earnings-run-up');
    const ok: Facts = { quote, fund: { ...fund, nextEarnings: '2026-12-15' }, snap: snapshot({ close: 12, sma20: 11.5, sma50: 11, rsi: 60 }), rs: NaN };
    expect(passes(f, ok)).toBe(true);
    expect(passes(f, with_(ok, { fund: { nextEarnings: '2026-12-16' } }))).toBe(false);
    expect(passes(f, with_(ok, { snap: { rsi: 76 } }))).toBe(false);
  });

  it('user filters override the preset’s; undefined ones do not erase it', () => {
    const f = resolveFilters(defaults, 'momentum', { rsi: [40, 60], price: undefined });
    expect(f.rsi).toEqual([40, 60]);
    expect(f.price).toEqual([2, 150]);
  });
});
