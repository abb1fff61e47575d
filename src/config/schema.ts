/**
 * The whole configuration as one zod schema. Values come from config/default.json, then the
 * user's file, then the environment (see load.ts); a bad value stops start-up naming its key.
 */
import { z } from 'zod';
import { DataConfig } from '../market/config.js';

const fraction = z.number().min(0).max(1);
const band = z.tuple([z.number().nonnegative(), z.number().positive()]);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour, New York)');

export const TradingConfig = z.object({
  /** Market-cap bands in USD, [min, max). */
  marketCapBands: z.object({ micro: band, small: band, mid: band }),
  defaultBand: z.enum(['micro', 'small', 'mid']),
  accountSize: z.number().positive(),
  /** Fraction of equity risked per trade (entry to stop). */
  riskPerTrade: fraction,
  maxPositionPct: fraction,
  maxPositions: z.number().int().positive(),
  stopLossPct: fraction,
  profitTargetPct: z.number().positive(),
  /** Options: default stop and target as a share of the premium paid (0.5 = stop when half the premium is lost; 1 = target at double). */
  optionStopPct: fraction.default(0.5),
  optionTargetPct: z.number().positive().default(1),
  /** In-the-money long options at expiry: `exercise` into shares (like a broker's auto-exercise) or `close` at intrinsic (cash). Short ones are always assigned. */
  itmAtExpiry: z.enum(['exercise', 'close']).default('exercise'),
  /** Day-before-expiry alert for options within this fraction of the strike (or in the money). */
  nearMoneyPct: fraction.default(0.05),
  maxPortfolioRisk: fraction,
  maxSectorPct: fraction,
  kellyCap: fraction,
});

export const ScannerConfig = z.object({
  priceBand: band,
  minAvgVolume: z.number().nonnegative(),
  revenueGrowthMin: z.number(),
  epsGrowthMin: z.number(),
  peRange: band,
  institutionalOwnership: z.tuple([fraction, fraction]),
  patterns: z.array(z.enum(['breakout', 'goldenCross', 'momentum', 'volumeSpike', 'bullFlag', 'ascendingTriangle', 'squeeze', 'macdCross'])),
  limit: z.number().int().min(1).max(50),
  /** Score weights; the seed's 25/50/15/10. */
  weights: z.object({ technical: fraction, options: fraction, risk: fraction, portfolio: fraction }),
  /** Symbols always added to the scan universe (the configured list), besides the listing and watchlists. */
  symbols: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9.\-]{0,11}$/, 'tickers such as ABCD')).default([]),
  /** Most symbols each expensive stage examines (most active first): requests grow with these, not the universe. */
  depth: z
    .object({
      fundamentals: z.number().int().min(10).max(5000).default(300),
      history: z.number().int().min(10).max(2000).default(150),
      chains: z.number().int().min(1).max(100).default(20),
    })
    .prefault({}),
  /** Scanning within the live provider's request budget, and scan snapshots (src/scanner/plan.ts, snapshot.ts). */
  live: z
    .object({
      /** Seconds a cold /scan may take; its request plan fits what the limiter allows in that time. */
      targetSeconds: z.number().int().min(10).max(900).default(60),
      /** /scan answers from a snapshot of the same preset younger than this (minutes, same trading day). */
      snapshotMaxAgeMinutes: z.number().int().min(1).max(1440).default(30),
      /** Warm caches and take the first snapshots before the open (New York time). */
      warmAt: hhmm.default('09:00'),
      /** During the session, refresh each preset's snapshot this often (minutes). */
      refreshMinutes: z.number().int().min(5).max(390).default(30),
      /** Share of the background budget a scheduled refresh may use. */
      refreshBudgetShare: fraction.default(0.5),
      /** Presets kept warm besides the ones users asked for today. */
      presets: z.array(z.enum(['default', 'momentum', 'low-float', 'oversold-quality', 'earnings-run-up'])).default(['default']),
    })
    .prefault({}),
});

export const OptionsConfig = z.object({
  /** Continuously compounded annual rate used in every model. */
  riskFreeRate: z.number().min(-0.05).max(0.25),
  /** Used when the provider gives no dividend yield. */
  defaultDividendYield: z.number().min(0).max(0.25),
  /** Default /greeks expiry window in calendar days. */
  expiryDays: z.tuple([z.number().int().nonnegative(), z.number().int().positive()]),
  /** Default /greeks strike window as a fraction of spot (0.15 = ±15 %). */
  strikeRangePct: fraction,
  junk: z.object({
    maxSpreadPct: z.number().positive(),
    minOpenInterest: z.number().int().nonnegative(),
    minVolume: z.number().int().nonnegative(),
    maxIv: z.number().positive(),
  }),
  /** Days of stored 30-day ATM IV needed before IV rank and percentile are shown. */
  ivHistoryMinDays: z.number().int().min(2),
  /** Stored days of 30-day ATM IV that IV rank and percentile look back over (a year of trading days). */
  ivLookbackDays: z.number().int().min(20).default(252),
  /** Window of the close-to-close realized vol shown beside IV, in trading days. */
  realizedVolDays: z.number().int().min(5).max(252).default(20),
  weights: z.object({ liquidity: fraction, value: fraction, greeks: fraction, probability: fraction }),
  /** What a scan's option idea must meet to be fillable: spread ≤ maxSpreadPct of mid, open interest ≥ minOpenInterest. */
  ideas: z.object({ maxSpreadPct: z.number().positive().default(0.15), minOpenInterest: z.number().int().nonnegative().default(100) }).prefault({}),
});

export const RiskConfig = z.object({
  varLevel: z.union([z.literal(0.95), z.literal(0.99)]),
  /** VaR limit as a fraction of portfolio value. */
  varLimitPct: fraction,
  concentrationLimitPct: fraction,
  historyDays: z.number().int().min(60),
  monteCarloPaths: z.number().int().min(1000),
  /** Alert-rule thresholds (src/core/alerts): expiry days, theta/premium per day, IV rise over entry, hysteresis band as a fraction of each level. */
  alerts: z.object({ daysBeforeExpiry: z.number().int().nonnegative(), thetaDecayPct: fraction, ivSpikePct: z.number().positive(), hysteresis: fraction }),
  /** Entry checks beyond trading.* (src/core/portfolio/checks.ts): correlation with holdings, option |delta| window, theta/premium per day, order share of average volume. */
  entryChecks: z.object({ maxCorrelation: fraction, deltaWindow: z.tuple([fraction, fraction]), maxThetaPctPerDay: fraction, maxAdvPct: fraction }),
});

export const ScheduleConfig = z.object({
  timezone: z.literal('America/New_York'),
  morningPost: hhmm,
  morningPostGraceUntil: hhmm,
  ivSnapshot: hhmm,
  intradayEveryMinutes: z.number().int().min(1).max(60),
  endOfDay: hhmm,
  /** One-off market closures, YYYY-MM-DD. */
  extraClosures: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates as YYYY-MM-DD')),
});

const OAUTH_KEYS = [
  ['clientId', 'SLACK_CLIENT_ID'],
  ['clientSecret', 'SLACK_CLIENT_SECRET'],
  ['stateSecret', 'SLACK_STATE_SECRET'],
] as const;

/** One workspace by token, or many by OAuth (HTTP mode only); a half-configured OAuth is an error, not a quiet fallback. */
function slackModes(
  s: { botToken?: string | undefined; appToken?: string | undefined; signingSecret?: string | undefined } & Partial<
    Record<(typeof OAUTH_KEYS)[number][0], string>
  >,
  ctx: z.RefinementCtx,
): void {
  const given = OAUTH_KEYS.find(([k]) => s[k] !== undefined);
  if (!given) return;
  const missing = OAUTH_KEYS.find(([k]) => s[k] === undefined);
  const problem: [string, string] | undefined = missing
    ? [missing[0], `set as well when ${given[1]} is set (many workspaces need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)`]
    : s.botToken !== undefined
      ? ['botToken', 'left unset when SLACK_CLIENT_ID is set (one workspace by token, or many by OAuth, not both)']
      : s.appToken !== undefined
        ? ['appToken', 'left unset when SLACK_CLIENT_ID is set (many workspaces run in HTTP mode)']
        : s.signingSecret === undefined
          ? ['signingSecret', 'set when SLACK_CLIENT_ID is set (it verifies the requests Slack sends to /slack/events)']
          : undefined;
  if (problem) ctx.addIssue({ code: 'custom', path: [problem[0]], message: problem[1] });
}

export const ChatConfig = z.object({
  discord: z.object({
    token: z.string().min(1).optional(),
    appId: z.string().regex(/^\d+$/, 'a numeric application id').optional(),
    guildId: z.string().regex(/^\d+$/, 'a numeric server id').optional(),
    apiBase: z.url(),
    /** `ID/COUNT`: run gateway shard ID of COUNT in this process (one process per shard). */
    shard: z
      .string()
      .regex(/^\d{1,4}\/\d{1,4}$/, 'ID/COUNT, e.g. 0/4')
      .refine((s) => {
        const [id, count] = s.split('/').map(Number) as [number, number];
        return count >= 1 && id < count;
      }, 'ID/COUNT with ID below COUNT, e.g. 0/4')
      .optional(),
  }),
  slack: z
    .object({
      botToken: z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
      signingSecret: z.string().min(1).optional(),
      appToken: z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
      port: z.number().int().min(1).max(65535),
      apiUrl: z.url(),
      /** HTTP mode: requests with a larger body are answered 413 before being read further. */
      maxBodyBytes: z
        .number()
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .default(64 * 1024),
      /** Start-up (auth.test, Socket Mode connection) fails after this long. */
      startTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
      /** Many workspaces (OAuth install flow): the app's client id, client secret and a secret that signs the install state. */
      clientId: z
        .string()
        .regex(/^\d+\.\d+$/, 'a client id like 1234567890.1234567890123 (Basic Information → App Credentials)')
        .optional(),
      clientSecret: z.string().min(1).optional(),
      stateSecret: z
        .string()
        .regex(/^.{16,}$/s, 'a random string of at least 16 characters')
        .optional(),
      /** The public URL of /slack/oauth_redirect, when the app lists several redirect URLs. */
      redirectUri: z.url().optional(),
    })
    .superRefine(slackModes),
});

export const AppConfig = z.object({
  trading: TradingConfig,
  scanner: ScannerConfig,
  options: OptionsConfig,
  risk: RiskConfig,
  schedule: ScheduleConfig,
  data: DataConfig,
  chat: ChatConfig,
  /** GET /healthz and /metrics; off unless a port is set. */
  ops: z.object({ port: z.number().int().min(1).max(65535).optional(), host: z.string().min(1) }),
  store: z.object({
    url: z.string().regex(/^(sqlite:\/\/.+|memory:\/\/|postgres(ql)?:\/\/.+)$/, 'sqlite://path, postgres://user:password@host:port/db or memory://'),
    /** Sent or failed outbox messages, finished runs and expired cache rows older than this are deleted daily. */
    keepDays: z.number().int().min(1).max(3650).default(30),
  }),
});
export type AppConfig = z.infer<typeof AppConfig>;
