/**
 * The NYSE calendar, computed by rule: holidays (with weekend observance), early closes at
 * 13:00, and one-off closures from config. Session times are America/New_York, DST-safe via luxon;
 * the date rules need no zone and run on UTC day numbers.
 * Rules as published by NYSE: a Saturday holiday is observed the Friday before (except New
 * Year's Day, which is then not observed), a Sunday holiday the Monday after.
 */
import { DateTime } from 'luxon';

export const NY = 'America/New_York';

export type Session = { open: DateTime; close: DateTime; early: boolean };

const cache = new Map<number, Map<string, string>>();
const earlyCache = new Map<number, Map<string, string>>();

/**
 * Holidays of a year: `YYYY-MM-DD` → name. Calendar dates need no time zone, so the rules run on
 * plain UTC day numbers (a year in microseconds; luxon's zone machinery cost ~15–40 ms on first use).
 */
export function holidays(year: number): Map<string, string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const out = new Map<string, string>();
  const add = (ms: number, name: string) => out.set(isoDay(ms), name);
  const observed = (month: number, day: number, name: string, allowFriday = true) => {
    const ms = Date.UTC(year, month - 1, day);
    const weekday = new Date(ms).getUTCDay();
    if (weekday === 6) {
      if (allowFriday) add(ms - DAY, name);
    } else if (weekday === 0) add(ms + DAY, name);
    else add(ms, name);
  };
  observed(1, 1, "New Year's Day", false);
  add(nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day');
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(easter(year) - 2 * DAY, 'Good Friday');
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
  const hit = earlyCache.get(year);
  if (hit) return hit;
  const out = new Map<string, string>();
  const hol = holidays(year);
  const eve = (month: number, day: number, reason: string) => {
    const ms = Date.UTC(year, month - 1, day);
    const weekday = new Date(ms).getUTCDay();
    if (weekday >= 1 && weekday <= 4 && !hol.has(isoDay(ms))) out.set(isoDay(ms), reason);
  };
  eve(7, 3, 'Independence Day eve');
  out.set(isoDay(nthWeekday(year, 11, 4, 4) + DAY), 'day after Thanksgiving');
  eve(12, 24, 'Christmas Eve');
  earlyCache.set(year, out);
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
  // Trading days of a year, ascending, built once: the simulator asks for years of them at a time.
  const years = new Map<number, string[]>();
  const yearDays = (year: number): string[] => {
    let days = years.get(year);
    if (!days) {
      days = [];
      const end = Date.UTC(year + 1, 0, 1);
      for (let ms = Date.UTC(year, 0, 1); ms < end; ms += DAY) {
        const iso = isoDay(ms);
        if (isTradingDay(iso)) days.push(iso);
      }
      years.set(year, days);
    }
    return days;
  };
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
      const early = earlyCloses(Number(date.slice(0, 4))).has(date);
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
      if (Number.isNaN(dayMs(from)) || Number.isNaN(dayMs(to)) || from > to) return out;
      for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
        const days = yearDays(year);
        for (let i = lowerBound(days, from); i < days.length && (days[i] as string) <= to; i++) out.push(days[i] as string);
      }
      return out;
    },
  };
}

const DAY = 86_400_000;

/** First index of sorted `days` whose date is >= `date`. */
function lowerBound(days: readonly string[], date: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const dayMs = (date: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
// Made on first use: a time-zone formatter costs 20–40 ms of CPU (ICU's zone data), which a start
// that asks no date before its first reply need not pay.
let nyFormat: Intl.DateTimeFormat | undefined;

/** The New York calendar date of an instant, `YYYY-MM-DD`. */
export function nyDate(at: Date): string {
  nyFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: NY, year: 'numeric', month: '2-digit', day: '2-digit' });
  return nyFormat.format(at);
}

/** UTC midnight (ms) of the n-th `weekday` (ISO: Monday 1 … Sunday 7) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const shift = (weekday % 7) - new Date(first).getUTCDay();
  return first + (((shift + 7) % 7) + 7 * (n - 1)) * DAY;
}

/** UTC midnight (ms) of the last `weekday` (ISO numbering) of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = Date.UTC(year, month, 0); // day 0 of the next month
  const back = new Date(last).getUTCDay() - (weekday % 7);
  return last - ((back + 7) % 7) * DAY;
}

/** Western Easter Sunday as UTC midnight (ms) (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
function easter(year: number): number {
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
  return Date.UTC(year, month - 1, day);
}

/** A New York wall-clock time (`HH:MM`) on a calendar date, DST-safe. */
export function nyAt(date: string, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromISO(date, { zone: NY }).set({ hour, minute, second: 0, millisecond: 0 });
}
