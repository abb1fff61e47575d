/**
 * The `--json` contract for /status and /quote (and /greeks where a fallback has chains) with the
 * optional providers configured as a user does it (POLYGON_API_KEY/BASE_URL,
 * ALPHAVANTAGE_API_KEY/BASE_URL): Yahoo healthy, Yahoo failing until its circuit opens, Polygon on
 * a free or a paid plan, Alpha Vantage answering or out of requests, the NASDAQ listing failing.
 * Yahoo is the local fake serving recorded bodies through the real yahoo-finance2 client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { statusData, type StatusData } from '../../commands/schemas/status.js';
import type { Reply } from '../../src/chat/reply.js';
import { startFakeYahoo, type Fault } from '../market/helpers/fakeYahoo.js';
import { json, startServer, type FakeServer } from '../market/helpers/server.js';
import { contractIssues, liveBot, printed, type LiveBot } from './helpers/contract.js';
import { AV_KEY, fakeAlphaVantage, fakePolygon, POLYGON_KEY } from './helpers/providers.js';

const NOW = new Date('2026-12-01T11:00:00-05:00');
/** NASDAQ screener rows (api.nasdaq.com/api/screener/stocks), as tests/market/helpers/liveFakes.ts serves them. */
const LISTING = ['SMCP', 'ABCD', 'EFGH', 'IJKL'].map((symbol, i) => ({
  symbol,
  name: `${symbol} Holdings Inc.`,
  lastsale: `$${(8 + i).toFixed(2)}`,
  netchange: '0.25',
  pctchange: '3.100%',
  volume: '1250000',
  marketCap: (6e8 + i * 1e8).toLocaleString('en-US'),
  country: 'United States',
  ipoyear: '2015',
  industry: 'Misc',
  sector: 'Health Care',
  url: `/market-activity/stocks/${symbol.toLowerCase()}`,
}));
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

interface Setup {
  yahoo: Fault;
  /** NASDAQ listing rows while `listing.fail` is false; otherwise (and by default) HTTP 500. */
  listing?: { fail: boolean };
  /** Per-request timeout (default the config's). */
  timeoutMs?: number;
  polygon?: 'free' | 'paid';
  alphavantage?: 'ok' | 'note';
}

/** The bot over these providers; the NASDAQ listing answers 500, Yahoo's screeners and trending list are off. */
async function botWith(s: Setup): Promise<LiveBot> {
  const yahoo = await startFakeYahoo({ fault: () => s.yahoo });
  // A test may break Yahoo mid-way by setting s.yahoo.
  open.push(yahoo);
  const nasdaq: FakeServer = await startServer((_req, _url, res) =>
    !s.listing || s.listing.fail
      ? json(res, 500, { message: 'Internal error' })
      : json(res, 200, { data: { headers: {}, rows: LISTING }, message: null, status: { rCode: 200 } }),
  );
  open.push(nasdaq);
  const env: Record<string, string> = { MARKET_DATA: 'yahoo', YAHOO_BASE_URL: yahoo.url, NASDAQ_BASE_URL: nasdaq.url };
  if (s.polygon) {
    const polygon = await fakePolygon({ plan: s.polygon, now: NOW, expiries: ['2026-12-18', '2027-01-15'] });
    open.push(polygon);
    Object.assign(env, { POLYGON_API_KEY: POLYGON_KEY, POLYGON_BASE_URL: polygon.url });
  }
  if (s.alphavantage) {
    const av = await fakeAlphaVantage({ mode: s.alphavantage, now: NOW });
    open.push(av);
    Object.assign(env, { ALPHAVANTAGE_API_KEY: AV_KEY, ALPHAVANTAGE_BASE_URL: av.url });
  }
  const bot = await liveBot(env, NOW, {
    // Polygon's free budget (5 a minute) would queue this test for minutes: the shapes are the point here.
    data: {
      ...(s.timeoutMs ? { timeoutMs: s.timeoutMs } : {}),
      retry: { retries: 0 },
      rateLimits: { polygon: { requests: 100, perSeconds: 60, concurrency: 1 } },
      universe: { yahooScreeners: [], yahooTrending: null },
    },
  });
  open.push(bot);
  return bot;
}

async function run(bot: LiveBot, lines: string[]): Promise<Reply[]> {
  const out: Reply[] = [];
  for (const line of lines) out.push(await bot.exec(line));
  return out;
}

const status = (r: Reply | undefined): StatusData => statusData.parse(printed(r as Reply));
const provider = (d: StatusData, id: string) => d.providers.find((p) => p.id === id);

describe('--json with Polygon.io and Alpha Vantage configured', () => {
  it('Yahoo healthy: /quote from Yahoo; /status lists every provider and the listing that failed', async () => {
    const bot = await botWith({ yahoo: 'ok', polygon: 'paid', alphavantage: 'ok' });
    const replies = await run(bot, ['/quote SMCP', '/scan limit=2', '/status']);
    expect(contractIssues(replies)).toEqual([]);
    expect(printed(replies[0] as Reply)).toMatchObject({ symbol: 'SMCP', source: 'Yahoo Finance', stale: false, simulated: false });
    const d = status(replies.at(-1));
    expect(d.providers.map((p) => p.id)).toEqual(expect.arrayContaining(['yahoo', 'polygon', 'alphavantage']));
    expect(provider(d, 'yahoo')).toMatchObject({ healthy: true, circuit: 'closed' });
    expect(replies[1]?.error?.code).toBe('UNAVAILABLE');
    expect(provider(d, 'nasdaq')).toMatchObject({
      healthy: false,
      lastError: { message: 'NASDAQ screener is having trouble right now (HTTP 500); try again shortly.' },
    });
  }, 60_000);

  it('a listing that stops answering is served stale, and /status says so', async () => {
    const listing = { fail: false };
    const bot = await botWith({ yahoo: 'ok', listing });
    const first = await run(bot, ['/scan limit=2']);
    listing.fail = true;
    bot.clock.set(new Date('2026-12-02T11:00:00-05:00'));
    const later = await run(bot, ['/scan limit=2', '/status']);
    expect(contractIssues([...first, ...later])).toEqual([]);
    expect(first[0]?.ok, first[0]?.error?.message).toBe(true);
    expect(later[0]?.ok, later[0]?.error?.message).toBe(true);
    expect(provider(status(later[1]), 'nasdaq')).toMatchObject({ healthy: false, stale: true, listed: LISTING.length });
  }, 60_000);

  it('Yahoo failing after a quote was cached, no fallback: the cached quote answers, marked stale', async () => {
    const setup: Setup = { yahoo: 'ok' };
    const bot = await botWith(setup);
    const fresh = await run(bot, ['/quote SMCP', '/greeks SMCP']);
    setup.yahoo = 'status500';
    bot.clock.advance(2 * 3_600_000);
    const later = await run(bot, ['/quote SMCP', '/greeks SMCP', '/status']);
    expect(contractIssues([...fresh, ...later])).toEqual([]);
    expect(printed(fresh[0] as Reply)).toMatchObject({ source: 'Yahoo Finance', stale: false });
    expect(printed(later[0] as Reply)).toMatchObject({ source: 'Yahoo Finance', stale: true, price: (printed(fresh[0] as Reply) as { price: number }).price });
    expect(later[1]?.ok, later[1]?.error?.message).toBe(true);
    expect(printed(later[1] as Reply)).toMatchObject({ source: 'Yahoo Finance', stale: true });
  }, 60_000);

  it('Yahoo failing: /quote falls back to Polygon, the circuit opens, /status shows it, /greeks reads Polygon’s chain', async () => {
    const bot = await botWith({ yahoo: 'status500', polygon: 'paid', alphavantage: 'ok' });
    const symbols = ['SMCP', 'ABCD', 'EFGH', 'IJKL', 'MNOP', 'QRST'];
    const replies = await run(bot, [...symbols.map((s) => `/quote ${s}`), '/status', '/greeks SMCP', '/quote NOPE', '/status']);
    expect(contractIssues(replies)).toEqual([]);
    for (const r of replies.slice(0, symbols.length)) expect(printed(r)).toMatchObject({ source: 'Polygon.io', price: 2.52, previousClose: 2.4 });
    const d = status(replies[symbols.length]);
    expect(provider(d, 'yahoo')).toMatchObject({ healthy: false, circuit: 'open' });
    expect(provider(d, 'yahoo')?.lastError?.message).toMatch(/^Yahoo Finance is having trouble right now \(HTTP 500\)/);
    expect(provider(d, 'polygon')).toMatchObject({ healthy: true });
    expect(printed(replies[symbols.length + 1] as Reply)).toMatchObject({ symbol: 'SMCP', source: 'Polygon.io', expiry: '2027-01-15' });
    expect(replies[symbols.length + 2]?.error?.code).toBe('UNKNOWN_SYMBOL');
  }, 60_000);

  it('Yahoo failing, Polygon on the free plan: /quote from its daily bars; /greeks fails in one sentence', async () => {
    const bot = await botWith({ yahoo: 'status500', polygon: 'free' });
    const replies = await run(bot, ['/quote SMCP', '/greeks SMCP', '/status']);
    expect(contractIssues(replies)).toEqual([]);
    expect(printed(replies[0] as Reply)).toMatchObject({ symbol: 'SMCP', source: 'Polygon.io', price: 2.52, volume: 1200000 });
    // Polygon's plan lacks chains (NOT_SUPPORTED): Yahoo's failure is the one to tell.
    expect(replies[1]?.error).toEqual({ code: 'UNAVAILABLE', message: 'Yahoo Finance is having trouble right now (HTTP 500); try again shortly.' });
  }, 60_000);

  it('Yahoo failing, only Alpha Vantage: /quote from it; out of requests it says so in one sentence', async () => {
    const bot = await botWith({ yahoo: 'status500', alphavantage: 'ok' });
    const replies = await run(bot, ['/quote TINY', '/status']);
    expect(contractIssues(replies)).toEqual([]);
    expect(printed(replies[0] as Reply)).toMatchObject({ symbol: 'TINY', source: 'Alpha Vantage', price: 4.22, changePercent: 3.4314 });

    const limited = await botWith({ yahoo: 'status500', alphavantage: 'note' });
    const more = await run(limited, ['/quote TINY', '/status']);
    expect(contractIssues(more)).toEqual([]);
    // The primary's failure is what the user hears; Alpha Vantage's used-up limit is a fallback's.
    expect(more[0]?.error).toEqual({ code: 'UNAVAILABLE', message: 'Yahoo Finance is having trouble right now (HTTP 500); try again shortly.' });
  }, 60_000);

  it('Yahoo answering in a drifted shape: BAD_RESPONSE is a failure, the fallback answers, the reply keeps to the schema', async () => {
    const bot = await botWith({ yahoo: 'drift', polygon: 'paid' });
    const replies = await run(bot, ['/quote SMCP', '/status']);
    expect(contractIssues(replies)).toEqual([]);
    expect(printed(replies[0] as Reply)).toMatchObject({ source: 'Polygon.io' });
  }, 60_000);

  it.each([
    ['status429', 'RATE_LIMITED'],
    ['status500', 'UNAVAILABLE'],
    ['hang', 'TIMEOUT'],
    ['malformed', 'BAD_RESPONSE'],
    ['drift', 'BAD_RESPONSE'],
  ] as Array<[Fault, string]>)(
    'Yahoo answering %s, no fallback: /quote and /greeks fail as %s in one sentence; /status keeps to its schema',
    async (fault, code) => {
      const bot = await botWith({ yahoo: fault, timeoutMs: 300 });
      const replies = await run(bot, ['/quote SMCP', '/greeks SMCP', '/status']);
      expect(contractIssues(replies)).toEqual([]);
      expect(replies.slice(0, 2).map((r) => r.error?.code)).toEqual([code, code]);
      expect(provider(status(replies[2]), 'yahoo')).toMatchObject({ healthy: false });
    },
    60_000,
  );
});
