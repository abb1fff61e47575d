/**
 * Yahoo Finance through the real yahoo-finance2 v3 client. Everything HTTP (rate limit, timeout,
 * YAHOO_BASE_URL, replay/record) lives in the fetch we hand the client, so the library's own
 * crumb/cookie dance goes through the same door as data requests.
 */
import YahooFinance from 'yahoo-finance2';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { FetchFn } from '../http/request.js';
import { MarketDataError, type MarketDataProvider, type Quote, type UniverseEntry } from '../types.js';
import { mapYahooError, unknownSymbol, YAHOO } from './errors.js';
import { obj } from './loose.js';
import { mergeUniverse, type Listing } from '../universe/merge.js';
import { QuoteDrift, rawQuoteRows } from './raw-quote.js';
import { mapBars, mapChain, mapFundamentals, mapQuote, mapTrendingSymbol, mapUniverseQuote } from './map.js';
import type { YahooScreener } from './screeners.js';

export const FUNDAMENTAL_MODULES = ['price', 'summaryDetail', 'defaultKeyStatistics', 'financialData', 'calendarEvents', 'assetProfile'] as const;

export interface YahooProviderOptions {
  fetch: FetchFn;
  clock: Clock;
  logger: Logger;
  /** The library's own (process-wide) queue; our limiter is the real bound, keep this ≥ it. */
  concurrency?: number;
  /** Rows asked of each screener (Yahoo answers at most 250). */
  screenerCount?: number;
  /** Screeners `universe()` merges; the gateway asks each one separately instead. */
  screeners?: readonly YahooScreener[];
  /** Region of the trending list `universe()` adds; null = none. */
  trendingRegion?: string | null;
}

export interface YahooProvider extends MarketDataProvider {
  /** Forget crumb and cookies (after "Invalid Crumb"); the next call fetches a new session. */
  resetSession(): Promise<void>;
  /** One predefined screener's rows (equities only), with market cap, price and volume. */
  screener(scrId: YahooScreener): Promise<UniverseEntry[]>;
  /** The region's trending stock symbols (Yahoo gives symbols only). */
  trending(region: string): Promise<UniverseEntry[]>;
}

/** The library's validation errors carry the raw result; we map it ourselves when we can. */
async function tolerant<T>(work: () => Promise<unknown>, map: (raw: unknown, drifted: boolean) => T): Promise<T> {
  let raw: unknown;
  try {
    raw = await work();
  } catch (err) {
    const e = err as { name?: string; result?: unknown };
    if (e?.name !== 'FailedYahooValidationError') throw err;
    try {
      return map(e.result, true);
    } catch (mapErr) {
      if (mapErr instanceof MarketDataError && mapErr.code !== 'BAD_RESPONSE') throw mapErr;
      throw err;
    }
  }
  return map(raw, false);
}

export function createYahooProvider(opts: YahooProviderOptions): YahooProvider {
  const cookieJar = new ExtendedCookieJar();
  const log = opts.logger.child({ lib: 'yahoo-finance2' });
  const yf = new YahooFinance({
    fetch: opts.fetch as typeof fetch,
    cookieJar,
    versionCheck: false,
    suppressNotices: ['yahooSurvey', 'ripHistorical'],
    queue: { concurrency: opts.concurrency ?? 4 },
    validation: { logErrors: false, logOptionsErrors: false },
    logger: {
      info: (...a: unknown[]) => log.debug({ args: a.map(String) }, 'yahoo-finance2 info'),
      warn: (...a: unknown[]) => log.debug({ args: a.map(String) }, 'yahoo-finance2 warn'),
      error: (...a: unknown[]) => log.debug({ args: a.map(String) }, 'yahoo-finance2 error'),
      debug: () => undefined,
      dir: () => undefined,
    },
  });
  const now = (): Date => opts.clock.now();
  const count = opts.screenerCount ?? 250;

  const call = async <T>(what: string, symbol: string | undefined, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      throw mapYahooError(err, what, symbol);
    }
  };

  const quotesOf = (raw: unknown): unknown[] => {
    const q = obj(raw)?.quotes;
    return Array.isArray(q) ? q : [];
  };
  const screener = (scrId: YahooScreener): Promise<UniverseEntry[]> =>
    call(`the ${scrId} screener`, undefined, () =>
      tolerant(
        () => yf.screener({ scrIds: scrId, count }),
        (raw) =>
          quotesOf(raw)
            .map(mapUniverseQuote)
            .filter((e): e is UniverseEntry => !!e),
      ),
    );
  const trending = (region: string): Promise<UniverseEntry[]> =>
    call(`the trending symbols for ${region}`, undefined, () =>
      tolerant(
        () => yf.trendingSymbols(region, { count: Math.min(count, 50) }),
        (raw) =>
          quotesOf(raw)
            .map(mapTrendingSymbol)
            .filter((e): e is UniverseEntry => !!e),
      ),
    );

  /** Every configured list; one failing costs only its own symbols. */
  const universe = async (): Promise<UniverseEntry[]> => {
    const region = opts.trendingRegion === undefined ? 'US' : opts.trendingRegion;
    const jobs: Array<[string, Promise<UniverseEntry[]>]> = (opts.screeners ?? ['aggressive_small_caps']).map((id) => [`yahoo:${id}`, screener(id)]);
    if (region) jobs.push(['yahoo:trending', trending(region)]);
    const settled = await Promise.allSettled(jobs.map(([, p]) => p));
    const listings: Listing[] = settled.flatMap((r, i) => (r.status === 'fulfilled' ? [{ tag: jobs[i]?.[0] ?? 'yahoo', entries: r.value }] : []));
    const firstFailure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (listings.length === 0 && firstFailure) throw firstFailure.reason;
    return mergeUniverse(listings);
  };

  return {
    id: YAHOO,
    resetSession: () => getCrumbClear(cookieJar),

    quotes: (symbols) =>
      call(symbols.length === 1 ? 'a quote for' : 'quotes', symbols.length === 1 ? symbols[0] : undefined, () =>
        rawQuoteRows(yf, symbols).then((rows) => {
          const quotes: Quote[] = [];
          for (const r of rows) {
            const q = mapQuote(r, now());
            if (q) quotes.push(q);
            // A row that has a price we cannot read is drift, and must not pass for an unknown symbol
            // (a row without any price is a symbol Yahoo has no price for).
            else if (obj(r)?.regularMarketPrice != null) throw new QuoteDrift('unreadable rows');
          }
          return quotes;
        }),
      ),

    history: (symbol, req) =>
      call('price history for', symbol, async () => {
        const to = req.to ?? now().toISOString().slice(0, 10);
        // period2 is exclusive at Yahoo: ask up to the day after `to`.
        const period2 = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
        return tolerant(
          () => yf.chart(symbol, { period1: req.from, period2, interval: '1d' }),
          (raw) => {
            if (!obj(raw)) throw unknownSymbol(symbol);
            return mapBars(raw, symbol, req.from, to, now());
          },
        );
      }),

    optionChain: (symbol, expiry) =>
      call('the option chain for', symbol, () =>
        tolerant(
          () => yf.options(symbol, expiry ? { date: new Date(`${expiry}T00:00:00Z`) } : {}),
          (raw) => mapChain(raw, symbol, expiry, now()),
        ),
      ),

    fundamentals: (symbol) =>
      call('fundamentals for', symbol, () =>
        tolerant(
          () => yf.quoteSummary(symbol, { modules: [...FUNDAMENTAL_MODULES] }),
          (raw) => mapFundamentals(raw, symbol, now()),
        ),
      ),

    screener,
    trending,
    universe,
  };
}
