/** `/risk` data: 1-day VaR/CVaR by method, dollar Greeks, correlation, concentration, beta, limits. */
import { z } from 'zod';
import { day, dollarGreeks, num, owner, rateFields } from './common.js';

const tail = z.strictObject({ level: z.number(), var: num, cvar: num });
const level = z.strictObject({ level: z.number(), var: num });
const concentration = z.strictObject({ key: z.string(), gross: z.number(), share: num });

export const riskData = z.strictObject({
  owner,
  day,
  equity: z.number(),
  horizonDays: z.literal(1),
  method: z.string(),
  history: z.strictObject({ days: z.number().int(), from: day.optional(), to: day.optional(), symbols: z.array(z.string()) }),
  /** Loss in dollars (positive), full repricing under historical moves. */
  historical: z.array(tail),
  monteCarlo: z.strictObject({ paths: z.number().int(), figures: z.array(tail) }),
  parametric: z.array(level),
  cornishFisher: z.array(level),
  greeks: dollarGreeks.omit({ delta: true }),
  positions: z.array(
    z.strictObject({ id: z.string(), label: z.string(), greeks: dollarGreeks.nullable(), vol: num, volBasis: z.enum(['implied', 'realized (no IV)', 'n/a']) }),
  ),
  correlation: z.strictObject({ symbols: z.array(z.string()), matrix: z.array(z.array(num)) }),
  /** `ofEquity`: the name's |net delta $| ÷ equity, what the concentration limit measures. */
  names: z.array(concentration.extend({ ofEquity: num })),
  sectors: z.array(concentration),
  beta: z.strictObject({ value: num, benchmark: z.string() }),
  regime: z.strictObject({ regime: z.enum(['low', 'normal', 'high', 'n/a']), short: num, long: num, ratio: num, of: z.string() }),
  limits: z.array(z.strictObject({ name: z.string(), value: num, limit: z.number(), usage: num })),
  notes: z.array(z.string()),
  /** The rate options were repriced at (null without options). */
  ...rateFields,
});
