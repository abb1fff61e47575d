/** `/status` data: data mode, clock, market open (else the next open), each provider's health, and the request budget. */
import { z } from 'zod';
import { instant } from './common.js';

const provider = z.strictObject({
  id: z.string(),
  name: z.string().optional(),
  healthy: z.boolean(),
  lastError: z.strictObject({ message: z.string(), at: z.string() }).optional(),
  requests: z.number().int(),
  cacheHits: z.number().int(),
  cacheMisses: z.number().int(),
  cacheHitRate: z.number().optional(),
  budgetLeft: z.number().optional(),
  circuit: z.enum(['closed', 'open', 'half-open']).optional(),
  retryInSeconds: z.number().optional(),
  limit: z.strictObject({ requests: z.number(), perSeconds: z.number(), concurrency: z.number() }).optional(),
  listed: z.number().optional(),
  stale: z.boolean().optional(),
  lastMinute: z.number().optional(),
  lastHour: z.number().optional(),
  queued: z.number().optional(),
  reserve: z.number().optional(),
});

/** The primary provider's request budget (live data), with the scheduler's scan snapshots. */
const budget = z.strictObject({
  limit: z.strictObject({ requests: z.number(), perSeconds: z.number(), concurrency: z.number() }),
  backgroundLeft: z.number(),
  budgetLeft: z.number(),
  reserve: z.number(),
  sent: z.number(),
  sentBackground: z.number(),
  lastMinute: z.number(),
  lastHour: z.number(),
  queued: z.strictObject({ interactive: z.number(), background: z.number() }),
  nextSnapshot: instant.optional(),
  lastSnapshot: instant.optional(),
});

export const statusData = z.strictObject({
  mode: z.string(),
  now: instant,
  marketOpen: z.boolean(),
  /** When the market is closed: the next session's open. */
  nextOpen: instant.optional(),
  providers: z.array(provider),
  budget: budget.optional(),
});
export type StatusData = z.infer<typeof statusData>;
