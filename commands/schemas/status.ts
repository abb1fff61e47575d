/** `/status` data: data mode, clock, market open, and each provider's health and budget. */
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
});

export const statusData = z.strictObject({ mode: z.string(), now: instant, marketOpen: z.boolean(), providers: z.array(provider) });
