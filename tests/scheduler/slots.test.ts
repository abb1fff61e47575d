import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createCalendar } from '../../src/market/calendar.js';
import { nextSlot, planDay, type Slot } from '../../src/schedule/slots.js';

// Reference: NYSE hours (09:30–16:00 New York, 13:00 on early closes) and the 2026 holiday list;
// DST 2026 starts Sun Mar 8 (EST→EDT, UTC−4) and ends Sun Nov 1 (back to UTC−5).
const cfg = loadConfig({ env: {}, file: false }).schedule;
const cal = createCalendar(cfg.extraClosures);
const utc = (slots: Slot[], job: Slot['job']) => slots.filter((s) => s.job === job).map((s) => s.at.toISOString().slice(11, 16));

describe('day plan', () => {
  it('plans a normal day (Tue 2026-12-01, EST): morning 09:45, checks every 5 min, risk hourly + close, IV 15:50, summary 16:15', () => {
    const day = planDay(cal, cfg, '2026-12-01');
    const morning = day.find((s) => s.job === 'morning');
    expect(morning?.id).toBe('2026-12-01T09:45');
    expect(morning?.at.toISOString()).toBe('2026-12-01T14:45:00.000Z');
    expect(morning?.graceUntil.toISOString()).toBe('2026-12-01T16:00:00.000Z'); // 11:00 ET
    const intraday = day.filter((s) => s.job === 'intraday');
    expect(intraday).toHaveLength(77); // 09:35 … 15:55
    expect(intraday[0]?.id).toBe('2026-12-01T09:35');
    expect(intraday.at(-1)?.id).toBe('2026-12-01T15:55');
    expect(day.filter((s) => s.job === 'risk').map((s) => s.id.slice(11))).toEqual(['10:30', '11:30', '12:30', '13:30', '14:30', '15:30', '15:59']);
    expect(day.find((s) => s.job === 'iv')?.id).toBe('2026-12-01T15:50');
    expect(day.find((s) => s.job === 'eod')?.at.toISOString()).toBe('2026-12-01T21:15:00.000Z');
    expect(day.map((s) => s.at.getTime())).toEqual([...day.map((s) => s.at.getTime())].sort((a, b) => a - b));
  });

  it('has nothing on Thanksgiving (2026-11-26) or a weekend, and the next morning post skips over them', () => {
    expect(planDay(cal, cfg, '2026-11-26')).toEqual([]);
    expect(planDay(cal, cfg, '2026-11-28')).toEqual([]);
    expect(planDay(cal, cfg, '2026-11-29')).toEqual([]);
    expect(nextSlot(cal, cfg, 'morning', new Date('2026-11-25T17:00:00-05:00'))?.id).toBe('2026-11-27T09:45');
    expect(nextSlot(cal, cfg, 'morning', new Date('2026-11-27T10:00:00-05:00'))?.id).toBe('2026-11-30T09:45');
  });

  it('moves close-relative jobs on the early close (2026-11-27, 13:00): IV 12:50, close check 12:59, summary 13:15, no checks after 13:00', () => {
    const day = planDay(cal, cfg, '2026-11-27');
    expect(day.find((s) => s.job === 'morning')?.id).toBe('2026-11-27T09:45');
    expect(day.find((s) => s.job === 'iv')?.id).toBe('2026-11-27T12:50');
    expect(day.find((s) => s.job === 'eod')?.id).toBe('2026-11-27T13:15');
    expect(day.filter((s) => s.job === 'risk').map((s) => s.id.slice(11))).toEqual(['10:30', '11:30', '12:30', '12:59']);
    expect(day.filter((s) => s.job === 'intraday').at(-1)?.id).toBe('2026-11-27T12:55');
    expect(day.filter((s) => s.job === 'iv' || s.job === 'intraday').every((s) => s.graceUntil.toISOString() <= '2026-11-27T18:00:00.000Z')).toBe(true);
  });

  it('keeps 09:45 New York across both DST changes: 14:45Z before, 13:45Z on 2026-03-09, 14:45Z again on 2026-11-02', () => {
    expect(utc(planDay(cal, cfg, '2026-03-06'), 'morning')).toEqual(['14:45']);
    expect(utc(planDay(cal, cfg, '2026-03-09'), 'morning')).toEqual(['13:45']);
    expect(utc(planDay(cal, cfg, '2026-10-30'), 'morning')).toEqual(['13:45']);
    expect(utc(planDay(cal, cfg, '2026-11-02'), 'morning')).toEqual(['14:45']);
    expect(utc(planDay(cal, cfg, '2026-03-09'), 'eod')).toEqual(['20:15']);
    expect(utc(planDay(cal, cfg, '2026-11-02'), 'eod')).toEqual(['21:15']);
    // Same number of intraday checks on the DST Mondays as on any full day.
    expect(utc(planDay(cal, cfg, '2026-03-09'), 'intraday')).toHaveLength(77);
    expect(utc(planDay(cal, cfg, '2026-11-02'), 'intraday')).toHaveLength(77);
  });

  it('honours configured closures and other intervals', () => {
    const closed = createCalendar(['2026-12-02']);
    expect(planDay(closed, cfg, '2026-12-02')).toEqual([]);
    expect(planDay(cal, { ...cfg, intradayEveryMinutes: 15 }, '2026-12-01').filter((s) => s.job === 'intraday')).toHaveLength(25);
  });
});
