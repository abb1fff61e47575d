/**
 * Personal alerts on any ticker: price above/below a level, a day move of at least PCT either
 * way, 30-day ATM IV above/below PCT. Stored per tenant (`pricealerts`), validated on read.
 */
import { z } from 'zod';

export const PRICE_ALERT_KINDS = ['price', 'move', 'iv'] as const;
export type PriceAlertKind = (typeof PRICE_ALERT_KINDS)[number];

export const PriceAlert = z.object({
  id: z.string(),
  user: z.string(),
  symbol: z.string(),
  kind: z.enum(PRICE_ALERT_KINDS),
  direction: z.enum(['above', 'below']),
  /** price: dollars; move: |day change| as a fraction (0.05 = 5 %); iv: a decimal (0.8 = 80 %). */
  level: z.number(),
  createdAt: z.string(),
});
export type PriceAlert = z.infer<typeof PriceAlert>;

export const PriceAlertState = z.object({
  armed: z.boolean(),
  last: z.number().optional(),
  firedDay: z.string().optional(),
  level: z.number().optional(),
  /** How many times it fired: part of the alert key, so a second crossing on the same day is a new alert. */
  fired: z.number().default(0),
});
export type PriceAlertState = z.infer<typeof PriceAlertState>;

export const PriceAlertBook = z.object({
  next: z.number().int().default(1),
  alerts: z.array(PriceAlert).default([]),
  state: z.record(z.string(), PriceAlertState).default({}),
  /** Checks committed so far and when the latest observed (see src/core/alerts/checks.ts). */
  checked: z.object({ n: z.number().int(), at: z.number() }).optional(),
});
export type PriceAlertBook = z.infer<typeof PriceAlertBook>;
