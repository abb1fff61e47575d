/** Expiry arithmetic shared by commands and jobs. */
import { DateTime } from 'luxon';
import type { MarketCalendar } from './calendar.js';

const closes = new Map<string, number>();

/** Instant (ms) of the 16:00 New York close of an expiry day, memoised: luxon's zone maths costs ~10 µs a call. */
function closeMillis(expiry: string): number {
  let t = closes.get(expiry);
  if (t === undefined) {
    t = DateTime.fromISO(expiry, { zone: 'America/New_York' }).set({ hour: 16 }).toMillis();
    if (closes.size >= 4096) closes.clear();
    closes.set(expiry, t);
  }
  return t;
}

/** Years (calendar days / 365) from `now` to the 16:00 New York close of the expiry day; at least one hour. */
export function yearsToExpiry(expiry: string, now: Date): number {
  return Math.max(1 / (365 * 24), (closeMillis(expiry) - now.getTime()) / (365 * 86_400_000));
}

/** The nearest expiry inside the [min, max] day window, else the nearest after min, else the last. */
export function chooseExpiry(expiries: readonly string[], now: Date, [min, max]: readonly [number, number]): string | undefined {
  const days = (e: string) => yearsToExpiry(e, now) * 365;
  return expiries.find((e) => days(e) >= min && days(e) <= max) ?? expiries.find((e) => days(e) >= min) ?? expiries[expiries.length - 1];
}

/** Whether options expiring on `expiry` have stopped trading at `now`: a past day, or today after its (possibly early) close. */
export function hasExpired(calendar: MarketCalendar, expiry: string, now: Date): boolean {
  const today = calendar.nyDate(now);
  if (expiry !== today) return expiry < today;
  const session = calendar.session(today);
  return !!session && now.getTime() >= session.close.toMillis();
}
