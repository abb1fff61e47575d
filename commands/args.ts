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
  .describe('Expiry date as YYYY-MM-DD');

export const optionTypeArg = z.enum(['call', 'put']).describe('call or put');
