/** Number and time formatting shared by commands. "n/a" for anything that is not a finite number. */
import { DateTime } from 'luxon';
import type { Stamp } from '../market/types.js';

export const NA = 'n/a';

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

const formats = new Map<number, Intl.NumberFormat>();

/**
 * en-US grouping with exactly `digits` decimals. One cached Intl.NumberFormat per digit count: the
 * same output as toLocaleString, which builds a formatter on every call (~45× slower).
 */
function fixed(x: number, digits: number): string {
  let f = formats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, f);
  }
  return f.format(x);
}

/** Dollars: 1234.5 → "$1,234.50", -0.03 → "-$0.03". */
export function money(x: number | null | undefined, digits = 2): string {
  if (!finite(x)) return NA;
  const text = fixed(Math.abs(x), digits);
  return x < 0 && Number(text.replace(/,/g, '')) !== 0 ? `-$${text}` : `$${text}`;
}

export function num(x: number | null | undefined, digits = 2): string {
  return finite(x) ? fixed(x, digits) : NA;
}

/** A quantity exactly as entered (1.5 shares stays 1.5, 100 stays 100): up to 6 decimals, no rounding to whole units. */
export function qty(x: number | null | undefined): string {
  return finite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: 6 }) : NA;
}

/** A fraction as a percent: 0.123 → "12.3%". */
export function pct(x: number | null | undefined, digits = 1, signed = false): string {
  if (!finite(x)) return NA;
  const s = (x * 100).toFixed(digits);
  return `${signed && x > 0 ? '+' : ''}${s}%`;
}

/** Large numbers compactly: 1_234_000 → "1.23M". */
export function compact(x: number | null | undefined): string {
  if (!finite(x)) return NA;
  const a = Math.abs(x);
  if (a >= 1e12) return `${(x / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}K`;
  return x.toFixed(0);
}

/** An instant in New York time: "2026-11-25 16:00 ET". */
export function nyTime(iso: string | Date): string {
  // Every reply stamps a handful of as-of instants, mostly the same few; luxon's zone formatting costs ~0.1 ms each.
  const key = typeof iso === 'string' ? iso : iso.getTime();
  const hit = nyTimes.get(key);
  if (hit !== undefined) return hit;
  const d = typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso);
  const text = d.isValid ? `${d.setZone('America/New_York').toFormat('yyyy-LL-dd HH:mm')} ET` : NA;
  if (nyTimes.size >= 2_000) nyTimes.clear();
  nyTimes.set(key, text);
  return text;
}
const nyTimes = new Map<string | number, string>();

/** The footer every data reply carries: source, as-of (New York), and freshness marks. */
export function stampLine(stamp: Stamp, extra: string[] = []): string {
  const parts = [stamp.simulated ? `${stamp.source} (simulated data, not real prices)` : stamp.source, `as of ${nyTime(stamp.asOf)}`];
  if (stamp.delayed) parts.push(stamp.delayMinutes ? `delayed ${stamp.delayMinutes} min` : 'delayed');
  if (stamp.stale) parts.push('STALE (cached, provider unavailable)');
  return [...parts, ...extra].join(' · ');
}
