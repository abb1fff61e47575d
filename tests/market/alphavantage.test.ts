/**
 * Alpha Vantage against a local server serving its documented shapes
 * (https://www.alphavantage.co/documentation/: GLOBAL_QUOTE, TIME_SERIES_DAILY, OVERVIEW) and its
 * HTTP-200 error notes ("Error Message", "Note", "Information").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { createAlphaVantageProvider } from '../../src/market/alphavantage/provider.js';
import { edgeFetch } from '../../src/market/http/request.js';
import type { MarketDataError } from '../../src/market/index.js';
import { json, startServer, type FakeServer } from './helpers/server.js';

const KEY = 'AVKEY-SECRET-42';
const clock = manualClock(new Date('2024-01-08T15:00:00Z'));
type Mode = 'ok' | 'note' | 'daily-limit' | 'demo';

async function fakeAv(mode: Mode): Promise<FakeServer> {
  return startServer((_req, url, res) => {
    const q = url.searchParams;
    if (q.get('apikey') !== KEY) {
      return json(res, 200, {
        'Error Message':
          'the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.',
      });
    }
    if (mode === 'note')
      return json(res, 200, { Note: 'Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and 500 calls per day.' });
    if (mode === 'daily-limit')
      return json(res, 200, {
        Information:
          'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.',
      });
    if (mode === 'demo')
      return json(res, 200, {
        Information:
          'The **demo** API key is for demo purposes only. Please claim your free API key at (https://www.alphavantage.co/support/#api-key) to explore our full API offerings.',
      });
    const symbol = q.get('symbol') ?? '';
    if (symbol === 'NOPE') {
      if (q.get('function') === 'GLOBAL_QUOTE') return json(res, 200, { 'Global Quote': {} });
      if (q.get('function') === 'OVERVIEW') return json(res, 200, {});
      return json(res, 200, {
        'Error Message': `Invalid API call. Please retry or visit the documentation (https://www.alphavantage.co/documentation/) for ${q.get('function')}.`,
      });
    }
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
            '07. latest trading day': '2024-01-05',
            '08. previous close': '4.0800',
            '09. change': '0.1400',
            '10. change percent': '3.4314%',
          },
        });
      case 'TIME_SERIES_DAILY':
        return json(res, 200, {
          'Meta Data': {
            '1. Information': 'Daily Prices (open, high, low, close) and Volumes',
            '2. Symbol': symbol,
            '3. Last Refreshed': '2024-01-05',
            '4. Output Size': 'Compact',
            '5. Time Zone': 'US/Eastern',
          },
          'Time Series (Daily)': {
            '2024-01-05': { '1. open': '4.1000', '2. high': '4.3500', '3. low': '4.0500', '4. close': '4.2200', '5. volume': '1834400' },
            '2024-01-04': { '1. open': '4.0000', '2. high': '4.1200', '3. low': '3.9800', '4. close': '4.0800', '5. volume': '1502000' },
            '2023-12-29': { '1. open': '3.9000', '2. high': '4.0100', '3. low': '3.8800', '4. close': '3.9500', '5. volume': '998000' },
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
          SharesFloat: '80100000',
          PERatio: 'None',
          ForwardPE: '-12.5',
          Beta: '1.62',
          DividendYield: '0',
          QuarterlyRevenueGrowthYOY: '0.215',
          QuarterlyEarningsGrowthYOY: '-0.1',
          PercentInstitutions: '61.3',
        });
      default:
        return json(res, 200, { 'Error Message': 'Invalid API call.' });
    }
  });
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
});

const provider = (baseUrl: string, apiKey = KEY) =>
  createAlphaVantageProvider({ apiKey, baseUrl, clock, fetch: edgeFetch({ id: 'alphavantage', label: 'Alpha Vantage', timeoutMs: 2000 }) });

describe('Alpha Vantage provider', () => {
  it('maps GLOBAL_QUOTE, TIME_SERIES_DAILY and OVERVIEW', async () => {
    server = await fakeAv('ok');
    const p = provider(server.url);
    const [q] = await p.quotes(['TINY', 'NOPE']);
    expect(q).toMatchObject({
      symbol: 'TINY',
      price: 4.22,
      previousClose: 4.08,
      change: 0.14,
      changePercent: 3.4314,
      volume: 1834400,
      stamp: { source: 'Alpha Vantage', asOf: '2024-01-05T21:00:00.000Z' },
    });
    const bars = await p.history('TINY', { from: '2024-01-01' });
    expect(bars.bars.map((b) => [b.date, b.close])).toEqual([
      ['2024-01-04', 4.08],
      ['2024-01-05', 4.22],
    ]);
    const f = await p.fundamentals('TINY');
    expect(f).toMatchObject({
      name: 'Tiny Therapeutics Inc',
      marketCap: 412000000,
      floatShares: 80100000,
      forwardPE: -12.5,
      beta: 1.62,
      revenueGrowth: 0.215,
      dividendYield: 0,
    });
    expect(f.trailingPE).toBeUndefined();
    expect(f.institutionalOwnership).toBeCloseTo(0.613, 10);
    await expect(p.fundamentals('NOPE')).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL' });
    await expect(p.history('NOPE', { from: '2024-01-01' })).rejects.toMatchObject({
      code: 'UNKNOWN_SYMBOL',
      message: 'Alpha Vantage does not know the symbol NOPE.',
    });
  });

  it('answers NOT_SUPPORTED for option chains', async () => {
    server = await fakeAv('ok');
    await expect(provider(server.url).optionChain('TINY')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: 'Alpha Vantage offers option chains only on a premium plan.',
    });
  });

  it.each([
    ['wrong key', 'ok' as Mode, 'bad-key-777', 'AUTH', 'Alpha Vantage rejected the API key; check ALPHAVANTAGE_API_KEY.'],
    ['demo key note', 'demo' as Mode, KEY, 'AUTH', 'Alpha Vantage rejected the API key; check ALPHAVANTAGE_API_KEY.'],
    ['per-minute Note', 'note' as Mode, KEY, 'RATE_LIMITED', "Alpha Vantage's request limit for this API key is used up; try again later."],
    ['daily Information', 'daily-limit' as Mode, KEY, 'RATE_LIMITED', "Alpha Vantage's request limit for this API key is used up; try again later."],
  ])('%s → one clear sentence without the key', async (_name, mode, key, code, message) => {
    server = await fakeAv(mode);
    const err = (await provider(server.url, key)
      .fundamentals('TINY')
      .catch((e: unknown) => e)) as MarketDataError;
    expect(err).toMatchObject({ code, message });
    expect(err.message).not.toContain(key);
  });
});
