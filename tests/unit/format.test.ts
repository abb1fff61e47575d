import { describe, expect, it } from 'vitest';
import { compact, money, nyTime, pct, stampLine } from '../../src/chat/format.js';

describe('format', () => {
  it('writes dollars with the sign before the symbol, and n/a for anything not finite', () => {
    expect(money(1234.5)).toBe('$1,234.50');
    expect(money(-0.03)).toBe('-$0.03');
    expect(money(-0.001)).toBe('$0.00');
    expect(money(NaN)).toBe('n/a');
    expect(money(null)).toBe('n/a');
  });
  it('writes fractions as percents and large numbers compactly', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.05, 1, true)).toBe('+5.0%');
    expect(pct(Infinity)).toBe('n/a');
    expect(compact(1_234_000)).toBe('1.23M');
    expect(compact(2.5e9)).toBe('2.50B');
  });
  it('shows instants in New York time across DST', () => {
    expect(nyTime('2026-07-01T14:30:00Z')).toBe('2026-07-01 10:30 ET');
    expect(nyTime('2026-12-01T14:30:00Z')).toBe('2026-12-01 09:30 ET');
  });
  it('marks delayed, stale and simulated data in the footer', () => {
    expect(stampLine({ source: 'Yahoo Finance', asOf: '2026-12-01T16:00:00Z', delayed: true, stale: true, simulated: false })).toBe(
      'Yahoo Finance · as of 2026-12-01 11:00 ET · delayed · STALE (cached, provider unavailable)',
    );
    expect(stampLine({ source: 'Yahoo Finance', asOf: '2026-12-01T16:00:00Z', delayed: true, delayMinutes: 15, stale: false, simulated: false })).toBe(
      'Yahoo Finance · as of 2026-12-01 11:00 ET · delayed 15 min',
    );
    expect(stampLine({ source: 'simulated market', asOf: '2026-12-01T16:00:00Z', delayed: false, stale: false, simulated: true })).toContain(
      'simulated data, not real prices',
    );
  });
});
