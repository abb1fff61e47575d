/**
 * Polygon.io against a local server serving the documented response shapes
 * (https://polygon.io/docs: aggregates, snapshot, ticker details, options chain snapshot).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { edgeFetch } from '../../src/market/http/request.js';
import { createMarketData, DataConfig, MarketDataError, type MarketGateway } from '../../src/market/index.js';
import { createPolygonProvider } from '../../src/market/polygon/provider.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeYahoo, type FakeYahoo } from './helpers/fakeYahoo.js';
import { json, startServer, type FakeServer } from './helpers/server.js';

const KEY = 'pk_test_SECRET123';
const clock = manualClock(new Date('2026-03-04T15:00:00Z'));
const day = (d: string): number => Date.parse(`${d}T05:00:00Z`);

async function fakePolygon(opts: { plan: 'free' | 'paid' }): Promise<FakeServer> {
  return startServer((_req, url, res) => {
    if (url.searchParams.get('apiKey') !== KEY) return json(res, 401, { status: 'ERROR', request_id: 'r1', error: 'Unknown API Key' });
    const p = url.pathname;
    if (p === '/v2/snapshot/locale/us/markets/stocks/tickers') {
      if (opts.plan === 'free')
        return json(res, 403, {
          status: 'NOT_AUTHORIZED',
          request_id: 'r2',
          message: 'You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing',
        });
      const tickers = (url.searchParams.get('tickers') ?? '').split(',').filter((t) => t !== 'NOPE');
      return json(res, 200, {
        status: 'OK',
        count: tickers.length,
        tickers: tickers.map((t) => ({
          ticker: t,
          todaysChange: 0.12,
          todaysChangePerc: 5.0,
          updated: 1772636400000000000,
          day: { o: 2.4, h: 2.6, l: 2.35, c: 2.52, v: 1200000, vw: 2.5 },
          prevDay: { o: 2.3, h: 2.45, l: 2.25, c: 2.4, v: 900000, vw: 2.38 },
          lastTrade: { p: 2.52, s: 100, t: 1772636399000000000 },
        })),
      });
    }
    let m = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/1\/day\/([\d-]+)\/([\d-]+)$/.exec(p);
    if (m) {
      if (m[1] === 'NOPE') return json(res, 200, { ticker: 'NOPE', queryCount: 0, resultsCount: 0, adjusted: true, status: 'OK', request_id: 'r3' });
      return json(res, 200, {
        ticker: m[1],
        queryCount: 2,
        resultsCount: 2,
        adjusted: true,
        status: 'OK',
        request_id: 'r3',
        results: [
          { v: 900000, vw: 2.38, o: 2.3, c: 2.4, h: 2.45, l: 2.25, t: day('2026-03-02'), n: 5000 },
          { v: 1200000, vw: 2.5, o: 2.4, c: 2.52, h: 2.6, l: 2.35, t: day('2026-03-03'), n: 6100 },
        ],
      });
    }
    m = /^\/v3\/reference\/tickers\/([^/]+)$/.exec(p);
    if (m) {
      if (m[1] === 'NOPE') return json(res, 404, { status: 'NOT_FOUND', request_id: 'r4', message: 'Ticker not found.' });
      return json(res, 200, {
        status: 'OK',
        request_id: 'r4',
        results: {
          ticker: m[1],
          name: 'Small Cap Corp',
          market_cap: 312000000,
          share_class_shares_outstanding: 125000000,
          sic_description: 'PHARMACEUTICAL PREPARATIONS',
          primary_exchange: 'XNAS',
        },
      });
    }
    m = /^\/v3\/snapshot\/options\/([^/]+)$/.exec(p);
    if (m) {
      if (opts.plan === 'free')
        return json(res, 403, {
          status: 'NOT_AUTHORIZED',
          request_id: 'r5',
          message: 'You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing',
        });
      const contract = (exp: string, type: string, strike: number) => ({
        details: {
          contract_type: type,
          exercise_style: 'american',
          expiration_date: exp,
          shares_per_contract: 100,
          strike_price: strike,
          ticker: `O:${m?.[1]}${exp.replace(/-/g, '').slice(2)}${type[0]?.toUpperCase()}${String(strike * 1000).padStart(8, '0')}`,
        },
        day: { close: 0.35, volume: 120 },
        last_quote: { bid: 0.3, ask: 0.4, midpoint: 0.35 },
        last_trade: { price: 0.36 },
        open_interest: 850,
        implied_volatility: 0.92,
        underlying_asset: { price: 2.52, ticker: m?.[1] },
      });
      const page2 = url.searchParams.get('cursor') === 'p2';
      const wanted = url.searchParams.get('expiration_date');
      let results = page2
        ? [contract('2026-04-17', 'call', 2.5), contract('2026-04-17', 'put', 2.5)]
        : [contract('2026-03-20', 'call', 2.5), contract('2026-03-20', 'put', 2)];
      if (wanted) results = results.filter((r) => r.details.expiration_date === wanted);
      return json(res, 200, { status: 'OK', request_id: 'r5', results, ...(page2 || wanted ? {} : { next_url: `${url.origin}${p}?cursor=p2` }) });
    }
    return json(res, 404, { status: 'NOT_FOUND', request_id: 'r0', message: 'no route' });
  });
}

let server: FakeServer | undefined;
let yahoo: FakeYahoo | undefined;
let store: Store | undefined;
let gw: MarketGateway | undefined;

afterEach(async () => {
  await gw?.close();
  await store?.close();
  await server?.close();
  await yahoo?.close();
  await getCrumbClear(new ExtendedCookieJar());
  gw = undefined;
  yahoo = undefined;
});

const provider = (baseUrl: string, apiKey = KEY) =>
  createPolygonProvider({ apiKey, baseUrl, clock, fetch: edgeFetch({ id: 'polygon', label: 'Polygon.io', timeoutMs: 2000 }) });

describe('Polygon.io provider', () => {
  it('quotes from the multi-ticker snapshot on plans that include it', async () => {
    server = await fakePolygon({ plan: 'paid' });
    const quotes = await provider(server.url).quotes(['SMCP', 'NOPE']);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({
      symbol: 'SMCP',
      price: 2.52,
      previousClose: 2.4,
      change: 0.12,
      changePercent: 5,
      stamp: { source: 'Polygon.io', delayed: true, stale: false },
    });
    expect(server.log.filter((r) => r.path.includes('snapshot'))).toHaveLength(1);
  });

  it('falls back to the last two daily bars on the free plan', async () => {
    server = await fakePolygon({ plan: 'free' });
    const p = provider(server.url);
    const [q] = await p.quotes(['SMCP']);
    expect(q).toMatchObject({ symbol: 'SMCP', price: 2.52, previousClose: 2.4, volume: 1200000 });
    expect(q?.change).toBeCloseTo(0.12, 10);
    expect(q?.changePercent).toBeCloseTo(5, 10);
    expect(q?.stamp.asOf).toBe('2026-03-03T21:00:00.000Z');
    await p.quotes(['ABCD']);
    // The snapshot is not asked again once the plan said no.
    expect(server.log.filter((r) => r.path.includes('snapshot'))).toHaveLength(1);
  });

  it('maps daily bars, ticker details and unknown tickers', async () => {
    server = await fakePolygon({ plan: 'free' });
    const p = provider(server.url);
    const bars = await p.history('SMCP', { from: '2026-03-01', to: '2026-03-03' });
    expect(bars.bars).toEqual([
      { date: '2026-03-02', open: 2.3, high: 2.45, low: 2.25, close: 2.4, volume: 900000 },
      { date: '2026-03-03', open: 2.4, high: 2.6, low: 2.35, close: 2.52, volume: 1200000 },
    ]);
    expect(await p.fundamentals('SMCP')).toMatchObject({
      name: 'Small Cap Corp',
      marketCap: 312000000,
      sharesOutstanding: 125000000,
      industry: 'PHARMACEUTICAL PREPARATIONS',
    });
    await expect(p.fundamentals('NOPE')).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL', message: 'Polygon.io does not know the symbol NOPE.' });
  });

  it('reads the options chain snapshot across pages and names existing expiries', async () => {
    server = await fakePolygon({ plan: 'paid' });
    const p = provider(server.url);
    const chain = await p.optionChain('SMCP');
    expect(chain).toMatchObject({ symbol: 'SMCP', spot: 2.52, expiries: ['2026-03-20', '2026-04-17'] });
    expect(chain.contracts).toHaveLength(2);
    expect(chain.contracts[0]).toMatchObject({
      type: 'call',
      strike: 2.5,
      expiry: '2026-03-20',
      bid: 0.3,
      ask: 0.4,
      last: 0.36,
      volume: 120,
      openInterest: 850,
      providerIv: 0.92,
    });
    // the key is re-added to next_url, never taken from it
    expect(server.log.filter((r) => r.query.get('cursor') === 'p2')).toHaveLength(1);
    await expect(p.optionChain('SMCP', '2026-05-15')).rejects.toMatchObject({ code: 'UNKNOWN_EXPIRY' });
  });

  it('says the plan lacks option chains instead of failing obscurely', async () => {
    server = await fakePolygon({ plan: 'free' });
    await expect(provider(server.url).optionChain('SMCP')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: "Polygon.io's plan for this API key does not include option chains.",
    });
  });

  it('rejects a wrong key with one sentence that does not echo it', async () => {
    server = await fakePolygon({ plan: 'paid' });
    const err = (await provider(server.url, 'wrong-key-XYZ')
      .fundamentals('SMCP')
      .catch((e: unknown) => e)) as MarketDataError;
    expect(err).toMatchObject({ code: 'AUTH', message: 'Polygon.io rejected the API key; check POLYGON_API_KEY.' });
    expect(err.message).not.toContain('wrong-key-XYZ');
  });
});

/** Only data providers in /status: no NASDAQ, Yahoo screener or trending listings. */
const NO_LISTINGS = { nasdaq: false, yahooScreeners: [], yahooTrending: null };

describe('Polygon.io in the gateway', () => {
  it('is off without a key', async () => {
    store = await openStore('memory://');
    gw = await createMarketData(DataConfig.parse({ universe: NO_LISTINGS }), { store, clock, logger: silentLogger });
    expect(gw.status().map((s) => s.id)).toEqual(['yahoo']);
  });

  it('answers when Yahoo fails, labelled with its own source', async () => {
    server = await fakePolygon({ plan: 'paid' });
    yahoo = await startFakeYahoo({ fault: () => 'status500' });
    store = await openStore('memory://');
    gw = await createMarketData(
      DataConfig.parse({
        yahooBaseUrl: yahoo.url,
        polygon: { apiKey: KEY, baseUrl: server.url },
        retry: { retries: 0 },
        universe: NO_LISTINGS,
      }),
      { store, clock, logger: silentLogger },
    );
    const [q] = await gw.quotes(['SMCP']);
    expect(q?.stamp.source).toBe('Polygon.io');
    const status = gw.status();
    expect(status.map((s) => [s.id, s.healthy])).toEqual([
      ['yahoo', false],
      ['polygon', true],
    ]);
    expect(status[1]).toMatchObject({ requests: 1, budgetLeft: 4, limit: { requests: 5, perSeconds: 60, concurrency: 1 } });
  });
});
