/** Argument schemas several commands share. */
import { z } from 'zod';

export const tickerArg = z
  .string()
  .trim()
  .regex(/^\^?[A-Za-z][A-Za-z0-9.\-=^]{0,11}$/, 'a ticker such as ABCD')
  .transform((s) => s.toUpperCase())
  .describe('Ticker symbol, e.g. ABCD');

export const expiryArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'an expiry date as YYYY-MM-DD')
  // The pattern alone let 2026-13-45 through, to be answered "JJEG has no 2026-13-45 expiry".
  .refine(isCalendarDate, 'a real calendar date')
  .describe('Expiry date as YYYY-MM-DD');

/** True for a YYYY-MM-DD string naming a day that exists (no month 13, no February 30). */
function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const optionTypeArg = z.enum(['call', 'put']).describe('call or put');

/**
 * Bounds on what a trader can type (issue #16: 1e308 shares at $1e308 was stored). Wide enough for
 * any real small-cap trade, narrow enough that a typo cannot become an $88-trillion position.
 */
export const BOUNDS = { quantity: 10_000_000, price: 1_000_000 } as const;

export const quantityArg = z.number().positive().max(BOUNDS.quantity);
export const priceArg = z.number().positive().max(BOUNDS.price);
