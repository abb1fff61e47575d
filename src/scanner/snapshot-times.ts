/**
 * When the next scheduled scan snapshot is due: at config.scanner.live.warmAt (New York) on a
 * trading day, then every refreshMinutes while the session is open, then the next trading day's
 * warm-up. /status shows it; the scheduler's warmer acts on it.
 */
import { DateTime } from 'luxon';
import type { Services } from '../services.js';

const NY = 'America/New_York';

type Deps = Pick<Services, 'config' | 'calendar'>;

function warmAt(deps: Deps, date: string): Date {
  const [h, m] = deps.config.scanner.live.warmAt.split(':').map(Number);
  return DateTime.fromISO(date, { zone: NY })
    .set({ hour: h ?? 9, minute: m ?? 0 })
    .toJSDate();
}

/** The next snapshot instant given the last shared one (ISO), possibly already past (= due now). */
export function nextSnapshotAt(deps: Deps, now: Date, lastTakenAt: string | undefined): Date {
  const cal = deps.calendar;
  const today = cal.nyDate(now);
  const tomorrow = (): Date => warmAt(deps, cal.nextTradingDay(today));
  const session = cal.isTradingDay(today) ? cal.session(today) : undefined;
  if (!session) return tomorrow();
  const close = session.close.toJSDate();
  const last = lastTakenAt ? new Date(lastTakenAt) : undefined;
  if (!last || cal.nyDate(last) !== today) return now < close ? warmAt(deps, today) : tomorrow();
  const open = session.open.toJSDate();
  const next = new Date(Math.max(last.getTime() + deps.config.scanner.live.refreshMinutes * 60_000, open.getTime()));
  return next < close ? next : tomorrow();
}
