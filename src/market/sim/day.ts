/** Where the simulated market stands at an instant: which days are complete, and intraday prices. */
import type { MarketCalendar } from '../calendar.js';
import { hash } from './rng.js';
import { EPOCH } from './paths.js';

export interface MarketMoment {
  now: Date;
  /** New York date of `now`. */
  today: string;
  /** Trading days from the epoch through the last day that has started (includes today once it opened). */
  dates: string[];
  /** Index of the last complete session in `dates`. */
  lastComplete: number;
  /** Fraction of today's session elapsed, when a session is in progress. */
  sessionFraction: number | undefined;
  /** Instant of the last close (as-of for data outside the session). */
  lastCloseAt: Date;
}

const datesCache = new WeakMap<MarketCalendar, Map<string, string[]>>();

/** Trading days from the epoch through `last`, cached per calendar (callers must not mutate). */
export function datesThrough(cal: MarketCalendar, last: string): string[] {
  let byLast = datesCache.get(cal);
  if (!byLast) {
    byLast = new Map();
    datesCache.set(cal, byLast);
  }
  let dates = byLast.get(last);
  if (!dates) {
    dates = cal.tradingDays(EPOCH, last);
    if (byLast.size > 16) byLast.clear();
    byLast.set(last, dates);
  }
  return dates;
}

export function moment(now: Date, cal: MarketCalendar): MarketMoment {
  const today = cal.nyDate(now);
  const session = cal.session(today);
  const startedToday = !!session && now.getTime() >= session.open.toMillis();
  const last = startedToday ? today : cal.previousTradingDay(today);
  const dates = datesThrough(cal, last);
  let sessionFraction: number | undefined;
  let lastComplete = dates.length - 1;
  let lastCloseAt = cal.session(last)?.close.toJSDate() ?? now;
  if (startedToday && session && now.getTime() < session.close.toMillis()) {
    sessionFraction = (now.getTime() - session.open.toMillis()) / (session.close.toMillis() - session.open.toMillis());
    lastComplete = dates.length - 2;
    const prev = dates[lastComplete];
    lastCloseAt = (prev && cal.session(prev)?.close.toJSDate()) || now;
  }
  return { now, today, dates, lastComplete, sessionFraction, lastCloseAt };
}

/**
 * A deterministic intraday path from open to close that stays inside the day's range:
 * a Brownian-bridge-like wiggle from a few seeded sine waves. f is the session fraction.
 */
export function intradayPrice(symbol: string, date: string, bar: { open: number; high: number; low: number; close: number }, f: number): number {
  const h = hash(`${symbol}:${date}`);
  let wiggle = 0;
  for (let k = 1; k <= 4; k++) {
    const phase = ((h >>> (k * 5)) & 31) / 31;
    wiggle += (Math.sin(Math.PI * k * f + phase * 2 * Math.PI) - Math.sin(phase * 2 * Math.PI) * (1 - f) - Math.sin(Math.PI * k + phase * 2 * Math.PI) * f) / k;
  }
  const base = bar.open + (bar.close - bar.open) * f;
  const price = base + wiggle * (bar.high - bar.low) * 0.3;
  return Math.min(bar.high, Math.max(bar.low, price));
}
