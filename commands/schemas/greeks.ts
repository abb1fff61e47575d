/** `/greeks` data: the chain for one expiry with our own IV and Greeks per contract (the `--json` contract). */
import { z } from 'zod';
import { day, num, optionType, stampFields } from './common.js';

const contract = z.strictObject({
  type: optionType,
  strike: z.number(),
  expiry: day,
  bid: num,
  ask: num,
  last: num,
  volume: num,
  openInterest: num,
  /** Our own implied vol, annual decimal; null when no vol reproduces the price. */
  iv: num,
  ivBasis: z.enum(['mid', 'last', 'none']),
  lastTradeAt: z.string().nullable(),
  /** Why IV or Greeks are n/a for this contract, when they are. */
  naReason: z.string().nullable(),
  /** What buying it costs: the ask, else the last trade. */
  premium: num,
  premiumBasis: z.enum(['ask', 'last', 'none']),
  delta: num,
  gamma: num,
  /** Per calendar day. */
  theta: num,
  /** Per 1 vol point. */
  vega: num,
  /** Per 1 rate point. */
  rho: num,
  price: num,
  moneyness: z.enum(['ITM', 'ATM', 'OTM']),
  strikePct: num,
  intrinsic: num,
  timeValue: num,
  thetaPctOfPremium: num,
  breakeven: num,
  probabilityOfProfit: num,
  returnOnExpectedMove: num,
  liquidity: z.number(),
  spreadPct: num,
  score: num,
  rank: z.number().int().nullable(),
  scoreParts: z.strictObject({ liquidity: num, value: num, greeks: num, probability: num }),
  /** Why the quote is junk (empty when it is not). */
  junk: z.array(z.string()),
  /** The provider's own IV figure, shown labelled, never used. */
  providerIv: num,
});

export const greeksData = z.strictObject({
  symbol: z.string(),
  spot: z.number(),
  note: z.string().optional(),
  ...stampFields,
  model: z.literal('american'),
  modelName: z.string(),
  rate: z.number(),
  /** Where the rate came from: the 13-week T-bill (^IRX) or the config. */
  rateSource: z.string(),
  /** Set when the live quotes were empty (after hours): the stored closing chain answered, from this session. */
  closingQuotes: z.strictObject({ session: z.string(), asOf: z.string() }).nullable(),
  rateKind: z.enum(['market', 'config']),
  dividendYield: z.number(),
  bias: z.enum(['bullish', 'bearish', 'neutral']),
  /** Why that bias: asked for, the direction of today's scan pick of the ticker, or the neutral default. */
  biasSource: z.enum(['asked', 'scan pick', 'default']),
  expiry: day,
  expiries: z.array(day),
  units: z.strictObject({ theta: z.string(), vega: z.string(), rho: z.string(), iv: z.string(), providerIv: z.string() }),
  ivSummary: z.strictObject({
    atmIv: num,
    iv30: num,
    /** null until `historyMinDays` days of our own ATM IV are stored. */
    ivRank: num,
    ivPercentile: num,
    historyDays: z.number().int().nonnegative(),
    historyMinDays: z.number().int().positive(),
    realizedVol: num,
    realizedVolDays: z.number().int(),
    expectedMove: num,
    expectedMoveMethod: z.string(),
    straddle: num,
    straddleStrike: num,
  }),
  /** The next earnings date and the move the term structure implies for it; null without a date. */
  earnings: z
    .strictObject({
      date: day,
      spansExpiry: z.boolean(),
      impliedMove: num,
      impliedMoveDollars: num,
      method: z.string(),
      before: z.strictObject({ expiry: day, atmIv: num }).nullable(),
      after: z.strictObject({ expiry: day, atmIv: num }).nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  chartUrl: z.string().url().nullable(),
  contracts: z.array(contract),
});
export type GreeksData = z.infer<typeof greeksData>;
