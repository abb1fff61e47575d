/** The data section of the config: providers, keys, cache TTLs, rate limits, retries. */
import { z } from 'zod';

const RateLimit = z.object({
  /** Requests allowed per window. */
  requests: z.number().int().positive(),
  /** Window length in seconds. */
  perSeconds: z.number().positive(),
  /** Requests in flight at once. */
  concurrency: z.number().int().positive(),
});

export const DataConfig = z.object({
  /** `yahoo`, `sim`, `replay:DIR` or `record:DIR` (env MARKET_DATA). */
  source: z.string().regex(/^(yahoo|sim|replay:.+|record:.+)$/, 'yahoo, sim, replay:DIR or record:DIR').default('yahoo'),
  /** Sends every Yahoo request to this base instead of Yahoo's hosts (env YAHOO_BASE_URL). */
  yahooBaseUrl: z.url().optional(),
  polygon: z.object({
    apiKey: z.string().min(1).optional(),
    baseUrl: z.url().default('https://api.polygon.io'),
  }).prefault({}),
  alphavantage: z.object({
    apiKey: z.string().min(1).optional(),
    baseUrl: z.url().default('https://www.alphavantage.co'),
  }).prefault({}),
  /** Seconds each kind of data stays fresh in cache. */
  cacheTtl: z.object({
    quote: z.number().positive().default(300),
    greeks: z.number().positive().default(300),
    fundamentals: z.number().positive().default(86_400),
    options: z.number().positive().default(3_600),
    history: z.number().positive().default(3_600),
    universe: z.number().positive().default(86_400),
  }).prefault({}),
  rateLimits: z.object({
    yahoo: RateLimit.default({ requests: 30, perSeconds: 60, concurrency: 2 }),
    polygon: RateLimit.default({ requests: 5, perSeconds: 60, concurrency: 1 }),
    alphavantage: RateLimit.default({ requests: 25, perSeconds: 86_400, concurrency: 1 }),
  }).prefault({}),
  retry: z.object({
    retries: z.number().int().min(0).max(10).default(3),
    minDelayMs: z.number().int().min(0).default(500),
    maxDelayMs: z.number().int().min(0).default(8_000),
  }).prefault({}),
  /** Per-request timeout. */
  timeoutMs: z.number().int().positive().default(10_000),
  sim: z.object({
    /** Seed of the simulated market: same seed and date, same market. */
    seed: z.number().int().default(7),
    /** Symbols in the simulated universe. */
    symbols: z.number().int().min(100).max(20_000).default(4_000),
  }).prefault({}),
});
export type DataConfig = z.infer<typeof DataConfig>;
