import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCalendar, earlyCloses, holidays, NY } from '../../src/market/calendar.js';

// The calendar's date rules run on plain UTC day numbers; this reference states the same NYSE rules
// with luxon's zone-aware date arithmetic (as the calendar did before), independently of that code.
const referenceCache = new Map<number, Map<string, string>>();
function referenceHolidays(year: number): Map<string, string> {
  const hit = referenceCache.get(year);
  if (hit) return hit;
  const out = new Map<string, string>();
  referenceCache.set(year, out);
  const add = (d: DateTime, name: string) => out.set(d.toISODate() as string, name);
  const observed = (month: number, day: number, name: string, allowFriday = true) => {
    const d = DateTime.fromObject({ year, month, day }, { zone: NY });
    if (d.weekday === 6) {
      if (allowFriday) add(d.minus({ days: 1 }), name);
    } else if (d.weekday === 7) add(d.plus({ days: 1 }), name);
    else add(d, name);
  };
  const nth = (month: number, weekday: number, n: number) => {
    let d = DateTime.fromObject({ year, month, day: 1 }, { zone: NY });
    while (d.weekday !== weekday) d = d.plus({ days: 1 });
    return d.plus({ weeks: n - 1 });
  };
  let memorial = DateTime.fromObject({ year, month: 5, day: 31 }, { zone: NY });
  while (memorial.weekday !== 1) memorial = memorial.minus({ days: 1 });
  observed(1, 1, "New Year's Day", false);
  add(nth(1, 1, 3), 'Martin Luther King Jr. Day');
  add(nth(2, 1, 3), "Washington's Birthday");
  add(referenceEaster(year).minus({ days: 2 }), 'Good Friday');
  add(memorial, 'Memorial Day');
  if (year >= 2022) observed(6, 19, 'Juneteenth');
  observed(7, 4, 'Independence Day');
  add(nth(9, 1, 1), 'Labor Day');
  add(nth(11, 4, 4), 'Thanksgiving Day');
  observed(12, 25, 'Christmas Day');
  return out;
}

/** Easter Sunday from a published table (US Naval Observatory) for the years the test walks. */
const EASTER: Record<number, string> = {
  2020: '04-12',
  2021: '04-04',
  2022: '04-17',
  2023: '04-09',
  2024: '03-31',
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
  2028: '04-16',
  2029: '04-01',
  2030: '04-21',
  2031: '04-13',
  2032: '03-28',
  2033: '04-17',
  2034: '04-09',
  2035: '03-25',
};
const referenceEaster = (year: number) => DateTime.fromISO(`${year}-${EASTER[year]}`, { zone: NY });

describe('market calendar rules on UTC day numbers', () => {
  it('agrees with a luxon statement of the NYSE rules on every day of 2020–2035', () => {
    const cal = createCalendar();
    let day = DateTime.fromISO('2020-01-01', { zone: NY });
    let days = 0;
    while (day.year <= 2035) {
      const iso = day.toISODate() as string;
      const holiday = referenceHolidays(day.year).get(iso);
      const expected = day.weekday >= 6 ? 'weekend' : holiday;
      expect(cal.closedReason(iso), iso).toBe(expected);
      expect(cal.isTradingDay(iso), iso).toBe(expected === undefined);
      const eve =
        (day.month === 7 && day.day === 3) || (day.month === 12 && day.day === 24)
          ? day.weekday <= 4 && !holiday
          : day.month === 11 && day.weekday === 5 && referenceHolidays(day.year).get(day.minus({ days: 1 }).toISODate() as string) === 'Thanksgiving Day';
      expect(earlyCloses(day.year).has(iso), iso).toBe(eve);
      expect(cal.session(iso)?.early ?? false, iso).toBe(eve && expected === undefined);
      day = day.plus({ days: 1 });
      days++;
    }
    expect(days).toBe(5844);
    for (let year = 2020; year <= 2035; year++) expect([...holidays(year)].sort()).toEqual([...referenceHolidays(year)].sort());
  });

  it('lists trading days across years from the per-year cache, bounds included, like a day-by-day walk', () => {
    const cal = createCalendar(['2026-03-17']);
    const walk = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = DateTime.fromISO(from, { zone: 'utc' }); (d.toISODate() as string) <= to; d = d.plus({ days: 1 }))
        if (cal.isTradingDay(d.toISODate() as string)) out.push(d.toISODate() as string);
      return out;
    };
    expect(cal.tradingDays('2023-01-03', '2026-12-04')).toEqual(walk('2023-01-03', '2026-12-04'));
    expect(cal.tradingDays('2026-03-16', '2026-03-18')).toEqual(['2026-03-16', '2026-03-18']);
    expect(cal.tradingDays('2026-12-05', '2026-12-06')).toEqual([]);
    expect(cal.tradingDays('2026-12-04', '2026-12-03')).toEqual([]);
    expect(cal.tradingDays('bad', '2026-12-03')).toEqual([]);
  });

  it('puts each session at 09:30–16:00 New York time across both DST changes (13:00 on early closes)', () => {
    const cal = createCalendar();
    // 2026: DST starts Sunday March 8, ends Sunday November 1.
    expect(cal.session('2026-03-06')?.open.toUTC().toISO()).toBe('2026-03-06T14:30:00.000Z');
    expect(cal.session('2026-03-09')?.open.toUTC().toISO()).toBe('2026-03-09T13:30:00.000Z');
    expect(cal.session('2026-10-30')?.close.toUTC().toISO()).toBe('2026-10-30T20:00:00.000Z');
    expect(cal.session('2026-11-02')?.close.toUTC().toISO()).toBe('2026-11-02T21:00:00.000Z');
    expect(cal.session('2026-11-27')?.close.toUTC().toISO()).toBe('2026-11-27T18:00:00.000Z');
  });
});
