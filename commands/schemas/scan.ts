/** `/scan` data (and the morning post's): the universe, the funnel, and ranked picks with structured reasons. */
import { z } from 'zod';
import { PATTERN_NAMES } from '../../src/core/scanner/filters.js';
import { PRESET_NAMES } from '../../src/core/scanner/presets.js';
import { day, instant, num } from './common.js';

/** [min, max]; JSON prints an open end (±Infinity) as null. */
const range = z.tuple([num, num]).readonly();

const filters = z.strictObject({
  marketCap: range,
  price: range,
  minAvgVolume: z.number(),
  relVolume: z.number().optional(),
  float: range.optional(),
  shortFloat: range.optional(),
  change: range.optional(),
  gap: range.optional(),
  earnings: z.strictObject({ days: z.number().int(), mode: z.enum(['within', 'notWithin']) }).optional(),
  sectors: z.array(z.string()).optional(),
  revenueGrowthMin: z.number().optional(),
  epsGrowthMin: z.number().optional(),
  pe: range.optional(),
  institutional: range.optional(),
  minRelativeStrength: z.number().optional(),
  smaAbove: z.array(z.union([z.literal(20), z.literal(50), z.literal(200)])).optional(),
  smaBelow: z.array(z.union([z.literal(20), z.literal(50), z.literal(200)])).optional(),
  rsi: range.optional(),
  macdCross: z.boolean().optional(),
  bollinger: z.enum(['squeeze', 'breakout']).optional(),
  atrPct: range.optional(),
  maxFromHigh: z.number().optional(),
  patterns: z.array(z.enum(PATTERN_NAMES)).optional(),
});

/** One line of a pick's explanation; `reasons[i]` is its text. */
export const scanReason = z.strictObject({
  check: z.string().min(1),
  value: z.string(),
  /** What the filter asked for; null for a signal (trend, pattern, risk, fit, option idea). */
  wanted: z.string().nullable(),
  passed: z.boolean(),
});

const optionIdea = z.strictObject({
  contract: z.string(),
  type: z.literal('call'),
  strike: z.number(),
  expiry: day,
  days: z.number(),
  bid: z.number(),
  ask: z.number(),
  premium: z.number(),
  iv: num,
  delta: num,
  thetaPerDay: num,
  breakeven: num,
  breakevenMove: num,
  probabilityOfProfit: num,
  liquidity: num,
  openInterest: z.number(),
  volume: z.number(),
  spreadPct: num,
  model: z.literal('american'),
  /** The continuously compounded rate priced with, and its source. */
  rate: z.number(),
  rateSource: z.string(),
  /** The next earnings date when the expiry is on or after it. */
  spansEarnings: day.optional(),
  score: num,
  parts: z.strictObject({ liquidity: num, value: num.optional(), greeks: num, probability: num }),
  why: z.string(),
});

const pick = z.strictObject({
  symbol: z.string(),
  name: z.string().optional(),
  sector: z.string().optional(),
  price: z.number(),
  changePercent: z.number().nullable(),
  marketCap: z.number().optional(),
  score: z.number().min(0).max(100),
  components: z.strictObject({ technical: z.number(), options: z.number(), risk: z.number(), portfolio: z.number() }),
  checks: z.array(scanReason).min(1),
  reasons: z.array(z.string()).min(1),
  patterns: z.array(z.enum(PATTERN_NAMES)),
  metrics: z.strictObject({
    relVolume: num,
    rsi: num,
    atrPct: num,
    fromHigh: num,
    return63: num,
    relativeStrength: num,
    floatShares: z.number().optional(),
    shortPercentFloat: z.number().optional(),
    nextEarnings: day.optional(),
  }),
  option: optionIdea.optional(),
  optionNote: z.string().optional(),
  onWatchlist: z.boolean(),
});

export const scanFields = {
  /** Symbols considered (listing + configured list + watchlist). */
  universe: z.number().int().nonnegative(),
  preset: z.enum(PRESET_NAMES),
  band: z.string(),
  filters,
  funnel: z.array(
    z.strictObject({
      stage: z.enum(['listing', 'quotes', 'fundamentals', 'technicals', 'options']),
      in: z.number().int(),
      out: z.number().int(),
      capped: z.number().int().optional(),
    }),
  ),
  afterListingFilters: z.number().int(),
  deepDived: z.number().int(),
  requests: z.strictObject({
    universe: z.number().int(),
    quotes: z.number().int(),
    fundamentals: z.number().int(),
    history: z.number().int(),
    optionChains: z.number().int(),
  }),
  notes: z.array(z.string()),
  asOf: instant.optional(),
  source: z.string().optional(),
  /** The rate the option ideas were priced with, and its source; null when no chain was read. */
  rate: num,
  rateSource: z.string().nullable(),
  picks: z.array(pick),
  /** Present when the answer came from a scan snapshot: its scope, time and age. */
  snapshot: z.strictObject({ scope: z.string(), takenAt: instant, ageMinutes: z.number(), shared: z.boolean() }).optional(),
};

export const scanData = z.strictObject(scanFields);
