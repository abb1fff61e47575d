/** Position and trade shapes shared by /portfolio, /pnl and /alerts data. */
import { z } from 'zod';
import { day, dollarGreeks, instant, num, optionSpec, owner, side } from './common.js';

/** A position as stored (what /portfolio add returns). */
export const storedPosition = z.strictObject({
  id: z.string().regex(/^P\d+$/),
  owner,
  symbol: z.string(),
  option: optionSpec.optional(),
  side,
  quantity: z.number().positive(),
  multiplier: z.number().positive(),
  entryPrice: z.number(),
  entryDate: day,
  stopLoss: z.number(),
  profitTarget: z.number(),
  notes: z.string().optional(),
  sector: z.string().optional(),
  entryIv: z.number().optional(),
  addedBy: z.string(),
  addedAt: instant,
});

export const markBasis = z.enum(['quote', 'mid', 'last', 'expired (intrinsic)', 'n/a']);

/** A valued position (what /portfolio list|show and /pnl return). */
export const positionData = z.strictObject({
  id: z.string(),
  owner,
  symbol: z.string(),
  label: z.string(),
  option: optionSpec.nullable(),
  side,
  quantity: z.number(),
  multiplier: z.number(),
  entryPrice: z.number(),
  entryDate: day,
  stopLoss: z.number(),
  profitTarget: z.number(),
  /** Marked when the mark is through the stop or the target. */
  levelStatus: z.enum(['stop breached', 'target reached']).nullable(),
  notes: z.string().nullable(),
  sector: z.string().nullable(),
  mark: num,
  markBasis,
  spot: num,
  iv: num,
  value: num,
  unrealized: num,
  daily: num,
  greeks: dollarGreeks.nullable(),
});

/** One closing fill in the journal. */
export const tradeData = z.strictObject({
  positionId: z.string(),
  owner,
  symbol: z.string(),
  label: z.string(),
  side,
  quantity: z.number(),
  multiplier: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  entryDate: day,
  exitDate: day,
  pnl: z.number(),
  /** Fraction of the capital committed at entry. */
  returnPct: num,
  closedBy: z.string(),
});
