/** Where the regular session stands at `now`, for pace-adjusted relative volume. */
import { DateTime } from 'luxon';
import { createCalendar, NY } from '../scheduler/calendar.js';

/** Fraction of today's regular session elapsed (early closes included); undefined outside it. */
export function sessionFraction(now: Date, extraClosures: readonly string[] = []): number | undefined {
  const cal = createCalendar(extraClosures);
  const today = DateTime.fromJSDate(now).setZone(NY).toISODate() as string;
  const s = cal.session(today);
  if (!s) return undefined;
  const t = now.getTime();
  const open = s.open.toMillis();
  const close = s.close.toMillis();
  return t >= open && t < close ? (t - open) / (close - open) : undefined;
}
