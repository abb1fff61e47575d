/** The data section of the config: providers, keys, cache TTLs, rate limits, retries. */
import { z } from 'zod';
import { YAHOO_SCREENERS } from './yahoo/screeners.js';

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
  source: z
    .string()
    .regex(/^(yahoo|sim|replay:.+|record:.+)$/, 'yahoo, sim, replay:DIR or record:DIR')
    .default('yahoo'),
  /** Sends every Yahoo request to this base instead of Yahoo's hosts (env YAHOO_BASE_URL). */
  yahooBaseUrl: z.url().optional(),
  polygon: z
    .object({
      apiKey: z.string().min(1).optional(),
      baseUrl: z.url().default('https://api.polygon.io'),
    })
    .prefault({}),
  alphavantage: z
    .object({
      apiKey: z.string().min(1).optional(),
      baseUrl: z.url().default('https://www.alphavantage.co'),
    })
    .prefault({}),
  /** Seconds each kind of data stays fresh in cache. */
  cacheTtl: z
    .object({
      quote: z.number().positive().default(300),
      greeks: z.number().positive().default(300),
      fundamentals: z.number().positive().default(86_400),
      options: z.number().positive().default(3_600),
      history: z.number().positive().default(3_600),
      universe: z.number().positive().default(86_400),
    })
    .prefault({}),
  rateLimits: z
    .object({
      yahoo: RateLimit.default({ requests: 30, perSeconds: 60, concurrency: 2 }),
      polygon: RateLimit.default({ requests: 5, perSeconds: 60, concurrency: 1 }),
      alphavantage: RateLimit.default({ requests: 25, perSeconds: 86_400, concurrency: 1 }),
      nasdaq: RateLimit.default({ requests: 10, perSeconds: 60, concurrency: 1 }),
    })
    .prefault({}),
  /** Requests of each primary-provider window kept for interactive commands; background scans never use them. */
  interactiveReserve: z.number().int().min(0).default(2),
  /** A call gives up with RATE_LIMITED instead of queueing longer than this behind a provider's limit. */
  maxQueueMs: z.number().int().positive().default(120_000),
  retry: z
    .object({
      retries: z.number().int().min(0).max(10).default(3),
      minDelayMs: z.number().int().min(0).default(500),
      maxDelayMs: z.number().int().min(0).default(8_000),
    })
    .prefault({}),
  /** After `failures` failed calls in a row a provider is skipped for `cooldownSeconds`, then probed once. */
  breaker: z
    .object({
      failures: z.number().int().positive().default(5),
      cooldownSeconds: z.number().positive().default(60),
    })
    .prefault({}),
  /** Concurrent quote calls within `windowMs` are merged; at most `maxSymbols` symbols per request. */
  quoteBatch: z
    .object({
      windowMs: z.number().int().min(0).default(10),
      maxSymbols: z.number().int().positive().max(1_500).default(500),
    })
    .prefault({}),
  universe: z
    .object({
      /** NASDAQ screener API root (env NASDAQ_BASE_URL). */
      nasdaqBaseUrl: z.url().default('https://api.nasdaq.com'),
      /** Use the NASDAQ screener in yahoo/record mode (replay and sim stay offline). */
      nasdaq: z.boolean().default(true),
      /** User ticker list: one symbol a line (or comma separated), `#` comments (env TICKERS_FILE). */
      tickersFile: z.string().default('data/tickers.txt'),
      /** Yahoo predefined screeners merged into the universe (ids yahoo-finance2 v3 accepts); [] = none. */
      yahooScreeners: z.array(z.enum(YAHOO_SCREENERS)).default(['small_cap_gainers', 'aggressive_small_caps', 'undervalued_growth_stocks']),
      /** Region of Yahoo's trending symbols merged into the universe; null = none. */
      yahooTrending: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter region such as US')
        .nullable()
        .default('US'),
      /** Rows asked of each Yahoo screener (Yahoo answers at most 250). */
      yahooCount: z.number().int().positive().max(250).default(250),
    })
    .prefault({}),
  /** Per-request timeout. */
  timeoutMs: z.number().int().positive().default(10_000),
  sim: z
    .object({
      /** Seed of the simulated market: same seed and date, same market. */
      seed: z.number().int().default(7),
      /** Symbols in the simulated universe. */
      symbols: z.number().int().min(100).max(20_000).default(4_000),
    })
    .prefault({}),
});
export type DataConfig = z.infer<typeof DataConfig>;
