/**
 * Session questions the option numbers ask, answered by the one calendar: which session the data
 * belongs to, and the earliest last trade the quote rule accepts (the previous session's open).
 */
import type { MarketCalendar } from '../market/calendar.js';

/** The latest session's date at `at`: today once it has opened, else the previous trading day. */
export function latestSession(cal: MarketCalendar, at: Date): string {
  const today = cal.nyDate(at);
  const session = cal.session(today);
  return session && at.getTime() >= session.open.toMillis() ? today : cal.previousTradingDay(today);
}

/**
 * Epoch ms of the open of the session before the latest one at `at`: a last trade at or after it is
 * "from the current or previous session" (core/options/quote.ts); an older one prices nothing.
 */
export function lastTradeFloor(cal: MarketCalendar, at: Date): number {
  const previous = cal.previousTradingDay(latestSession(cal, at));
  const session = cal.session(previous);
  return session ? session.open.toMillis() : Date.parse(`${previous}T14:30:00Z`);
}
