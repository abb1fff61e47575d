/** Yahoo results → our model. Inputs are read loosely (see loose.ts); outputs are zod-checked. */
import {
  Bars,
  Fundamentals,
  OptionChain,
  OptionContract,
  Quote,
  MarketDataError,
  unknownExpiry,
  type OptionType,
  type Stamp,
  type UniverseEntry,
} from '../types.js';
import { ProviderError } from '../gateway/errors.js';
import { arr, compact, date, num, nyClose, nyDay, obj, str, utcDay, type Loose } from './loose.js';
import { YAHOO, YAHOO_LABEL } from './errors.js';

/** Yahoo's free feed is commonly 15 minutes behind; exchangeDataDelayedBy says so when it is set. */
const DEFAULT_DELAY_MIN = 15;

export function yahooStamp(asOf: Date | undefined, now: Date, delayMinutes?: number): Stamp {
  const minutes = delayMinutes !== undefined && delayMinutes > 0 ? delayMinutes : DEFAULT_DELAY_MIN;
  return { source: YAHOO_LABEL, asOf: (asOf ?? now).toISOString(), delayed: true, stale: false, simulated: false, delayMinutes: minutes };
}

export function mapQuote(raw: unknown, now: Date): Quote | undefined {
  const q = obj(raw);
  const symbol = str(q?.symbol);
  const price = num(q?.regularMarketPrice);
  if (!q || !symbol || price === undefined) return undefined;
  const prev = num(q.regularMarketPreviousClose);
  // Neither the change nor a previous close: the change is unknown, not 0.
  const change = num(q.regularMarketChange) ?? (prev !== undefined ? price - prev : undefined);
  const changePercent = num(q.regularMarketChangePercent) ?? (prev && change !== undefined ? (change / prev) * 100 : undefined);
  const parsed = Quote.safeParse(
    compact({
      symbol,
      name: str(q.longName) ?? str(q.shortName),
      price,
      previousClose: prev,
      change,
      changePercent,
      open: num(q.regularMarketOpen),
      dayHigh: num(q.regularMarketDayHigh),
      dayLow: num(q.regularMarketDayLow),
      volume: num(q.regularMarketVolume),
      avgVolume: num(q.averageDailyVolume3Month) ?? num(q.averageDailyVolume10Day),
      marketCap: num(q.marketCap),
      fiftyTwoWeekHigh: num(q.fiftyTwoWeekHigh),
      fiftyTwoWeekLow: num(q.fiftyTwoWeekLow),
      currency: str(q.currency) ?? 'USD',
      exchange: str(q.fullExchangeName) ?? str(q.exchange),
      stamp: yahooStamp(date(q.regularMarketTime), now, num(q.exchangeDataDelayedBy)),
    }),
  );
  return parsed.success ? parsed.data : undefined;
}

function mapContract(raw: unknown, type: OptionType): OptionContract | undefined {
  const c = obj(raw);
  const expiration = date(c?.expiration);
  const parsed = OptionContract.safeParse(
    compact({
      contractSymbol: str(c?.contractSymbol),
      type,
      strike: num(c?.strike),
      expiry: expiration ? utcDay(expiration) : undefined,
      bid: num(c?.bid) ?? null,
      ask: num(c?.ask) ?? null,
      last: num(c?.lastPrice) ?? null,
      volume: num(c?.volume) ?? null,
      openInterest: num(c?.openInterest) ?? null,
      lastTradeAt: date(c?.lastTradeDate)?.toISOString(),
      providerIv: num(c?.impliedVolatility),
    }),
  );
  return parsed.success ? parsed.data : undefined;
}

/**
 * Yahoo stamps expiries at 00:00 UTC of the expiry day (a Friday stays a Friday), so the UTC
 * calendar day *is* the New York expiry date; converting to New York time would give Thursday.
 */
export function mapChain(raw: unknown, symbol: string, expiry: string | undefined, now: Date): OptionChain {
  const r = obj(raw);
  if (!r) throw new MarketDataError('UNKNOWN_SYMBOL', `Yahoo Finance does not know the symbol ${symbol}.`, YAHOO);
  const expiries = arr(r.expirationDates)
    .map(date)
    .filter((d): d is Date => !!d)
    .map(utcDay);
  if (expiries.length === 0) throw new MarketDataError('NO_OPTIONS', `${symbol} has no listed options on Yahoo Finance.`, YAHOO);
  if (expiry && !expiries.includes(expiry)) {
    throw unknownExpiry(symbol, expiry, expiries, YAHOO);
  }
  const quote = obj(r.quote);
  const spot = num(quote?.regularMarketPrice);
  if (spot === undefined)
    throw new ProviderError('BAD_RESPONSE', `Yahoo Finance sent the ${symbol} option chain without the stock price, so it was not used.`, YAHOO);
  const block = obj(arr(r.options)[0]);
  const contracts = [...arr(block?.calls).map((c) => mapContract(c, 'call')), ...arr(block?.puts).map((c) => mapContract(c, 'put'))].filter(
    (c): c is OptionContract => !!c,
  );
  return OptionChain.parse({
    symbol: str(r.underlyingSymbol) ?? symbol,
    spot,
    expiries,
    contracts,
    stamp: yahooStamp(date(quote?.regularMarketTime), now, num(quote?.exchangeDataDelayedBy)),
  });
}

export function mapBars(raw: unknown, symbol: string, from: string, to: string, now: Date): Bars {
  const r = obj(raw);
  const rows = arr(r?.quotes);
  const bars = rows.flatMap((row) => {
    const b = obj(row);
    const d = date(b?.date);
    const open = num(b?.open),
      high = num(b?.high),
      low = num(b?.low),
      close = num(b?.close);
    if (!d || open === undefined || high === undefined || low === undefined || close === undefined) return [];
    const day = nyDay(d);
    if (day < from || day > to) return [];
    return [{ date: day, open, high, low, close, volume: num(b?.volume) ?? 0 }];
  });
  const meta = obj(r?.meta);
  const last = bars.at(-1);
  return Bars.parse({
    symbol: str(meta?.symbol) ?? symbol,
    bars,
    // A finished bar is as of its close; the meta time is when Yahoo answered, not the data's age.
    stamp: yahooStamp(last ? minDate(nyClose(last.date), date(meta?.regularMarketTime)) : date(meta?.regularMarketTime), now),
  });
}

const minDate = (a: Date, b: Date | undefined): Date => (b && b < a ? b : a);

const modules = (raw: unknown, name: string): Loose => obj(obj(raw)?.[name]) ?? {};

export function mapFundamentals(raw: unknown, symbol: string, now: Date): Fundamentals {
  if (!obj(raw)) throw new MarketDataError('UNKNOWN_SYMBOL', `Yahoo Finance does not know the symbol ${symbol}.`, YAHOO);
  const price = modules(raw, 'price');
  const detail = modules(raw, 'summaryDetail');
  const stats = modules(raw, 'defaultKeyStatistics');
  const fin = modules(raw, 'financialData');
  const profile = modules(raw, 'assetProfile');
  const cal = obj(modules(raw, 'calendarEvents').earnings);
  const yieldDiscrete = num(detail.dividendYield) ?? num(detail.trailingAnnualDividendYield);
  const today = nyDay(now);
  const earnings = arr(cal?.earningsDate)
    .map(date)
    .filter((d): d is Date => !!d)
    .map(nyDay)
    .sort();
  return Fundamentals.parse(
    compact({
      symbol: str(price.symbol) ?? symbol,
      name: str(price.longName) ?? str(price.shortName),
      sector: str(profile.sector),
      industry: str(profile.industry),
      marketCap: num(price.marketCap) ?? num(detail.marketCap),
      sharesOutstanding: num(stats.sharesOutstanding),
      floatShares: num(stats.floatShares),
      shortPercentFloat: num(stats.shortPercentOfFloat),
      institutionalOwnership: num(stats.heldPercentInstitutions),
      revenueGrowth: num(fin.revenueGrowth),
      epsGrowth: num(fin.earningsGrowth) ?? num(stats.earningsQuarterlyGrowth),
      trailingPE: num(detail.trailingPE),
      forwardPE: num(detail.forwardPE) ?? num(stats.forwardPE),
      beta: num(detail.beta) ?? num(stats.beta),
      // Yahoo quotes a simple annual yield; the options core wants the continuous equivalent.
      dividendYield: yieldDiscrete !== undefined ? Math.log1p(yieldDiscrete) : undefined,
      nextEarnings: earnings.find((d) => d >= today),
      stamp: yahooStamp(date(price.regularMarketTime), now, num(price.exchangeDataDelayedBy)),
    }),
  );
}

/** A screener row; funds, ETFs and other non-equities are left out of a stock universe. */
export function mapUniverseQuote(raw: unknown): UniverseEntry | undefined {
  const q = obj(raw);
  const symbol = str(q?.symbol);
  const type = str(q?.quoteType);
  if (!symbol || (type !== undefined && type !== 'EQUITY')) return undefined;
  return compact({
    symbol,
    name: str(q?.longName) ?? str(q?.shortName),
    marketCap: num(q?.marketCap),
    price: num(q?.regularMarketPrice),
    avgVolume: num(q?.averageDailyVolume3Month),
    volume: num(q?.regularMarketVolume),
    exchange: str(q?.fullExchangeName) ?? str(q?.exchange),
  });
}

/** US stock tickers only: trending lists mix in crypto (BTC-USD), futures (ES=F) and indices (^GSPC). */
const STOCK_TICKER = /^[A-Z]{1,5}([.-][A-Z])?$/;

/** A trending row: Yahoo gives only the symbol. */
export function mapTrendingSymbol(raw: unknown): UniverseEntry | undefined {
  const symbol = str(obj(raw)?.symbol);
  return symbol && STOCK_TICKER.test(symbol) ? { symbol } : undefined;
}
