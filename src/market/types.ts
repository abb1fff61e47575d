/**
 * The market-data model every provider maps into (Yahoo, Polygon, Alpha Vantage, sim, replay).
 * Dates are ISO strings: instants as full ISO-8601 (UTC), calendar days as `YYYY-MM-DD` (New York date).
 */
import { z } from 'zod';
import { OPTION_TYPES } from '../core/options/types.js';

/** Where a figure came from and how fresh it is. Every reply shows this. */
export const Stamp = z.object({
  source: z.string(),
  /** Instant the provider says the data is as of (ISO-8601). */
  asOf: z.string(),
  /** Provider delays quotes (Yahoo: commonly 15 minutes). */
  delayed: z.boolean(),
  /** Served from cache past its TTL because the provider failed. */
  stale: z.boolean(),
  /** Simulated market data: never real prices. */
  simulated: z.boolean().default(false),
  /** How many minutes behind real time the provider's figure is, when known. */
  delayMinutes: z.number().optional(),
});
export type Stamp = z.infer<typeof Stamp>;

export const Quote = z.object({
  symbol: z.string(),
  name: z.string().optional(),
  price: z.number(),
  previousClose: z.number().optional(),
  /** Today's change, absent when the provider gave neither it nor a previous close (never a made-up 0). */
  change: z.number().optional(),
  changePercent: z.number().optional(),
  open: z.number().optional(),
  dayHigh: z.number().optional(),
  dayLow: z.number().optional(),
  volume: z.number().optional(),
  avgVolume: z.number().optional(),
  marketCap: z.number().optional(),
  fiftyTwoWeekHigh: z.number().optional(),
  fiftyTwoWeekLow: z.number().optional(),
  currency: z.string().default('USD'),
  exchange: z.string().optional(),
  stamp: Stamp,
});
export type Quote = z.infer<typeof Quote>;

export const Bar = z.object({
  /** Trading day, `YYYY-MM-DD`. */
  date: z.string(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type Bar = z.infer<typeof Bar>;

export const Bars = z.object({
  symbol: z.string(),
  bars: z.array(Bar),
  stamp: Stamp,
});
export type Bars = z.infer<typeof Bars>;

export const OptionType = z.enum(OPTION_TYPES);
export type OptionType = z.infer<typeof OptionType>;

export const OptionContract = z.object({
  contractSymbol: z.string(),
  type: OptionType,
  strike: z.number(),
  /** Expiration day, `YYYY-MM-DD`. */
  expiry: z.string(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  last: z.number().nullable(),
  volume: z.number().nullable(),
  openInterest: z.number().nullable(),
  /** ISO instant of the last trade, when known. */
  lastTradeAt: z.string().optional(),
  /** The provider's own IV figure: shown labelled, never used for our numbers. */
  providerIv: z.number().optional(),
});
export type OptionContract = z.infer<typeof OptionContract>;

export const OptionChain = z.object({
  symbol: z.string(),
  spot: z.number(),
  /** All expiries the underlying has. */
  expiries: z.array(z.string()),
  /** Contracts for the requested expiry (or the nearest one when none was asked for). */
  contracts: z.array(OptionContract),
  stamp: Stamp,
});
export type OptionChain = z.infer<typeof OptionChain>;

export const Fundamentals = z.object({
  symbol: z.string(),
  name: z.string().optional(),
  sector: z.string().optional(),
  industry: z.string().optional(),
  marketCap: z.number().optional(),
  sharesOutstanding: z.number().optional(),
  floatShares: z.number().optional(),
  /** Fraction, 0.12 = 12 %. */
  shortPercentFloat: z.number().optional(),
  /** Fraction of shares held by institutions. */
  institutionalOwnership: z.number().optional(),
  /** Year-over-year fractions. */
  revenueGrowth: z.number().optional(),
  epsGrowth: z.number().optional(),
  trailingPE: z.number().optional(),
  forwardPE: z.number().optional(),
  beta: z.number().optional(),
  /** Continuous-equivalent annual dividend yield as a fraction. */
  dividendYield: z.number().optional(),
  /** `YYYY-MM-DD`. */
  nextEarnings: z.string().optional(),
  stamp: Stamp,
});
export type Fundamentals = z.infer<typeof Fundamentals>;

export const UniverseEntry = z.object({
  symbol: z.string(),
  name: z.string().optional(),
  sector: z.string().optional(),
  marketCap: z.number().optional(),
  price: z.number().optional(),
  avgVolume: z.number().optional(),
  exchange: z.string().optional(),
  /** Last session's share volume (the NASDAQ screener's `volume`), when that is all a source gives. */
  volume: z.number().optional(),
  /** Listings that named the symbol, e.g. `nasdaq`, `yahoo:small_cap_gainers`, `yahoo:trending`, `tickers`. */
  sources: z.array(z.string()).optional(),
});
export type UniverseEntry = z.infer<typeof UniverseEntry>;

export interface HistoryRequest {
  /** First day wanted, `YYYY-MM-DD`. */
  from: string;
  /** Last day wanted (inclusive), `YYYY-MM-DD`; defaults to today. */
  to?: string;
}

/** One source of market data. Providers throw MarketDataError, never a bare Error. */
export interface MarketDataProvider {
  readonly id: string;
  /** Quotes for the symbols that exist; unknown symbols are left out of the result. */
  quotes(symbols: string[]): Promise<Quote[]>;
  history(symbol: string, req: HistoryRequest): Promise<Bars>;
  /** Chain for one expiry (`YYYY-MM-DD`), or the nearest expiry when omitted. */
  optionChain(symbol: string, expiry?: string): Promise<OptionChain>;
  fundamentals(symbol: string): Promise<Fundamentals>;
  /** The symbols this provider can list (screener / listing); may be a subset of what it can quote. */
  universe(): Promise<UniverseEntry[]>;
}

export type MarketErrorCode =
  | 'UNKNOWN_SYMBOL'
  | 'NO_OPTIONS'
  | 'UNKNOWN_EXPIRY'
  | 'NOT_SUPPORTED'
  | 'RATE_LIMITED'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'BAD_RESPONSE'
  | 'AUTH';

/** A data failure with a code the chat layer turns into one sentence. */
export class MarketDataError extends Error {
  constructor(
    readonly code: MarketErrorCode,
    message: string,
    readonly provider?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MarketDataError';
  }
}

/** An expiry the underlying does not list; the sentence names the ones it does. */
export const unknownExpiry = (symbol: string, expiry: string, expiries: readonly string[], provider?: string): MarketDataError =>
  new MarketDataError('UNKNOWN_EXPIRY', `${symbol} has no options expiring ${expiry}; available expiries: ${expiries.join(', ')}.`, provider);
