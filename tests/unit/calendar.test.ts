import { describe, expect, it } from 'vitest';
import { createCalendar, earlyCloses, holidays } from '../../src/market/calendar.js';

// Reference: NYSE's published holiday and early-close schedule for 2025, 2026 and 2027.
describe('NYSE calendar', () => {
  it('knows the 2026 holidays, including Independence Day observed on Friday July 3', () => {
    expect([...holidays(2026).keys()]).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
  });
  it('knows the 2025 holidays (Good Friday April 18) and 2027 observances (Juneteenth Fri June 18, Christmas Fri Dec 24)', () => {
    expect(holidays(2025).get('2025-04-18')).toBe('Good Friday');
    expect(holidays(2027).get('2027-06-18')).toBe('Juneteenth');
    expect(holidays(2027).get('2027-12-24')).toBe('Christmas Day');
  });
  it('does not observe a Saturday New Year on the Friday before (NYSE rule): 2022-01-01 was a Saturday', () => {
    expect(holidays(2021).has('2021-12-31')).toBe(false);
    expect(createCalendar().isTradingDay('2021-12-31')).toBe(true);
  });
  it('knows the 13:00 early closes: day after Thanksgiving and Christmas Eve 2026', () => {
    expect([...earlyCloses(2026).keys()]).toEqual(['2026-11-27', '2026-12-24']);
    const s = createCalendar().session('2026-11-27');
    expect(s?.early).toBe(true);
    expect(s?.close.toISO()).toBe('2026-11-27T13:00:00.000-05:00');
  });
  it('has no July 3 early close when July 4 is a Saturday (2026) and one when it is a Friday (2025 → Thu July 3)', () => {
    expect(earlyCloses(2026).has('2026-07-02')).toBe(false);
    expect(earlyCloses(2025).has('2025-07-03')).toBe(true);
  });
  it('opens at 09:30 New York on both sides of the DST changes', () => {
    const cal = createCalendar();
    expect(cal.session('2026-03-06')?.open.toUTC().toISO()).toBe('2026-03-06T14:30:00.000Z'); // EST
    expect(cal.session('2026-03-09')?.open.toUTC().toISO()).toBe('2026-03-09T13:30:00.000Z'); // EDT
    expect(cal.session('2026-11-02')?.open.toUTC().toISO()).toBe('2026-11-02T14:30:00.000Z'); // EST again
  });
  it('answers open/closed at an instant and steps over weekends and holidays', () => {
    const cal = createCalendar();
    expect(cal.isOpen(new Date('2026-12-01T15:00:00Z'))).toBe(true);
    expect(cal.isOpen(new Date('2026-12-01T21:00:00Z'))).toBe(false);
    expect(cal.isOpen(new Date('2026-11-26T15:00:00Z'))).toBe(false);
    expect(cal.closedReason('2026-11-26')).toBe('Thanksgiving Day');
    expect(cal.closedReason('2026-11-28')).toBe('weekend');
    expect(cal.nextTradingDay('2026-11-25')).toBe('2026-11-27');
    expect(cal.previousTradingDay('2026-11-30')).toBe('2026-11-27');
    expect(cal.tradingDays('2026-12-21', '2026-12-31')).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
  });
  it('treats configured one-off closures as closed', () => {
    const cal = createCalendar(['2026-12-02']);
    expect(cal.isTradingDay('2026-12-02')).toBe(false);
    expect(cal.closedReason('2026-12-02')).toBe('market closure');
  });
});
