/**
 * The risk-free rate every option figure uses, with its source: the 13-week T-bill from the market
 * (src/market/rate.ts), read at most once per New York day per data mode and kept in the store
 * (namespace `rates`; a market rate read from there is reused from memory for a minute); when it cannot
 * be had, config's options.riskFreeRate, labelled as such (a failed read is retried after an hour, not
 * on every request).
 */
import { fetchTbillRate } from '../market/rate.js';
import type { Services } from '../services.js';

export const RATES_NS = 'rates';
const RETRY_MS = 3_600_000;
/** A market rate read from the store is reused from memory this long (every option reply asks for it, often twice). */
const MEMO_MS = 60_000;
const memo = new WeakMap<object, { key: string; date: string; at: number; rate: RateUsed }>();

export interface RateUsed {
  /** Continuously compounded annual rate, decimal. */
  rate: number;
  /** e.g. "13-week T-bill ^IRX (Yahoo Finance), 4.24 % discount, as of 2026-12-01" or "config (^IRX unavailable)". */
  source: string;
  kind: 'market' | 'config';
  /** The ^IRX discount rate in percent, when the market rate was used. */
  discountPct?: number;
  asOf?: string;
}

interface Stored {
  date: string;
  rate?: RateUsed;
  failedAt?: number;
}

/** The configured rate, labelled: what is used when no market rate can be read. */
export function configRate(config: Services['config'], why = 'no market rate read'): RateUsed {
  return { rate: config.options.riskFreeRate, source: `config options.riskFreeRate (${why})`, kind: 'config' };
}

export async function riskFreeRate(services: Pick<Services, 'market' | 'store' | 'clock' | 'calendar' | 'config' | 'logger'>): Promise<RateUsed> {
  const { market, store, clock, calendar, config } = services;
  const now = clock.now();
  const date = calendar.nyDate(now);
  const kv = store.ns<Stored>(RATES_NS);
  const key = `tbill:${market.mode}`;
  const fallback = (why: string): RateUsed => configRate(config, why);
  const m = memo.get(store);
  if (m && m.key === key && m.date === date && Math.abs(now.getTime() - m.at) < MEMO_MS) return m.rate;
  const cached = await kv.get(key).catch(() => undefined);
  if (cached?.date === date) {
    if (cached.rate) {
      memo.set(store, { key, date, at: now.getTime(), rate: cached.rate });
      return cached.rate;
    }
    if (cached.failedAt !== undefined && now.getTime() - cached.failedAt < RETRY_MS) return fallback('^IRX unavailable');
  }
  let next: Stored;
  try {
    const m = await fetchTbillRate(market);
    const rate: RateUsed = {
      rate: m.rate,
      source: `${m.source}, ${m.discountPct.toFixed(3)}% discount`,
      kind: 'market',
      discountPct: m.discountPct,
      asOf: m.asOf,
    };
    next = { date, rate };
  } catch (err) {
    services.logger.debug({ err }, 'T-bill rate unavailable; using the configured rate');
    next = { date, failedAt: now.getTime() };
  }
  await kv.set(key, next).catch((err: unknown) => services.logger.debug({ err }, 'rate not cached'));
  return next.rate ?? fallback('^IRX unavailable');
}
