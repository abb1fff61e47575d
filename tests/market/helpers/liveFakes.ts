/**
 * Live-shaped fakes of Yahoo Finance and the NASDAQ screener over one synthetic market
 * (liveMarket.ts): a few thousand symbols, 50–150 ms latency, and Yahoo's budget enforced the way
 * Yahoo does — any request beyond `limit` in a sliding `windowMs` (crumb steps included) gets a
 * 429. Bodies are the recorded response shapes with synthetic numbers, so the real yahoo-finance2
 * client validates them. Every request is logged with its status.
 */
import type { ServerResponse } from 'node:http';
import { fixtureBody } from './fixtures.js';
import { chainFor, dailyBars, expiries, makeMarket, type Stock } from './liveMarket.js';
import { delay, json, startServer, type FakeServer, type LoggedRequest } from './server.js';

export interface LiveFakeOptions {
  /** Symbols in the market (default 3,200). */
  symbols?: number;
  /** The bot's "now": quote times, today's bar cut-off and expiries follow it. */
  now: () => Date;
  /** Requests allowed in any sliding window (default 30 per 60 s). */
  limit?: number;
  windowMs?: number;
  /** Latency per request (default 50–150 ms). */
  latency?: () => number;
  /** Any quote request naming this symbol answers 500, every time. */
  failQuotesWith?: string;
}

export interface LiveFakes {
  yahoo: FakeServer;
  nasdaq: FakeServer;
  market: Stock[];
  /** Yahoo requests by status, e.g. { 200: 25, 429: 0 }. */
  statuses(): Record<number, number>;
  /** Every Yahoo request with its answer's status. */
  requests(): Array<LoggedRequest & { status: number }>;
  close(): Promise<void>;
}

const quoteTemplate = fixtureBody<{ quoteResponse: { result: Array<Record<string, unknown>> } }>('quote-CRON.json').quoteResponse.result[0] ?? {};
const optionsTemplate = fixtureBody<{ optionChain: { result: Array<Record<string, unknown>> } }>('options-CRON.json').optionChain.result[0] ?? {};
const chartTemplate = fixtureBody<{ chart: { result: Array<Record<string, unknown>> } }>('chart-CRON-2020-01-01-to-2020-01-03.json').chart.result[0] ?? {};
const callTemplate = (optionsTemplate.options as Array<{ calls: Array<Record<string, unknown>> }>)[0]?.calls[0] ?? {};
const screenerTemplate = fixtureBody<{ finance: { result: Array<Record<string, unknown>> } }>('screener-aggressive_small_caps.json').finance.result[0] ?? {};
const screenerRow = (screenerTemplate.quotes as Array<Record<string, unknown>>)[0] ?? {};
const summaryModules = ['price', 'summaryDetail', 'defaultKeyStatistics', 'financialData', 'calendarEvents', 'assetProfile'];
const summaryTemplate = Object.fromEntries(
  summaryModules.map((m) => [
    m,
    fixtureBody<{ quoteSummary: { result: Array<Record<string, unknown>> } }>(`quoteSummary-${m}-CRON.json`).quoteSummary.result[0]?.[m],
  ]),
) as Record<string, Record<string, unknown>>;

const secs = (d: Date): number => Math.floor(d.getTime() / 1000);

function quoteRow(s: Stock, now: Date): Record<string, unknown> {
  return {
    ...quoteTemplate,
    symbol: s.symbol,
    longName: s.name,
    shortName: s.name,
    regularMarketPrice: s.price,
    regularMarketPreviousClose: s.previousClose,
    regularMarketOpen: s.previousClose,
    regularMarketChange: s.price - s.previousClose,
    regularMarketChangePercent: (s.price / s.previousClose - 1) * 100,
    regularMarketDayHigh: Math.max(s.price, s.previousClose),
    regularMarketDayLow: Math.min(s.price, s.previousClose),
    regularMarketVolume: s.volume,
    averageDailyVolume3Month: s.avgVolume,
    averageDailyVolume10Day: s.avgVolume,
    marketCap: s.marketCap,
    fiftyTwoWeekHigh: s.price * 1.3,
    fiftyTwoWeekLow: s.price * 0.6,
    regularMarketTime: secs(now) - 900,
  };
}

function summary(s: Stock, now: Date): Record<string, unknown> {
  const t = summaryTemplate;
  const earnings = secs(now) + 86_400 * (10 + (s.symbol.charCodeAt(1) % 60));
  return {
    price: { ...t.price, symbol: s.symbol, longName: s.name, regularMarketPrice: s.price, marketCap: s.marketCap, regularMarketTime: secs(now) - 900 },
    summaryDetail: { ...t.summaryDetail, marketCap: s.marketCap, trailingPE: s.trailingPE, dividendYield: undefined, trailingAnnualDividendYield: 0 },
    defaultKeyStatistics: { ...t.defaultKeyStatistics, floatShares: s.floatShares, heldPercentInstitutions: s.institutions, shortPercentOfFloat: 0.08 },
    financialData: { ...t.financialData, revenueGrowth: s.revenueGrowth, earningsGrowth: s.earningsGrowth },
    calendarEvents: { ...t.calendarEvents, earnings: { ...(t.calendarEvents?.earnings as object), earningsDate: [earnings] } },
    assetProfile: { ...t.assetProfile, sector: s.sector },
  };
}

const contracts = (s: Stock, expiry: number, now: Date, type: 'call' | 'put'): Array<Record<string, unknown>> =>
  chainFor(s, expiry, now, type).map((c) => ({ ...callTemplate, ...c, change: 0, percentChange: 0, lastTradeDate: secs(now) - 1_800 }));

function nasdaqRow(s: Stock): Record<string, string> {
  const pct = (s.price / s.previousClose - 1) * 100;
  return {
    symbol: s.symbol,
    name: s.name,
    lastsale: `$${s.price.toFixed(2)}`,
    netchange: (s.price - s.previousClose).toFixed(2),
    pctchange: `${pct.toFixed(3)}%`,
    volume: String(s.volume),
    marketCap: s.marketCap.toLocaleString('en-US'),
    country: 'United States',
    ipoyear: '2015',
    industry: 'Misc',
    sector: s.sector,
    url: `/market-activity/stocks/${s.symbol.toLowerCase()}`,
  };
}

export async function startLiveFakes(opts: LiveFakeOptions): Promise<LiveFakes> {
  const market = makeMarket(opts.symbols ?? 3_200);
  const bySymbol = new Map(market.map((s) => [s.symbol, s]));
  const limit = opts.limit ?? 30;
  const windowMs = opts.windowMs ?? 60_000;
  const latency = opts.latency ?? (() => 50 + Math.random() * 100);
  const served: number[] = [];
  const statusOf = new Map<LoggedRequest, number>();
  const crumb = 'live-crumb';

  const send = (logged: LoggedRequest, res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void => {
    statusOf.set(logged, status);
    if (typeof body === 'string') {
      res.writeHead(status, { 'content-type': 'text/html', ...headers });
      res.end(body);
    } else json(res, status, body, headers);
  };

  const yahoo = await startServer(async (_req, url, res) => {
    const logged = yahoo.log.at(-1) as LoggedRequest;
    const now = opts.now();
    // Yahoo counts what it receives: over the budget is a 429, whatever the path.
    const t = Date.now();
    while (served.length && (served[0] as number) <= t - windowMs) served.shift();
    if (served.length >= limit)
      return send(logged, res, 429, { finance: { result: null, error: { code: 'Too Many Requests', description: 'Too Many Requests' } } });
    served.push(t);
    await delay(latency());
    const p = url.pathname;
    if (p.startsWith('/quote/'))
      return send(logged, res, 200, '<html>quote page</html>', { 'set-cookie': ['A3=live; Max-Age=31536000; Domain=.yahoo.com; Path=/; Secure; HttpOnly'] });
    if (p === '/v1/test/getcrumb') {
      statusOf.set(logged, 200);
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(crumb);
    }
    const crumbFree = p.startsWith('/v8/') || p.startsWith('/v1/finance/trending/');
    if (!crumbFree && url.searchParams.get('crumb') !== crumb)
      return send(logged, res, 401, { finance: { result: null, error: { code: 'Unauthorized', description: 'Invalid Crumb' } } });
    if (p === '/v7/finance/quote') {
      const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
      if (opts.failQuotesWith && symbols.includes(opts.failQuotesWith)) return send(logged, res, 500, '<html>Internal error</html>');
      return send(logged, res, 200, {
        quoteResponse: { result: symbols.flatMap((s) => (bySymbol.has(s) ? [quoteRow(bySymbol.get(s) as Stock, now)] : [])), error: null },
      });
    }
    if (p === '/v1/finance/screener/predefined/saved') {
      const id = url.searchParams.get('scrIds') ?? '';
      const rows = market
        .filter((s) => s.marketCap < 2e9 && s.price > 1)
        .sort((a, b) => b.price / b.previousClose - a.price / a.previousClose)
        .slice(0, 25)
        .map((s) => ({ ...screenerRow, ...quoteRow(s, now), quoteType: 'EQUITY' }));
      return send(logged, res, 200, {
        finance: { result: [{ ...screenerTemplate, canonicalName: id.toUpperCase(), count: rows.length, quotes: rows }], error: null },
      });
    }
    if (p.startsWith('/v1/finance/trending/')) {
      const quotes = market.slice(0, 10).map((s) => ({ symbol: s.symbol }));
      return send(logged, res, 200, { finance: { result: [{ count: quotes.length, quotes, jobTimestamp: t, startInterval: 0 }], error: null } });
    }
    const sym = decodeURIComponent(p.split('/').at(-1) ?? '');
    const s = bySymbol.get(sym);
    if (!s) return send(logged, res, 404, { quoteSummary: { result: null, error: { code: 'Not Found', description: `Quote not found for symbol: ${sym}` } } });
    if (p.startsWith('/v7/finance/options/')) {
      // A stock without listed options: Yahoo answers its quote with no expiries.
      const dates = s.optionable ? expiries(now) : [];
      const wanted = Number(url.searchParams.get('date') ?? '') * 1000 || (dates[0] ?? 0);
      const listed = dates.includes(wanted);
      const options = listed
        ? [{ expirationDate: wanted / 1000, hasMiniOptions: false, calls: contracts(s, wanted, now, 'call'), puts: contracts(s, wanted, now, 'put') }]
        : [];
      return send(logged, res, 200, {
        optionChain: {
          result: [{ ...optionsTemplate, underlyingSymbol: sym, expirationDates: dates.map((d) => d / 1000), strikes: [], quote: quoteRow(s, now), options }],
          error: null,
        },
      });
    }
    if (p.startsWith('/v8/finance/chart/')) {
      const from = Number(url.searchParams.get('period1') ?? 0) * 1000;
      const to = Number(url.searchParams.get('period2') ?? secs(now)) * 1000;
      const bars = dailyBars(s, now).filter((b) => b.t >= from && b.t < to);
      const meta = { ...(chartTemplate.meta as object), symbol: sym, regularMarketPrice: s.price, regularMarketTime: secs(now) - 900 };
      const q = {
        open: bars.map((b) => b.open),
        high: bars.map((b) => b.high),
        low: bars.map((b) => b.low),
        close: bars.map((b) => b.close),
        volume: bars.map((b) => b.volume),
      };
      return send(logged, res, 200, {
        chart: { result: [{ meta, timestamp: bars.map((b) => b.t / 1000), indicators: { quote: [q], adjclose: [{ adjclose: q.close }] } }], error: null },
      });
    }
    if (p.startsWith('/v10/finance/quoteSummary/')) return send(logged, res, 200, { quoteSummary: { result: [summary(s, now)], error: null } });
    send(logged, res, 404, { error: 'not faked' });
  });

  const nasdaq = await startServer(async (_req, url, res) => {
    await delay(latency());
    if (url.pathname !== '/api/screener/stocks') return json(res, 404, { error: 'not faked' });
    json(res, 200, { data: { headers: {}, rows: market.map(nasdaqRow) }, message: null, status: { rCode: 200 } });
  });

  const requests = () => yahoo.log.map((r) => ({ ...r, status: statusOf.get(r) ?? 0 }));
  return {
    yahoo,
    nasdaq,
    market,
    requests,
    statuses: () => {
      const out: Record<number, number> = {};
      for (const r of requests()) out[r.status] = (out[r.status] ?? 0) + 1;
      return out;
    },
    close: async () => {
      await yahoo.close();
      await nasdaq.close();
    },
  };
}
