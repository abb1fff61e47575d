/**
 * Polygon.io over plain fetch (POLYGON_API_KEY). Quotes come from the multi-ticker snapshot
 * when the plan includes it, else from each symbol's last two daily bars (price and previous
 * close both real). The key travels in the query string, so no URL ever reaches a message.
 */
import { ProviderError } from '../gateway/errors.js';
import { getJson, type JsonReply } from '../http/json.js';
import type { FetchFn } from '../http/request.js';
import { arr, compact, num, nyClose, obj, str, type Loose } from '../yahoo/loose.js';
import { Bars, Fundamentals, MarketDataError, OptionChain, Quote, type Bar, type MarketDataProvider, type OptionContract, type Stamp } from '../types.js';
import type { Clock } from '../../clock.js';

export const POLYGON = 'polygon';
export const POLYGON_LABEL = 'Polygon.io';
const who = { id: POLYGON, label: POLYGON_LABEL };

export interface PolygonOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchFn;
  clock: Clock;
  /** Pages of the options snapshot to read at most (250 contracts each). */
  maxOptionPages?: number;
}

const stamp = (asOf: Date, delayed: boolean): Stamp => ({ source: POLYGON_LABEL, asOf: asOf.toISOString(), delayed, stale: false, simulated: false });
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function createPolygonProvider(opts: PolygonOptions): MarketDataProvider {
  let snapshotAllowed = true;
  const url = (path: string, params: Record<string, string> = {}): URL => {
    const u = new URL(path, opts.baseUrl.replace(/\/+$/, '') + '/');
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    u.searchParams.set('apiKey', opts.apiKey);
    return u;
  };

  /** 401/403 and Polygon's own status field → one sentence; 404 → undefined for the caller. */
  async function get(path: string, params: Record<string, string>, what: string): Promise<Loose | undefined> {
    const reply: JsonReply = await getJson(opts.fetch, url(path, params), who);
    const body = obj(reply.body) ?? {};
    const status = str(body.status);
    const text = `${str(body.message) ?? ''} ${str(body.error) ?? ''}`;
    if (reply.status === 403 && (status === 'NOT_AUTHORIZED' || /entitled|plan/i.test(text))) {
      throw new MarketDataError('NOT_SUPPORTED', `Polygon.io's plan for this API key does not include ${what}.`, POLYGON);
    }
    if (reply.status === 401 || reply.status === 403 || /api key/i.test(text)) {
      throw new MarketDataError('AUTH', 'Polygon.io rejected the API key; check POLYGON_API_KEY.', POLYGON);
    }
    if (reply.status === 404 || status === 'NOT_FOUND') return undefined;
    if (reply.status >= 400 || status === 'ERROR') {
      throw new ProviderError('BAD_RESPONSE', `Polygon.io could not answer the request for ${what}.`, POLYGON);
    }
    return body;
  }

  async function recentBars(symbol: string, from: string, to: string): Promise<Bar[]> {
    const body = await get(
      `v2/aggs/ticker/${encodeURIComponent(symbol)}/range/1/day/${from}/${to}`,
      { adjusted: 'true', sort: 'asc', limit: '50000' },
      `price history for ${symbol}`,
    );
    return arr(body?.results).flatMap((r) => {
      const b = obj(r);
      const t = num(b?.t),
        o = num(b?.o),
        h = num(b?.h),
        l = num(b?.l),
        c = num(b?.c);
      if (t === undefined || o === undefined || h === undefined || l === undefined || c === undefined) return [];
      return [{ date: day(t), open: o, high: h, low: l, close: c, volume: num(b?.v) ?? 0 }];
    });
  }

  async function snapshotQuotes(symbols: string[]): Promise<Quote[]> {
    const body = await get('v2/snapshot/locale/us/markets/stocks/tickers', { tickers: symbols.join(',') }, 'real-time snapshots');
    return arr(body?.tickers).flatMap((raw) => {
      const t = obj(raw);
      const symbol = str(t?.ticker);
      const prev = num(obj(t?.prevDay)?.c);
      const price = num(obj(t?.lastTrade)?.p) ?? num(obj(t?.day)?.c) ?? num(obj(t?.min)?.c);
      if (!symbol || price === undefined) return [];
      const updatedNs = num(t?.updated);
      const q = Quote.safeParse(
        compact({
          symbol,
          price,
          previousClose: prev,
          change: num(t?.todaysChange) ?? (prev !== undefined ? price - prev : undefined),
          changePercent: num(t?.todaysChangePerc) ?? (prev ? ((price - prev) / prev) * 100 : undefined),
          open: num(obj(t?.day)?.o),
          dayHigh: num(obj(t?.day)?.h),
          dayLow: num(obj(t?.day)?.l),
          volume: num(obj(t?.day)?.v),
          currency: 'USD',
          stamp: stamp(updatedNs ? new Date(updatedNs / 1e6) : opts.clock.now(), true),
        }),
      );
      return q.success ? [q.data] : [];
    });
  }

  async function barQuote(symbol: string): Promise<Quote | undefined> {
    const to = opts.clock.now();
    const bars = await recentBars(symbol, day(to.getTime() - 10 * 86_400_000), day(to.getTime()));
    const last = bars.at(-1);
    if (!last) return undefined;
    const prev = bars.at(-2)?.close;
    return Quote.parse(
      compact({
        symbol,
        price: last.close,
        previousClose: prev,
        change: prev !== undefined ? last.close - prev : undefined,
        changePercent: prev ? ((last.close - prev) / prev) * 100 : undefined,
        open: last.open,
        dayHigh: last.high,
        dayLow: last.low,
        volume: last.volume,
        currency: 'USD',
        // A daily close is as of that session's 16:00 New York close.
        stamp: stamp(nyClose(last.date), true),
      }),
    );
  }

  return {
    id: POLYGON,
    async quotes(symbols) {
      if (snapshotAllowed) {
        try {
          return await snapshotQuotes(symbols);
        } catch (err) {
          if (!(err instanceof MarketDataError && err.code === 'NOT_SUPPORTED')) throw err;
          snapshotAllowed = false;
        }
      }
      const settled = await Promise.allSettled(symbols.map(barQuote));
      const quotes = settled.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (quotes.length === 0 && failure) throw failure.reason;
      return quotes;
    },
    async history(symbol, req) {
      const to = req.to ?? day(opts.clock.now().getTime());
      const bars = await recentBars(symbol, req.from, to);
      if (bars.length === 0) throw new MarketDataError('UNKNOWN_SYMBOL', `Polygon.io has no price history for ${symbol}.`, POLYGON);
      return Bars.parse({ symbol, bars, stamp: stamp(nyClose(bars.at(-1)?.date ?? ''), true) });
    },
    async fundamentals(symbol) {
      const body = await get(`v3/reference/tickers/${encodeURIComponent(symbol)}`, {}, `company details for ${symbol}`);
      const r = obj(body?.results);
      if (!r) throw new MarketDataError('UNKNOWN_SYMBOL', `Polygon.io does not know the symbol ${symbol}.`, POLYGON);
      return Fundamentals.parse(
        compact({
          symbol: str(r.ticker) ?? symbol,
          name: str(r.name),
          industry: str(r.sic_description),
          marketCap: num(r.market_cap),
          sharesOutstanding: num(r.share_class_shares_outstanding) ?? num(r.weighted_shares_outstanding),
          stamp: stamp(opts.clock.now(), false),
        }),
      );
    },
    async optionChain(symbol, expiry) {
      const contracts: OptionContract[] = [];
      const expiries = new Set<string>();
      let spot: number | undefined;
      // Unfiltered, so the chain can list every expiry (small caps rarely pass a few pages).
      let params: Record<string, string> = { limit: '250' };
      let path = `v3/snapshot/options/${encodeURIComponent(symbol)}`;
      for (let page = 0; page < (opts.maxOptionPages ?? 4); page += 1) {
        const body = await get(path, params, 'option chains');
        if (!body) break;
        for (const raw of arr(body.results)) {
          const c = obj(raw);
          const d = obj(c?.details);
          const exp = str(d?.expiration_date);
          const type = str(d?.contract_type);
          const strike = num(d?.strike_price);
          spot ??= num(obj(c?.underlying_asset)?.price);
          if (!exp || (type !== 'call' && type !== 'put') || strike === undefined) continue;
          expiries.add(exp);
          const q = obj(c?.last_quote);
          contracts.push(
            compact({
              contractSymbol: str(d?.ticker) ?? `${symbol}-${exp}-${type}-${strike}`,
              type,
              strike,
              expiry: exp,
              bid: num(q?.bid) ?? null,
              ask: num(q?.ask) ?? null,
              last: num(obj(c?.last_trade)?.price) ?? num(obj(c?.day)?.close) ?? null,
              volume: num(obj(c?.day)?.volume) ?? null,
              openInterest: num(c?.open_interest) ?? null,
              providerIv: num(c?.implied_volatility),
            }) as OptionContract,
          );
        }
        const next = str(body.next_url);
        if (!next) break;
        const n = new URL(next);
        path = n.pathname.replace(/^\//, '');
        params = Object.fromEntries([...n.searchParams].filter(([k]) => k !== 'apiKey'));
      }
      const sorted = [...expiries].sort();
      if (sorted.length === 0) throw new MarketDataError('NO_OPTIONS', `${symbol} has no listed options on Polygon.io.`, POLYGON);
      if (expiry && !sorted.includes(expiry)) {
        throw new MarketDataError(
          'UNKNOWN_EXPIRY',
          `${symbol} has no options expiring ${expiry} on Polygon.io; available expiries: ${sorted.join(', ')}.`,
          POLYGON,
        );
      }
      if (spot === undefined)
        throw new MarketDataError('NOT_SUPPORTED', `Polygon.io's plan for this API key does not include the underlying price with option chains.`, POLYGON);
      const chosen = expiry ?? sorted[0];
      return OptionChain.parse({
        symbol,
        spot,
        expiries: sorted,
        contracts: contracts.filter((c) => c.expiry === chosen),
        stamp: stamp(opts.clock.now(), true),
      });
    },
    async universe() {
      throw new MarketDataError('NOT_SUPPORTED', 'Polygon.io is not used for the symbol universe.', POLYGON);
    },
  };
}
