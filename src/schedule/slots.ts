/**
 * The day plan: which job runs at which New York instant on a trading day, and until when a
 * missed run may still be caught up. Pure: calendar and config in, slots out.
 *
 * - `morning`   at `morningPost`, caught up until `morningPostGraceUntil` (never past the close).
 * - `intraday`  every `intradayEveryMinutes` from open + N while the session is open.
 * - `risk`      hourly from open + 60 min while open, plus a `close` check one minute before the close.
 * - `iv`        `ivSnapshot`, read as an offset from a regular 16:00 close (15:50 = close − 10 min),
 *               so an early close (13:00) moves it to 12:50; caught up until the close.
 * - `chains`    `closingChains`, an offset from the close like `iv` (15:50 → 12:50 on early closes):
 *               the closing option chains /greeks answers from after hours; caught up until the close.
 * - `eod`       `endOfDay`, likewise an offset from the close (16:15 → 13:15 on early closes);
 *               caught up until the end of the New York day.
 * Holidays and weekends have no slots. Intraday and risk keep only the latest due slot
 * ('latest'): a check that is an hour late is replaced by the current one, not replayed.
 */
import type { DateTime } from 'luxon';
import type { AppConfig } from '../config/index.js';
import { nyAt, type MarketCalendar } from '../market/calendar.js';

// `chains` after `iv`: at the same minute it finds the chains the IV snapshot read in the gateway's cache.
export const JOBS = ['morning', 'intraday', 'risk', 'iv', 'chains', 'eod'] as const;
export type JobName = (typeof JOBS)[number];

export interface Slot {
  job: JobName;
  /** Trading day, YYYY-MM-DD (New York). */
  date: string;
  /** Stable id of the run: `2026-12-01T09:45` (New York wall time), `…T15:59` for the close check. */
  id: string;
  at: Date;
  /** A missed slot may still run before this instant; after it, it is skipped. */
  graceUntil: Date;
  catchUp: 'grace' | 'latest';
}

export const JOB_TITLES: Record<JobName, string> = {
  morning: 'Morning opportunity post',
  intraday: 'Intraday checks (stops, targets, expiry, theta, IV)',
  risk: 'VaR and concentration limits',
  iv: '30-day ATM IV snapshot',
  chains: 'Closing option chains (positions, picks, watchlists)',
  eod: 'End-of-day summary',
};

type ScheduleConfig = AppConfig['schedule'];

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Every slot of `date`, sorted by time; empty on weekends, holidays and configured closures. */
export function planDay(cal: MarketCalendar, cfg: ScheduleConfig, date: string): Slot[] {
  const session = cal.session(date);
  if (!session) return [];
  const { open, close } = session;
  const out: Slot[] = [];
  const slot = (job: JobName, at: DateTime, graceUntil: DateTime, catchUp: Slot['catchUp']) =>
    out.push({ job, date, id: `${date}T${at.toFormat('HH:mm')}`, at: at.toJSDate(), graceUntil: graceUntil.toJSDate(), catchUp });
  const earliest = (a: DateTime, b: DateTime) => (a < b ? a : b);

  const morning = nyAt(date, cfg.morningPost);
  if (morning < close) slot('morning', morning, earliest(nyAt(date, cfg.morningPostGraceUntil), close), 'grace');

  const every = cfg.intradayEveryMinutes;
  for (let t = open.plus({ minutes: every }); t < close; t = t.plus({ minutes: every })) {
    slot('intraday', t, earliest(t.plus({ minutes: every }), close), 'latest');
  }
  const closeCheck = close.minus({ minutes: 1 });
  for (let t = open.plus({ hours: 1 }); t < closeCheck; t = t.plus({ hours: 1 })) {
    slot('risk', t, earliest(t.plus({ hours: 1 }), closeCheck), 'latest');
  }
  slot('risk', closeCheck, close, 'latest');

  const regularClose = 16 * 60;
  const iv = close.plus({ minutes: minutesOf(cfg.ivSnapshot) - regularClose });
  if (iv < close) slot('iv', iv, close, 'grace');
  const chains = close.plus({ minutes: minutesOf(cfg.closingChains) - regularClose });
  if (chains < close) slot('chains', chains, close, 'grace');
  const eod = close.plus({ minutes: minutesOf(cfg.endOfDay) - regularClose });
  slot('eod', eod, nyAt(date, '23:59'), 'grace');

  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The next slot of `job` strictly after `now`, looking ahead up to ten trading days. */
export function nextSlot(cal: MarketCalendar, cfg: ScheduleConfig, job: JobName, now: Date): Slot | undefined {
  let date = cal.nyDate(now);
  if (!cal.isTradingDay(date)) date = cal.nextTradingDay(date);
  for (let i = 0; i < 10; i++, date = cal.nextTradingDay(date)) {
    const hit = planDay(cal, cfg, date).find((s) => s.job === job && s.at.getTime() > now.getTime());
    if (hit) return hit;
  }
  return undefined;
}
