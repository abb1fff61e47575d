/**
 * Recorded Yahoo responses (../shared/fixtures/yahoo, recorded by the yahoo-finance2 project)
 * replayed through the real yahoo-finance2 v3 client. Expected values are read off the recordings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig, MarketDataError, type MarketGateway } from '../../src/market/index.js';
import { createReplayFetch } from '../../src/market/replay/replay.js';
import { createYahooProvider } from '../../src/market/yahoo/provider.js';
import { openStore, type Store } from '../../src/store/index.js';
import { FIXTURES_DIR } from './helpers/fixtures.js';

// Recorded around 2025-02-14..21; a clock just after keeps "next earnings" in the future.
const clock = manualClock(new Date('2025-02-20T15:00:00Z'));
let store: Store;
let gw: MarketGateway;

beforeEach(async () => {
  store = await openStore('memory://');
  gw = await createMarketData(DataConfig.parse({ source: `replay:${FIXTURES_DIR}` }), { store, clock, logger: silentLogger });
});

afterEach(async () => {
  await gw.close();
  await store.close();
  // The crumb is cached process-wide by the library.
  await getCrumbClear(new ExtendedCookieJar());
});

describe('replay of recorded Yahoo responses', () => {
  it('runs the crumb flow and a quote through the real client', async () => {
    const replay = await createReplayFetch(FIXTURES_DIR);
    const yahoo = createYahooProvider({ fetch: replay, clock, logger: silentLogger });
    const [q] = await yahoo.quotes(['CRON']);
    expect(q?.price).toBe(1.97);
    expect(replay.served).toContain('getCrumb-getcrumb.json');
    expect(replay.served).toContain('quote-CRON.json');
    expect(replay.missed).toEqual([]);
  });

  it('maps quotes, batching symbols from several recordings into one answer', async () => {
    const quotes = await gw.quotes(['CRON', 'aapl', 'BABA', 'SOHO']);
    const by = new Map(quotes.map((q) => [q.symbol, q]));
    expect(by.get('CRON')).toMatchObject({
      price: 1.97,
      previousClose: 2,
      volume: 1039422,
      avgVolume: 1378805,
      marketCap: 754123904,
      exchange: 'NasdaqGM',
      name: 'Cronos Group Inc.',
    });
    expect(by.get('CRON')?.changePercent).toBeCloseTo(-1.4999986, 6);
    expect(by.get('AAPL')?.price).toBe(244.6);
    expect(by.get('BABA')?.price).toBe(124.73);
    expect(by.get('SOHO')?.price).toBe(0.8401);
    const stamp = by.get('CRON')?.stamp;
    expect(stamp).toMatchObject({ source: 'Yahoo Finance', delayed: true, stale: false, simulated: false, delayMinutes: 15 });
    // regularMarketTime 1739566800 = 2025-02-14 16:00 New York
    expect(stamp?.asOf).toBe('2025-02-14T21:00:00.000Z');
  });

  it('leaves out symbols Yahoo does not know (recorded empty answer for SIX, quoteType NONE for BRKS)', async () => {
    expect(await gw.quotes(['SIX'])).toEqual([]);
    expect(await gw.quotes(['BRKS'])).toEqual([]);
  });

  it('maps the nearest option chain with New York expiry dates', async () => {
    const chain = await gw.optionChain('CRON');
    expect(chain.spot).toBe(1.97);
    expect(chain.expiries).toEqual(['2025-03-21', '2025-04-17', '2025-07-18', '2025-10-17', '2026-01-16', '2027-01-15']);
    expect(chain.contracts.filter((c) => c.type === 'call')).toHaveLength(8);
    expect(chain.contracts.filter((c) => c.type === 'put')).toHaveLength(3);
    const put = chain.contracts.find((c) => c.contractSymbol === 'CRON250321P00003000');
    expect(put).toMatchObject({ type: 'put', strike: 3, expiry: '2025-03-21', bid: 0.95, ask: 1.05, last: 1.1, volume: null, openInterest: 0 });
    expect(put?.providerIv).toBeCloseTo(1.0625046875, 8);
    expect(chain.stamp.source).toBe('Yahoo Finance');
  });

  it('names the existing expiries when asked for one that does not exist', async () => {
    const err = await gw.optionChain('AAPL', '2022-03-01').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketDataError);
    expect((err as MarketDataError).code).toBe('UNKNOWN_EXPIRY');
    expect((err as MarketDataError).message).toMatch(/^AAPL has no options expiring 2022-03-01; available expiries: 2025-02-28, 2025-03-07, .*2027-06-17\.$/);
  });

  it('says so when a stock has no options (AFRAF)', async () => {
    await expect(gw.optionChain('AFRAF')).rejects.toMatchObject({ code: 'NO_OPTIONS', message: 'AFRAF has no listed options on Yahoo Finance.' });
  });

  it('maps daily history as New York trading days', async () => {
    const bars = await gw.history('CRON', { from: '2020-01-01', to: '2020-01-02' });
    expect(bars.bars).toHaveLength(1);
    expect(bars.bars[0]).toMatchObject({ date: '2020-01-02', volume: 12655000 });
    expect(bars.bars[0]?.close).toBeCloseTo(7.36, 6);
    expect(bars.stamp.asOf).toBe('2020-01-02T21:00:00.000Z');
  });

  it('serves a history range from a recording whose period covers it (2020 EPAC, older capture)', async () => {
    const bars = await gw.history('EPAC', { from: '2020-03-02', to: '2020-03-06' });
    expect(bars.bars.map((b) => b.date)).toEqual(['2020-03-02', '2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06']);
    expect(bars.bars[0]?.open).toBeCloseTo(21.49, 2);
    expect(bars.bars[0]?.close).toBeCloseTo(21.94, 2);
  });

  it('maps quoteSummary modules into fundamentals', async () => {
    const f = await gw.fundamentals('CRON');
    expect(f).toMatchObject({
      symbol: 'CRON',
      name: 'Cronos Group Inc.',
      sector: 'Healthcare',
      industry: 'Drug Manufacturers - Specialty & Generic',
      marketCap: 753121152,
      sharesOutstanding: 382295008,
      floatShares: 204772337,
      shortPercentFloat: 0.0188,
      revenueGrowth: 0.381,
      forwardPE: -49.25,
      beta: 1.011,
      nextEarnings: '2025-02-26',
    });
    expect(f.institutionalOwnership).toBeCloseTo(0.14289, 5);
    const aapl = await gw.fundamentals('AAPL');
    expect(aapl).toMatchObject({ sector: 'Technology', trailingPE: 38.91442, nextEarnings: '2025-04-30' });
    // summaryDetail.dividendYield 0.0041 (simple) → ln(1.0041) continuous
    expect(aapl.dividendYield).toBeCloseTo(Math.log1p(0.0041), 8);
  });

  it('builds a universe from the small-cap screener and trending recordings', async () => {
    const u = await gw.universe();
    expect(u.find((e) => e.symbol === 'ATUS')).toMatchObject({ name: 'Altice USA, Inc.', marketCap: 1301606016, price: 2.81 });
    expect(new Set(u.map((e) => e.symbol)).size).toBe(u.length);
  });

  it('caches: the second identical request is a cache hit', async () => {
    await gw.fundamentals('EPAC');
    await gw.fundamentals('EPAC');
    const [yahoo] = gw.status();
    expect(yahoo).toMatchObject({ id: 'yahoo', cacheHits: 1, cacheMisses: 1, healthy: true });
  });

  it('says clearly when the recordings hold no answer', async () => {
    await expect(gw.optionChain('CRON', '2025-04-17')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The replay recordings have no Yahoo Finance answer for the CRON option chain expiring 2025-04-17.',
    });
  });
});
