/**
 * The NYSE calendar, computed by rule: holidays (with weekend observance), early closes at
 * 13:00, and one-off closures from config. Times are America/New_York, DST-safe via luxon.
 * Rules as published by NYSE: a Saturday holiday is observed the Friday before (except New
 * Year's Day, which is then not observed), a Sunday holiday the Monday after.
 */
import { DateTime } from 'luxon';

export const NY = 'America/New_York';

export type Session = { open: DateTime; close: DateTime; early: boolean };

const cache = new Map<number, Map<string, string>>();

/** Holidays of a year: `YYYY-MM-DD` → name. */
export function holidays(year: number): Map<string, string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const out = new Map<string, string>();
  const add = (d: DateTime, name: string) => out.set(d.toISODate() as string, name);
  const observed = (month: number, day: number, name: string, allowFriday = true) => {
    const d = DateTime.fromObject({ year, month, day }, { zone: NY });
    if (d.weekday === 6) {
      if (allowFriday) add(d.minus({ days: 1 }), name);
    } else if (d.weekday === 7) add(d.plus({ days: 1 }), name);
    else add(d, name);
  };
  observed(1, 1, "New Year's Day", false);
  add(nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day');
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(easter(year).minus({ days: 2 }), 'Good Friday');
  add(lastWeekday(year, 5, 1), 'Memorial Day');
  if (year >= 2022) observed(6, 19, 'Juneteenth');
  observed(7, 4, 'Independence Day');
  add(nthWeekday(year, 9, 1, 1), 'Labor Day');
  add(nthWeekday(year, 11, 4, 4), 'Thanksgiving Day');
  observed(12, 25, 'Christmas Day');
  // New Year's Day of next year falling on a Saturday is not observed on Dec 31 (NYSE rule).
  cache.set(year, out);
  return out;
}

/** Early (13:00) closes of a year: `YYYY-MM-DD` → reason. */
export function earlyCloses(year: number): Map<string, string> {
  const out = new Map<string, string>();
  const hol = holidays(year);
  const jul3 = DateTime.fromObject({ year, month: 7, day: 3 }, { zone: NY });
  if (jul3.weekday <= 4 && !hol.has(jul3.toISODate() as string)) out.set(jul3.toISODate() as string, 'Independence Day eve');
  out.set(nthWeekday(year, 11, 4, 4).plus({ days: 1 }).toISODate() as string, 'day after Thanksgiving');
  const dec24 = DateTime.fromObject({ year, month: 12, day: 24 }, { zone: NY });
  if (dec24.weekday <= 4 && !hol.has(dec24.toISODate() as string)) out.set(dec24.toISODate() as string, 'Christmas Eve');
  return out;
}

export interface MarketCalendar {
  isTradingDay(date: string): boolean;
  /** Why the market is closed that day, or undefined when it is open. */
  closedReason(date: string): string | undefined;
  session(date: string): Session | undefined;
  /** Open right now (regular session)? */
  isOpen(at: Date): boolean;
  /** The New York calendar date of an instant. */
  nyDate(at: Date): string;
  nextTradingDay(date: string): string;
  previousTradingDay(date: string): string;
  /** Trading days from `from` to `to`, both inclusive, ascending. */
  tradingDays(from: string, to: string): string[];
  /** Fraction of the regular session (early closes included) elapsed at `at`; undefined outside it. */
  sessionFraction(at: Date): number | undefined;
}

export function createCalendar(extraClosures: readonly string[] = []): MarketCalendar {
  const extra = new Set(extraClosures);
  const sessions = new Map<string, Session | undefined>();
  // Calendar-date arithmetic runs on plain UTC day numbers: zone-aware DateTime objects are only
  // built for session instants (cached), which keeps year-long loops cheap.
  const closedReason = (date: string): string | undefined => {
    const ms = dayMs(date);
    if (Number.isNaN(ms)) return 'invalid date';
    const weekday = new Date(ms).getUTCDay();
    if (weekday === 0 || weekday === 6) return 'weekend';
    if (extra.has(date)) return 'market closure';
    return holidays(Number(date.slice(0, 4))).get(date);
  };
  const isTradingDay = (date: string) => closedReason(date) === undefined;
  const step = (date: string, days: number): string => {
    let ms = dayMs(date);
    let iso: string;
    do {
      ms += days * DAY;
      iso = isoDay(ms);
    } while (!isTradingDay(iso));
    return iso;
  };
  const session = (date: string): Session | undefined => {
    if (sessions.has(date)) return sessions.get(date);
    let out: Session | undefined;
    if (isTradingDay(date)) {
      const d = DateTime.fromISO(date, { zone: NY });
      const early = earlyCloses(d.year).has(date);
      out = { open: d.set({ hour: 9, minute: 30 }), close: d.set({ hour: early ? 13 : 16, minute: 0 }), early };
    }
    sessions.set(date, out);
    return out;
  };
  return {
    isTradingDay,
    closedReason,
    session,
    nyDate,
    isOpen(at) {
      const s = session(nyDate(at));
      const t = at.getTime();
      return !!s && t >= s.open.toMillis() && t < s.close.toMillis();
    },
    sessionFraction(at) {
      const s = session(nyDate(at));
      if (!s) return undefined;
      const t = at.getTime();
      const open = s.open.toMillis();
      const close = s.close.toMillis();
      return t >= open && t < close ? (t - open) / (close - open) : undefined;
    },
    nextTradingDay: (date) => step(date, 1),
    previousTradingDay: (date) => step(date, -1),
    tradingDays(from, to) {
      const out: string[] = [];
      const end = dayMs(to);
      for (let ms = dayMs(from); ms <= end; ms += DAY) {
        const iso = isoDay(ms);
        if (isTradingDay(iso)) out.push(iso);
      }
      return out;
    },
  };
}

const DAY = 86_400_000;
const dayMs = (date: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const nyFormat = new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The New York calendar date of an instant, `YYYY-MM-DD`. */
export function nyDate(at: Date): string {
  return nyFormat.format(at);
}

function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  let d = DateTime.fromObject({ year, month, day: 1 }, { zone: NY });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  return d.plus({ weeks: n - 1 });
}

function lastWeekday(year: number, month: number, weekday: number): DateTime {
  let d = DateTime.fromObject({ year, month, day: 1 }, { zone: NY }).endOf('month').startOf('day');
  while (d.weekday !== weekday) d = d.minus({ days: 1 });
  return d;
}

/** Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easter(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: NY });
}

/** A New York wall-clock time (`HH:MM`) on a calendar date, DST-safe. */
export function nyAt(date: string, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromISO(date, { zone: NY }).set({ hour, minute, second: 0, millisecond: 0 });
}
