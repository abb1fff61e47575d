/**
 * Tolerant readers over Yahoo objects. They accept both the library's validated output (Dates)
 * and the raw result it attaches to a FailedYahooValidationError (epoch seconds), so drift in a
 * field we do not use never costs the user an answer.
 */
import { DateTime } from 'luxon';
import { nyDate } from '../calendar.js';

export type Loose = Record<string, unknown>;

export const obj = (v: unknown): Loose | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // formatted=true payloads wrap numbers as { raw, fmt }.
  const o = obj(v);
  if (o && typeof o.raw === 'number' && Number.isFinite(o.raw)) return o.raw;
  return undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function date(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  const n = num(v);
  if (n !== undefined) return new Date(n < 1e11 ? n * 1000 : n);
  if (typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** Calendar day in New York of an instant, `YYYY-MM-DD`. */
export const nyDay = (d: Date): string => nyDate(d);

/** Calendar day of a UTC-midnight stamp (Yahoo's option expiries), `YYYY-MM-DD`. */
export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Drops undefined values so zod optional fields and exactOptionalPropertyTypes stay clean. */
export function compact<T extends Loose>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** 16:00 New York on a trading day: when a daily bar becomes final. */
export const nyClose = (day: string): Date => DateTime.fromISO(`${day}T16:00:00`, { zone: 'America/New_York' }).toJSDate();
