/** Expiry arithmetic shared by commands and jobs. */
import { DateTime } from 'luxon';

/** Years (calendar days / 365) from `now` to the 16:00 New York close of the expiry day; at least one hour. */
export function yearsToExpiry(expiry: string, now: Date): number {
  const close = DateTime.fromISO(expiry, { zone: 'America/New_York' }).set({ hour: 16 });
  return Math.max(1 / (365 * 24), (close.toMillis() - now.getTime()) / (365 * 86_400_000));
}

/** The nearest expiry inside the [min, max] day window, else the nearest after min, else the last. */
export function chooseExpiry(expiries: readonly string[], now: Date, [min, max]: readonly [number, number]): string | undefined {
  const days = (e: string) => yearsToExpiry(e, now) * 365;
  return expiries.find((e) => days(e) >= min && days(e) <= max) ?? expiries.find((e) => days(e) >= min) ?? expiries[expiries.length - 1];
}
