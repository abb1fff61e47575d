/** `/quote` data: one stock's price and change, with source and freshness. */
import { z } from 'zod';
import { stampFields } from './common.js';

export const quoteData = z.strictObject({
  symbol: z.string(),
  name: z.string().optional(),
  price: z.number(),
  change: z.number(),
  /** Percent: 2.5 = +2.5 %. */
  changePercent: z.number(),
  previousClose: z.number().optional(),
  volume: z.number().optional(),
  avgVolume: z.number().optional(),
  marketCap: z.number().optional(),
  ...stampFields,
});
export type QuoteData = z.infer<typeof quoteData>;
