/**
 * What the simulated quotes and chains read from a symbol's price path: the quote basis (kept per
 * symbol instead of the path), intraday extremes, the listing range of an expiry, realised vol.
 */
import { intradayPrice, type MarketMoment } from './day.js';
import type { Path } from './paths.js';
import type { Company } from './companies.js';

export function isoPlusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function intradayHigh(c: Company, date: string, bar: Bar, f: number): number {
  let hi = bar.open;
  for (let s = 1; s <= 12; s++) hi = Math.max(hi, intradayPrice(c.symbol, date, bar, (f * s) / 12));
  return hi;
}

export function intradayLow(c: Company, date: string, bar: Bar, f: number): number {
  let lo = bar.open;
  for (let s = 1; s <= 12; s++) lo = Math.min(lo, intradayPrice(c.symbol, date, bar, (f * s) / 12));
  return lo;
}

export type Bar = { open: number; high: number; low: number; close: number };

/** The numbers of one symbol's quote that come from its path, for one market moment (`key`). */
export interface QuoteBasis {
  key: string;
  date: string;
  bar: Bar;
  prev: number;
  volume: number;
  avgVolume: number;
  high52: number;
  low52: number;
}

export function quoteBasis(key: string, p: Path, m: MarketMoment, live: boolean): QuoteBasis {
  const i = live ? p.close.length - 1 : m.lastComplete;
  const bar = { open: p.open[i] as number, high: p.high[i] as number, low: p.low[i] as number, close: p.close[i] as number };
  const window = p.close.subarray(Math.max(0, m.lastComplete - 251), m.lastComplete + 1);
  const vols = p.volume.subarray(Math.max(0, m.lastComplete - 49), m.lastComplete + 1);
  let high52 = -Infinity,
    low52 = Infinity;
  for (const x of window) {
    if (x > high52) high52 = x;
    if (x < low52) low52 = x;
  }
  return {
    key,
    date: p.dates[i] as string,
    bar,
    prev: (p.close[i - 1] ?? bar.open) as number,
    volume: p.volume[i] as number,
    avgVolume: Math.round(vols.reduce((a, b) => a + b, 0) / Math.max(1, vols.length)),
    high52,
    low52,
  };
}

/**
 * The close on the day the expiry was listed (400 days before it, or the first simulated day), and
 * the lowest low and highest high since, today's bar included (intraday prices stay inside it).
 */
export function listing(p: Path, expiry: string): [number, number, number] {
  const listed = isoPlusDays(expiry, -400);
  const last = p.close.length - 1;
  let lo = Infinity;
  let hi = -Infinity;
  let first = p.close[last] as number;
  for (let i = last; i >= 0 && (p.dates[i] as string) >= listed; i--) {
    first = p.close[i] as number;
    if ((p.low[i] as number) < lo) lo = p.low[i] as number;
    if ((p.high[i] as number) > hi) hi = p.high[i] as number;
  }
  return Number.isFinite(lo) ? [first, lo, hi] : [first, first, first];
}

/** Annualised standard deviation of the last n daily log returns up to index `end`. */
export function realizedVol(close: Float64Array, end: number, n: number, skip: readonly number[] = []): number {
  const rets: number[] = [];
  for (let i = Math.max(1, end - n + 1); i <= end; i++) if (!skip.includes(i)) rets.push(Math.log((close[i] as number) / (close[i - 1] as number)));
  const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
  const v = rets.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rets.length - 1);
  return Math.sqrt(v * 252);
}

export const round = (x: number) => Math.round(x * 100) / 100;
