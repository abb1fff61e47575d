import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createCalendar, type MarketCalendar, NY } from '../../src/market/calendar.js';
import { listExpiries } from '../../src/market/sim/chain.js';
import type { Company } from '../../src/market/sim/companies.js';

// The simulator's expiry rule stated with luxon's zone-aware date arithmetic (as it was written
// before it moved to UTC day numbers): weeklies for the six Fridays from today, monthlies on the
// third Friday for six months then quarterly to a year, a Friday holiday moving to Thursday.
function reference(today: string, weeklies: number, cal: MarketCalendar): string[] {
  const start = DateTime.fromISO(today, { zone: NY });
  const out = new Set<string>();
  const friday = (d: DateTime) => {
    const iso = d.toISODate() as string;
    return cal.isTradingDay(iso) ? iso : (d.minus({ days: 1 }).toISODate() as string);
  };
  let d = start;
  while (d.weekday !== 5) d = d.plus({ days: 1 });
  for (let w = 0; w < weeklies; w++) out.add(friday(d.plus({ weeks: w })));
  for (let m = 0; m <= 12; m++) {
    const month = start.plus({ months: m }).startOf('month');
    if (m > 6 && ![1, 3, 6, 9, 12].includes(month.month)) continue;
    let f = month;
    while (f.weekday !== 5) f = f.plus({ days: 1 });
    out.add(friday(f.plus({ weeks: 2 })));
  }
  return [...out].filter((e) => e >= today).sort();
}

describe('simulated expiries', () => {
  it('match the luxon statement of the rule on every day of 2025–2027, with and without weeklies', () => {
    const cal = createCalendar();
    const big = { shares: 1e8, startPrice: 20 } as Company; // $2 bn: weeklies listed
    const small = { shares: 1e7, startPrice: 5 } as Company;
    for (let d = DateTime.fromISO('2025-01-01', { zone: NY }); d.year <= 2027; d = d.plus({ days: 1 })) {
      const today = d.toISODate() as string;
      expect(listExpiries(today, big, cal), today).toEqual(reference(today, 6, cal));
      expect(listExpiries(today, small, cal), today).toEqual(reference(today, 0, cal));
    }
  });

  it('moves a Good Friday expiry to Thursday and returns a copy the caller may change', () => {
    const cal = createCalendar();
    const small = { shares: 1e7, startPrice: 5 } as Company;
    // Third Friday of April 2025 is Good Friday, April 18.
    const list = listExpiries('2025-04-01', small, cal);
    expect(list).toContain('2025-04-17');
    expect(list).not.toContain('2025-04-18');
    list.length = 0;
    expect(listExpiries('2025-04-01', small, cal)).toContain('2025-04-17');
  });
});
