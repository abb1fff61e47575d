/** `/quote` data: one stock's price and change, with source and freshness. */
import { z } from 'zod';
import { stampFields } from './common.js';

export const quoteData = z.strictObject({
  symbol: z.string(),
  name: z.string().optional(),
  price: z.number(),
  /** null when the provider gave neither the change nor a previous close. */
  change: z.number().nullable(),
  /** Percent: 2.5 = +2.5 %; null as change. */
  changePercent: z.number().nullable(),
  previousClose: z.number().optional(),
  volume: z.number().optional(),
  avgVolume: z.number().optional(),
  marketCap: z.number().optional(),
  ...stampFields,
});
export type QuoteData = z.infer<typeof quoteData>;
