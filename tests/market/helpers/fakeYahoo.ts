/**
 * A local Yahoo Finance for fault tests and the benchmark: the cookie + crumb steps, quote,
 * options, chart, quoteSummary, predefined screeners and trending symbols, with bodies cloned
 * from the recorded responses so the real yahoo-finance2 client validates them. `fault`
 * decides, per request, what goes wrong.
 */
import type { ServerResponse } from 'node:http';
import { fixtureBody } from './fixtures.js';
import { delay, json, startServer, type FakeServer, type LoggedRequest } from './server.js';

export type Fault = 'ok' | 'status429' | 'status500' | 'hang' | 'malformed' | 'drift' | 'driftHarmless';

export interface FakeYahooOptions {
  /** Decide what happens to a data request (not the crumb steps). */
  fault?: (req: LoggedRequest, n: number) => Fault;
  /** Latency per request in ms (e.g. () => 50 + Math.random() * 100). */
  latency?: () => number;
  /** Symbols the fake knows; others are unknown. Default: any symbol of 1-5 letters. */
  knows?: (symbol: string) => boolean;
  /** Rows of each predefined screener (symbol → overrides of the recorded row); unlisted ids answer empty. */
  screeners?: Record<string, Array<Record<string, unknown>>>;
  /** Trending symbols per region; default: the recorded US list. */
  trending?: Record<string, string[]>;
  /** regularMarketPrice per symbol (e.g. `{ '^IRX': 4.235 }`); others get fakePrice. */
  prices?: Record<string, number>;
}

export interface FakeYahoo extends FakeServer {
  /** Change the valid crumb: requests with the old one get "Invalid Crumb". */
  rotateCrumb(): void;
  crumbRequests(): number;
  dataRequests(): LoggedRequest[];
}

const quoteTemplate = fixtureBody<{ quoteResponse: { result: Array<Record<string, unknown>> } }>('quote-CRON.json').quoteResponse.result[0] ?? {};
const optionsTemplate = fixtureBody<{ optionChain: { result: Array<Record<string, unknown>> } }>('options-CRON.json').optionChain.result[0] ?? {};
const chartTemplate = fixtureBody<{ chart: { result: Array<Record<string, unknown>> } }>('chart-CRON-2020-01-01-to-2020-01-03.json').chart.result[0] ?? {};
const screenerTemplate = fixtureBody<{ finance: { result: Array<Record<string, unknown>> } }>('screener-aggressive_small_caps.json').finance.result[0] ?? {};
const screenerRow = (screenerTemplate.quotes as Array<Record<string, unknown>>)[0] ?? {};
const trendingTemplate = fixtureBody<{ finance: { result: Array<Record<string, unknown>> } }>('trendingSymbols-US.json').finance.result[0] ?? {};
const recordedTrending = (trendingTemplate.quotes as Array<{ symbol: string }>).map((q) => q.symbol);
const summaryModules = ['price', 'summaryDetail', 'defaultKeyStatistics', 'financialData', 'calendarEvents', 'assetProfile'];
const summaryTemplate: Record<string, unknown> = Object.fromEntries(
  summaryModules.map((m) => [
    m,
    fixtureBody<{ quoteSummary: { result: Array<Record<string, unknown>> } }>(`quoteSummary-${m}-CRON.json`).quoteSummary.result[0]?.[m],
  ]),
);

/** A deterministic price per symbol so tests can assert values. */
export const fakePrice = (symbol: string): number => 1 + ([...symbol].reduce((a, c) => a + c.charCodeAt(0), 0) % 50) / 4;

function quoteRow(symbol: string, prices: Record<string, number> = {}): Record<string, unknown> {
  return { ...quoteTemplate, symbol, regularMarketPrice: prices[symbol] ?? fakePrice(symbol), longName: `${symbol} Corp.` };
}

export async function startFakeYahoo(opts: FakeYahooOptions = {}): Promise<FakeYahoo> {
  let crumb = 'crumb-1';
  let crumbs = 0;
  let n = 0;
  const knows = opts.knows ?? ((s: string) => /^[A-Z]{1,5}$/.test(s));
  const dataPaths = /^\/(v7|v8|v10)\/|^\/v1\/finance\//;

  const apply = async (fault: Fault, res: ServerResponse): Promise<boolean> => {
    if (fault === 'status429') {
      json(res, 429, { finance: { result: null, error: { code: 'Too Many Requests', description: 'Too Many Requests' } } }, { 'retry-after': '0' });
      return true;
    }
    if (fault === 'status500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html>Internal error</html>');
      return true;
    }
    if (fault === 'hang') {
      await delay(5_000);
      if (!res.writableEnded) res.end();
      return true;
    }
    if (fault === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"quoteResponse": {"result": [ {"symbol": "TRUNC');
      return true;
    }
    return false;
  };

  const server = await startServer(async (_req, url, res) => {
    // Captured before any await: the log's last entry is this request only until then.
    const logged = server.log.at(-1) as LoggedRequest;
    const wait = opts.latency?.() ?? 0;
    if (wait > 0) await delay(wait);
    if (url.pathname.startsWith('/quote/')) {
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': ['A3=fake-session; Max-Age=31536000; Domain=.yahoo.com; Path=/; Secure; HttpOnly'] });
      res.end('<html>quote page</html>');
      return;
    }
    if (url.pathname === '/v1/test/getcrumb') {
      crumbs += 1;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(crumb);
      return;
    }
    if (!dataPaths.test(url.pathname)) {
      json(res, 404, { error: 'not faked' });
      return;
    }
    n += 1;
    const fault = opts.fault?.(logged, n) ?? 'ok';
    if (await apply(fault, res)) return;
    // Like Yahoo: chart and trending need no crumb; the others reject a missing or stale one.
    const crumbFree = url.pathname.startsWith('/v8/') || url.pathname.startsWith('/v1/finance/trending/');
    if (!crumbFree && url.searchParams.get('crumb') !== crumb) {
      json(res, 401, { finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Crumb' } } });
      return;
    }
    const drift = (row: Record<string, unknown>): Record<string, unknown> =>
      fault === 'drift' ? { ...row, regularMarketPrice: 'n/a' } : fault === 'driftHarmless' ? { ...row, quoteType: 42 } : row;

    if (url.pathname === '/v1/finance/screener/predefined/saved') {
      const id = url.searchParams.get('scrIds') ?? '';
      const quotes = (opts.screeners?.[id] ?? []).map((row) => drift({ ...screenerRow, ...row }));
      json(res, 200, { finance: { result: [{ ...screenerTemplate, canonicalName: id.toUpperCase(), count: quotes.length, quotes }], error: null } });
      return;
    }
    if (url.pathname.startsWith('/v1/finance/trending/')) {
      const region = url.pathname.split('/').at(-1) ?? '';
      const symbols = opts.trending?.[region] ?? recordedTrending;
      json(res, 200, { finance: { result: [{ ...trendingTemplate, count: symbols.length, quotes: symbols.map((symbol) => ({ symbol })) }], error: null } });
      return;
    }
    if (url.pathname === '/v7/finance/quote') {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
      json(res, 200, { quoteResponse: { result: symbols.filter(knows).map((s) => drift(quoteRow(s, opts.prices))), error: null } });
      return;
    }
    const sym = decodeURIComponent(url.pathname.split('/').at(-1) ?? '');
    if (!knows(sym)) {
      json(res, 404, { quoteSummary: { result: null, error: { code: 'Not Found', description: `Quote not found for symbol: ${sym}` } } });
      return;
    }
    if (url.pathname.startsWith('/v7/finance/options/')) {
      // What Yahoo answers for an unknown underlying: an empty result list.
      if (sym === 'NOOPT') return json(res, 200, { optionChain: { result: [], error: null } });
      json(res, 200, { optionChain: { result: [{ ...optionsTemplate, underlyingSymbol: sym, quote: drift(quoteRow(sym)) }], error: null } });
      return;
    }
    if (url.pathname.startsWith('/v8/finance/chart/')) {
      json(res, 200, { chart: { result: [{ ...chartTemplate, meta: { ...(chartTemplate.meta as object), symbol: sym } }], error: null } });
      return;
    }
    if (url.pathname.startsWith('/v10/finance/quoteSummary/')) {
      const price = { ...(summaryTemplate.price as object), symbol: sym, longName: `${sym} Corp.` };
      json(res, 200, {
        quoteSummary: { result: [{ ...summaryTemplate, price: fault === 'drift' ? { ...price, regularMarketTime: 'soon' } : price }], error: null },
      });
      return;
    }
    json(res, 404, { error: 'not faked' });
  });

  return {
    ...server,
    rotateCrumb: () => {
      crumb = `crumb-${Math.random().toString(36).slice(2, 8)}`;
    },
    crumbRequests: () => crumbs,
    dataRequests: () => server.log.filter((r) => dataPaths.test(r.path)),
  };
}
