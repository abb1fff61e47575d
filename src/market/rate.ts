/**
 * The market's short rate: the 13-week T-bill (^IRX on Yahoo; the simulated market answers it from
 * its own rate), converted to the continuously compounded rate the option models use
 * (core/options/rate.ts states the convention).
 */
import { tbillDiscountToContinuous } from '../core/options/index.js';
import type { MarketDataProvider } from './types.js';

export const TBILL_SYMBOL = '^IRX';

export interface MarketRate {
  /** Continuously compounded annual rate, decimal. */
  rate: number;
  /** The quoted bank-discount rate, percent (what ^IRX shows). */
  discountPct: number;
  /** Source label, e.g. "13-week T-bill ^IRX (Yahoo Finance)". */
  source: string;
  asOf: string;
}

/** Reads ^IRX once; throws MarketDataError from the provider, or a plain Error when the quote is unusable. */
export async function fetchTbillRate(market: Pick<MarketDataProvider, 'quotes'>): Promise<MarketRate> {
  const [q] = await market.quotes([TBILL_SYMBOL]);
  const rate = q ? tbillDiscountToContinuous(q.price) : NaN;
  if (!q || !Number.isFinite(rate)) throw new Error(`${TBILL_SYMBOL} has no usable quote${q ? ` (${q.price})` : ''}`);
  return { rate, discountPct: q.price, source: `13-week T-bill ${TBILL_SYMBOL} (${q.stamp.source})`, asOf: q.stamp.asOf };
}
