/**
 * The universe: the NASDAQ screener (documented download shape), Yahoo's predefined screeners and
 * trending symbols (rows cloned from the recorded yahoo-finance2 responses, served by the fake
 * Yahoo through the real client) and the user's ticker list, merged, each cached a day in the
 * store and each failing on its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig, type MarketGateway } from '../../src/market/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { botOver, type MarketBot } from './helpers/bot.js';
import { startFakeYahoo, type FakeYahoo, type FakeYahooOptions } from './helpers/fakeYahoo.js';
import { json, startServer, type FakeServer } from './helpers/server.js';

import { rows, screeners, trending } from './helpers/universe-data.js';

let nasdaq: FakeServer | undefined;
let yahoo: FakeYahoo | undefined;
let store: Store | undefined;
let gw: MarketGateway | undefined;
let bot: MarketBot | undefined;
afterEach(async () => {
  await gw?.close();
  await store?.close();
  await bot?.close();
  await nasdaq?.close();
  await yahoo?.close();
  await getCrumbClear(new ExtendedCookieJar());
  gw = undefined;
  store = undefined;
  bot = undefined;
  nasdaq = undefined;
  yahoo = undefined;
});

function tickerFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tickers-')), 'tickers.txt');
  writeFileSync(file, text);
  return file;
}

async function startNasdaq(up: () => boolean = () => true): Promise<FakeServer> {
  return startServer((_req, url, res) => {
    if (!up()) return json(res, 503, { message: 'down' });
    if (url.pathname === '/api/screener/stocks' && url.searchParams.get('download') === 'true')
      return json(res, 200, { data: { headers: {}, rows }, message: null, status: { rCode: 200 } });
    return json(res, 404, {});
  });
}

const clock = manualClock(new Date('2026-03-02T14:00:00Z'));
const fast = { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 }, timeoutMs: 2_000 };

async function setup(fake: FakeYahooOptions, opts: { nasdaqUp?: () => boolean; tickers?: string } = {}): Promise<MarketGateway> {
  nasdaq = await startNasdaq(opts.nasdaqUp);
  yahoo = await startFakeYahoo({ screeners, trending, ...fake });
  store = await openStore('memory://');
  gw = await createMarketData(
    DataConfig.parse({
      yahooBaseUrl: yahoo.url,
      ...fast,
      universe: { nasdaqBaseUrl: nasdaq.url, tickersFile: tickerFile(opts.tickers ?? '') },
    }),
    { store, clock, logger: silentLogger },
  );
  return gw;
}

const listRequests = (f: FakeYahoo, path: string) => f.log.filter((r) => r.path.startsWith(path)).length;

describe('universe through the gateway', () => {
  it('merges NASDAQ, the Yahoo screeners, trending and the ticker file, deduped, and caches each listing a day', async () => {
    const gw = await setup({}, { tickers: 'SMCP\nMYPICK\n' });
    const u = await gw.universe();
    expect(u.map((e) => e.symbol)).toEqual(['SMCP', 'BRK-A', 'NOCAP', 'GAIN', 'AGGR', 'UVGS', 'TRND', 'BRK-B', 'MYPICK']);
    const by = new Map(u.map((e) => [e.symbol, e]));
    // NASDAQ's own figures win; Yahoo fills what NASDAQ lacks (average volume, exchange).
    expect(by.get('SMCP')).toEqual({
      symbol: 'SMCP',
      name: 'Small Cap Corp Common Stock',
      sector: 'Health Care',
      marketCap: 312_000_000,
      price: 2.52,
      volume: 1_200_000,
      avgVolume: 900_000,
      exchange: 'NasdaqCM',
      sources: ['nasdaq', 'yahoo:small_cap_gainers', 'yahoo:trending'],
    });
    expect(by.get('GAIN')).toMatchObject({
      name: 'Gainer Inc.',
      marketCap: 450_000_000,
      price: 7.5,
      volume: 3_000_000,
      avgVolume: 1_000_000,
      sources: ['yahoo:small_cap_gainers', 'yahoo:aggressive_small_caps'],
    });
    expect(by.get('AGGR')).toMatchObject({ marketCap: 800_000_000, price: 12, volume: 400_000, sources: ['yahoo:aggressive_small_caps'] });
    expect(by.get('TRND')).toEqual({ symbol: 'TRND', sources: ['yahoo:trending'] });
    expect(by.get('MYPICK')).toEqual({ symbol: 'MYPICK', sources: ['tickers'] });
    // An ETF row and trending crypto/futures are not stocks.
    expect(u.some((e) => ['FUND', 'BTC-USD', 'ES=F'].includes(e.symbol))).toBe(false);

    const counts = () => [
      nasdaq?.log.length,
      listRequests(yahoo as FakeYahoo, '/v1/finance/screener'),
      listRequests(yahoo as FakeYahoo, '/v1/finance/trending'),
    ];
    expect(counts()).toEqual([1, 3, 1]);
    clock.advance(3_600_000);
    await gw.universe();
    expect(counts()).toEqual([1, 3, 1]);
    clock.advance(24 * 3_600_000);
    await gw.universe();
    expect(counts()).toEqual([2, 6, 2]);
    const st = gw.status();
    expect(st.map((s) => s.id)).toEqual([
      'yahoo',
      'nasdaq',
      'yahoo-screener-small_cap_gainers',
      'yahoo-screener-aggressive_small_caps',
      'yahoo-screener-undervalued_growth_stocks',
      'yahoo-trending-us',
    ]);
    expect(st.find((s) => s.id === 'nasdaq')).toMatchObject({ name: 'NASDAQ screener', healthy: true, requests: 2, listed: 3, cacheHits: 1 });
    expect(st.find((s) => s.id === 'yahoo-screener-aggressive_small_caps')).toMatchObject({
      name: 'Yahoo screener aggressive_small_caps',
      healthy: true,
      requests: 2,
      listed: 2,
    });
  });

  it('keeps the NASDAQ listing and the other lists when one screener fails, and /status names the failed one', async () => {
    const broken = (r: { path: string; query: URLSearchParams }) => r.path.includes('/screener/') && r.query.get('scrIds') === 'small_cap_gainers';
    nasdaq = await startNasdaq();
    yahoo = await startFakeYahoo({ screeners, trending, fault: (r) => (broken(r) ? 'status500' : 'ok') });
    bot = await botOver(
      { yahooBaseUrl: yahoo.url, ...fast, universe: { nasdaqBaseUrl: nasdaq.url, tickersFile: tickerFile('') } },
      new Date('2026-03-02T14:00:00Z'),
    );
    const u = await bot.services.market.universe();
    expect(u.map((e) => e.symbol)).toEqual(['SMCP', 'BRK-A', 'NOCAP', 'GAIN', 'AGGR', 'UVGS', 'TRND', 'BRK-B']);
    // GAIN still comes from aggressive_small_caps, with only that screener's figures.
    expect(u.find((e) => e.symbol === 'GAIN')).toMatchObject({ marketCap: 451_000_000, sources: ['yahoo:aggressive_small_caps'] });

    const status = await bot.exec('/status');
    expect(status.ok).toBe(true);
    const table = status.tables?.[0];
    const row = (id: string) => table?.rows.find((r) => r[0] === id);
    expect(row('yahoo-screener-small_cap_gainers')?.slice(1, 2)).toEqual(['failing']);
    expect(row('yahoo-screener-small_cap_gainers')?.[5]).toMatch(/^Yahoo Finance is having trouble right now \(HTTP 500\); try again shortly\. \(/);
    expect(row('nasdaq')?.[1]).toBe('ok');
    expect(row('yahoo-trending-us')?.[1]).toBe('ok');
  });

  it('serves a failed listing from yesterday’s cache, marked stale, and keeps going when NASDAQ is down', async () => {
    let nasdaqUp = true;
    let screenerUp = true;
    const gw = await setup({ fault: (r) => (!screenerUp && r.path.includes('/screener/') ? 'status500' : 'ok') }, { nasdaqUp: () => nasdaqUp });
    const first = await gw.universe();
    clock.advance(25 * 3_600_000);
    nasdaqUp = false;
    screenerUp = false;
    const second = await gw.universe();
    expect(second.map((e) => e.symbol)).toEqual(first.map((e) => e.symbol));
    const st = gw.status();
    expect(st.find((s) => s.id === 'nasdaq')).toMatchObject({ healthy: false, stale: true });
    expect(st.find((s) => s.id === 'yahoo-screener-small_cap_gainers')).toMatchObject({ healthy: false, stale: true });
    expect(st.find((s) => s.id === 'yahoo-trending-us')).toMatchObject({ healthy: true });
    expect(st.find((s) => s.id === 'yahoo-trending-us')?.stale).toBeUndefined();
  });

  it('gives one clear sentence when every listing fails and nothing is cached', async () => {
    const gw = await setup({ fault: (r) => (r.path.startsWith('/v1/finance/') ? 'status500' : 'ok') }, { nasdaqUp: () => false });
    const err = await gw.universe().catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect((err as Error).message).toMatch(/^[A-Z][^\n{}]*\.$/);
  });
});
