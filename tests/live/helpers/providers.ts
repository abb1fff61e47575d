/**
 * Local Polygon.io and Alpha Vantage servers serving their documented response shapes
 * (https://polygon.io/docs: aggregates, snapshot, ticker details, options chain snapshot;
 * https://www.alphavantage.co/documentation/: GLOBAL_QUOTE, TIME_SERIES_DAILY, OVERVIEW), as
 * tests/market/polygon.test.ts and alphavantage.test.ts serve them, dated around the test's day.
 */
import { json, startServer, type FakeServer } from '../../market/helpers/server.js';

export const POLYGON_KEY = 'pk_live_test_SECRET';
export const AV_KEY = 'AV-LIVE-SECRET-9';

/** The two weekdays before `today` (YYYY-MM-DD), oldest first. */
function lastTwoSessions(today: string): [string, string] {
  const out: string[] = [];
  const d = new Date(`${today}T12:00:00Z`);
  while (out.length < 2) {
    d.setUTCDate(d.getUTCDate() - 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.unshift(d.toISOString().slice(0, 10));
  }
  return out as [string, string];
}

/** Polygon.io: `paid` plans answer the snapshots, `free` ones answer 403 there (quotes fall back to daily bars). */
export function fakePolygon(opts: { plan: 'free' | 'paid'; now: Date; expiries: [string, string] }): Promise<FakeServer> {
  const [prev, last] = lastTwoSessions(opts.now.toISOString().slice(0, 10));
  const ns = BigInt(opts.now.getTime() - 60_000) * 1_000_000n;
  const denied = {
    status: 'NOT_AUTHORIZED',
    request_id: 'r2',
    message: 'You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing',
  };
  return startServer((_req, url, res) => {
    if (url.searchParams.get('apiKey') !== POLYGON_KEY) return json(res, 401, { status: 'ERROR', request_id: 'r1', error: 'Unknown API Key' });
    const p = url.pathname;
    if (p === '/v2/snapshot/locale/us/markets/stocks/tickers') {
      if (opts.plan === 'free') return json(res, 403, denied);
      const tickers = (url.searchParams.get('tickers') ?? '').split(',').filter((t) => t !== 'NOPE');
      return json(res, 200, {
        status: 'OK',
        count: tickers.length,
        tickers: tickers.map((t) => ({
          ticker: t,
          todaysChange: 0.12,
          todaysChangePerc: 5.0,
          updated: Number(ns),
          day: { o: 2.4, h: 2.6, l: 2.35, c: 2.52, v: 1200000, vw: 2.5 },
          prevDay: { o: 2.3, h: 2.45, l: 2.25, c: 2.4, v: 900000, vw: 2.38 },
          lastTrade: { p: 2.52, s: 100, t: Number(ns) },
        })),
      });
    }
    let m = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/1\/day\/([\d-]+)\/([\d-]+)$/.exec(p);
    if (m) {
      if (m[1] === 'NOPE') return json(res, 200, { ticker: 'NOPE', queryCount: 0, resultsCount: 0, adjusted: true, status: 'OK', request_id: 'r3' });
      const t = (d: string) => Date.parse(`${d}T05:00:00Z`);
      return json(res, 200, {
        ticker: m[1],
        queryCount: 2,
        resultsCount: 2,
        adjusted: true,
        status: 'OK',
        request_id: 'r3',
        results: [
          { v: 900000, vw: 2.38, o: 2.3, c: 2.4, h: 2.45, l: 2.25, t: t(prev), n: 5000 },
          { v: 1200000, vw: 2.5, o: 2.4, c: 2.52, h: 2.6, l: 2.35, t: t(last), n: 6100 },
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
      if (opts.plan === 'free') return json(res, 403, denied);
      const underlying = m[1] ?? '';
      const contract = (exp: string, type: 'call' | 'put', strike: number, bid: number, ask: number) => ({
        details: {
          contract_type: type,
          exercise_style: 'american',
          expiration_date: exp,
          shares_per_contract: 100,
          strike_price: strike,
          ticker: `O:${underlying}${exp.replace(/-/g, '').slice(2)}${type[0]?.toUpperCase()}${String(strike * 1000).padStart(8, '0')}`,
        },
        day: { close: (bid + ask) / 2, volume: 120 },
        last_quote: { bid, ask, midpoint: (bid + ask) / 2 },
        last_trade: { price: (bid + ask) / 2 },
        open_interest: 850,
        implied_volatility: 0.92,
        underlying_asset: { price: 2.52, ticker: underlying },
      });
      const [near, far] = opts.expiries;
      const wanted = url.searchParams.get('expiration_date');
      const results = [
        contract(near, 'call', 2.5, 0.3, 0.4),
        contract(near, 'put', 2.5, 0.25, 0.35),
        contract(far, 'call', 2.5, 0.45, 0.55),
        contract(far, 'put', 2.5, 0.4, 0.5),
      ].filter((r) => !wanted || r.details.expiration_date === wanted);
      return json(res, 200, { status: 'OK', request_id: 'r5', results });
    }
    return json(res, 404, { status: 'NOT_FOUND', request_id: 'r0', message: 'no route' });
  });
}

/** Alpha Vantage: `ok`, or its HTTP-200 per-minute `Note` on every call. */
export function fakeAlphaVantage(opts: { mode: 'ok' | 'note'; now: Date }): Promise<FakeServer> {
  const [prev, last] = lastTwoSessions(opts.now.toISOString().slice(0, 10));
  return startServer((_req, url, res) => {
    const q = url.searchParams;
    if (q.get('apikey') !== AV_KEY) return json(res, 200, { 'Error Message': 'the parameter apikey is invalid or missing.' });
    if (opts.mode === 'note')
      return json(res, 200, { Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.' });
    const symbol = q.get('symbol') ?? '';
    if (symbol === 'NOPE') return json(res, 200, q.get('function') === 'GLOBAL_QUOTE' ? { 'Global Quote': {} } : {});
    switch (q.get('function')) {
      case 'GLOBAL_QUOTE':
        return json(res, 200, {
          'Global Quote': {
            '01. symbol': symbol,
            '02. open': '4.1000',
            '03. high': '4.3500',
            '04. low': '4.0500',
            '05. price': '4.2200',
            '06. volume': '1834400',
            '07. latest trading day': last,
            '08. previous close': '4.0800',
            '09. change': '0.1400',
            '10. change percent': '3.4314%',
          },
        });
      case 'TIME_SERIES_DAILY':
        return json(res, 200, {
          'Meta Data': { '1. Information': 'Daily Prices (open, high, low, close) and Volumes', '2. Symbol': symbol, '5. Time Zone': 'US/Eastern' },
          'Time Series (Daily)': {
            [last]: { '1. open': '4.1000', '2. high': '4.3500', '3. low': '4.0500', '4. close': '4.2200', '5. volume': '1834400' },
            [prev]: { '1. open': '4.0000', '2. high': '4.1200', '3. low': '3.9800', '4. close': '4.0800', '5. volume': '1502000' },
          },
        });
      case 'OVERVIEW':
        return json(res, 200, {
          Symbol: symbol,
          Name: 'Tiny Therapeutics Inc',
          Sector: 'LIFE SCIENCES',
          Industry: 'PHARMACEUTICAL PREPARATIONS',
          MarketCapitalization: '412000000',
          SharesOutstanding: '97600000',
          PERatio: 'None',
          DividendYield: '0',
        });
      default:
        return json(res, 200, { 'Error Message': 'Invalid API call.' });
    }
  });
}
