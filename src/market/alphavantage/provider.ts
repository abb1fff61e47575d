/**
 * Alpha Vantage over plain fetch (ALPHAVANTAGE_API_KEY). Its errors arrive as HTTP 200 with a
 * "Note", "Information" or "Error Message" field instead of a status code; those become AUTH,
 * RATE_LIMITED or UNKNOWN_SYMBOL sentences. Option chains need a premium plan: NOT_SUPPORTED.
 */
import type { Clock } from '../../clock.js';
import { ProviderError } from '../gateway/errors.js';
import { getJson } from '../http/json.js';
import type { FetchFn } from '../http/request.js';
import { Bars, Fundamentals, MarketDataError, Quote, type MarketDataProvider, type Stamp } from '../types.js';
import { compact, num, nyClose, obj, str, type Loose } from '../yahoo/loose.js';

export const ALPHAVANTAGE = 'alphavantage';
export const ALPHAVANTAGE_LABEL = 'Alpha Vantage';
const who = { id: ALPHAVANTAGE, label: ALPHAVANTAGE_LABEL };

export interface AlphaVantageOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchFn;
  clock: Clock;
}

const stamp = (asOf: Date, delayed: boolean): Stamp => ({ source: ALPHAVANTAGE_LABEL, asOf: asOf.toISOString(), delayed, stale: false, simulated: false });
/** "12.34" → 12.34, "None"/"-"/"" → undefined. */
const n = (v: unknown): number | undefined => {
  if (typeof v !== 'string') return num(v);
  const x = Number(v.replace(/[%,]/g, ''));
  return v.trim() !== '' && Number.isFinite(x) ? x : undefined;
};

export function createAlphaVantageProvider(opts: AlphaVantageOptions): MarketDataProvider {
  async function query(params: Record<string, string>, symbol: string): Promise<Loose> {
    const u = new URL('query', opts.baseUrl.replace(/\/+$/, '') + '/');
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    u.searchParams.set('symbol', symbol);
    u.searchParams.set('apikey', opts.apiKey);
    const reply = await getJson(opts.fetch, u, who);
    if (reply.status === 401 || reply.status === 403)
      throw new MarketDataError('AUTH', 'Alpha Vantage rejected the API key; check ALPHAVANTAGE_API_KEY.', ALPHAVANTAGE);
    if (reply.status >= 400) throw new ProviderError('BAD_RESPONSE', `Alpha Vantage could not answer the request for ${symbol}.`, ALPHAVANTAGE);
    const body = obj(reply.body) ?? {};
    const note = str(body.Note) ?? str(body.Information) ?? '';
    const error = str(body['Error Message']) ?? '';
    // Limit notes also advertise premium plans: test for the limit first.
    if (/frequency|rate limit|requests per (day|minute)|calls per/i.test(note)) {
      throw new ProviderError('RATE_LIMITED', "Alpha Vantage's request limit for this API key is used up; try again later.", ALPHAVANTAGE);
    }
    if (/premium endpoint/i.test(note)) throw new MarketDataError('NOT_SUPPORTED', 'Alpha Vantage offers this data only on a premium plan.', ALPHAVANTAGE);
    if (note || /api ?key/i.test(error)) throw new MarketDataError('AUTH', 'Alpha Vantage rejected the API key; check ALPHAVANTAGE_API_KEY.', ALPHAVANTAGE);
    if (error) throw new MarketDataError('UNKNOWN_SYMBOL', `Alpha Vantage does not know the symbol ${symbol}.`, ALPHAVANTAGE);
    return body;
  }

  async function quote(symbol: string): Promise<Quote | undefined> {
    const g = obj((await query({ function: 'GLOBAL_QUOTE' }, symbol))['Global Quote']) ?? {};
    const price = n(g['05. price']);
    if (price === undefined) return undefined;
    const prev = n(g['08. previous close']);
    const dayStr = str(g['07. latest trading day']);
    return Quote.parse(
      compact({
        symbol: str(g['01. symbol']) ?? symbol,
        price,
        previousClose: prev,
        change: n(g['09. change']) ?? (prev !== undefined ? price - prev : undefined),
        changePercent: n(g['10. change percent']) ?? (prev ? ((price - prev) / prev) * 100 : undefined),
        open: n(g['02. open']),
        dayHigh: n(g['03. high']),
        dayLow: n(g['04. low']),
        volume: n(g['06. volume']),
        currency: 'USD',
        // GLOBAL_QUOTE carries only the trading day; stamp it at that day's close.
        stamp: stamp(dayStr ? nyClose(dayStr) : opts.clock.now(), true),
      }),
    );
  }

  return {
    id: ALPHAVANTAGE,
    async quotes(symbols) {
      const out: Quote[] = [];
      let failure: unknown;
      for (const s of symbols) {
        try {
          const q = await quote(s);
          if (q) out.push(q);
        } catch (err) {
          if (err instanceof MarketDataError && err.code === 'UNKNOWN_SYMBOL') continue;
          failure ??= err;
          // An exhausted key or a bad key will not get better for the next symbol.
          if (err instanceof MarketDataError && (err.code === 'AUTH' || err.code === 'RATE_LIMITED')) break;
        }
      }
      if (out.length === 0 && failure) throw failure;
      return out;
    },
    async history(symbol, req) {
      const to = req.to ?? opts.clock.now().toISOString().slice(0, 10);
      const daysBack = (opts.clock.now().getTime() - Date.parse(`${req.from}T00:00:00Z`)) / 86_400_000;
      const body = await query({ function: 'TIME_SERIES_DAILY', outputsize: daysBack > 140 ? 'full' : 'compact' }, symbol);
      const series = obj(body['Time Series (Daily)']) ?? {};
      const bars = Object.entries(series)
        .flatMap(([date, raw]) => {
          const b = obj(raw);
          const open = n(b?.['1. open']),
            high = n(b?.['2. high']),
            low = n(b?.['3. low']),
            close = n(b?.['4. close']);
          if (date < req.from || date > to || open === undefined || high === undefined || low === undefined || close === undefined) return [];
          return [{ date, open, high, low, close, volume: n(b?.['5. volume']) ?? 0 }];
        })
        .sort((a, b) => a.date.localeCompare(b.date));
      const refreshed = str(obj(body['Meta Data'])?.['3. Last Refreshed']);
      return Bars.parse({ symbol, bars, stamp: stamp(refreshed ? nyClose(refreshed.slice(0, 10)) : opts.clock.now(), true) });
    },
    async fundamentals(symbol) {
      const o = await query({ function: 'OVERVIEW' }, symbol);
      if (!str(o.Symbol)) throw new MarketDataError('UNKNOWN_SYMBOL', `Alpha Vantage does not know the symbol ${symbol}.`, ALPHAVANTAGE);
      const dy = n(o.DividendYield);
      return Fundamentals.parse(
        compact({
          symbol: str(o.Symbol) ?? symbol,
          name: str(o.Name),
          sector: str(o.Sector),
          industry: str(o.Industry),
          marketCap: n(o.MarketCapitalization),
          sharesOutstanding: n(o.SharesOutstanding),
          floatShares: n(o.SharesFloat),
          institutionalOwnership: n(o.PercentInstitutions) !== undefined ? (n(o.PercentInstitutions) ?? 0) / 100 : undefined,
          revenueGrowth: n(o.QuarterlyRevenueGrowthYOY),
          epsGrowth: n(o.QuarterlyEarningsGrowthYOY),
          trailingPE: n(o.TrailingPE) ?? n(o.PERatio),
          forwardPE: n(o.ForwardPE),
          beta: n(o.Beta),
          dividendYield: dy !== undefined ? Math.log1p(dy) : undefined,
          stamp: stamp(opts.clock.now(), false),
        }),
      );
    },
    async optionChain() {
      throw new MarketDataError('NOT_SUPPORTED', 'Alpha Vantage offers option chains only on a premium plan.', ALPHAVANTAGE);
    },
    async universe() {
      throw new MarketDataError('NOT_SUPPORTED', 'Alpha Vantage is not used for the symbol universe.', ALPHAVANTAGE);
    },
  };
}
