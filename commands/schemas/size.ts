/** `/size` data: the units to buy and which limit set them (risk budget, position cap, Kelly). */
import { z } from 'zod';
import { num, optionSpec } from './common.js';

export const sizeData = z.strictObject({
  symbol: z.string(),
  option: optionSpec.nullable(),
  /** Entry price per share, or the option premium. */
  price: z.number(),
  stop: z.number(),
  equity: z.number(),
  units: z.number().int().nonnegative(),
  byRisk: num,
  byPositionCap: z.number(),
  /** null until the journal has enough trades with both wins and losses. */
  byKelly: num,
  binding: z.enum(['risk', 'position cap', 'kelly']),
  riskBudget: z.number(),
  riskPerUnit: z.number(),
  positionValue: z.number(),
  kellyFraction: num,
  journalTrades: z.number().int(),
});
