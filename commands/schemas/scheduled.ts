/**
 * Data of what the scheduler posts on its own (`kind: 'post' | 'alert'` lines in `--json`): the
 * morning picks (the scan's data plus its job and slot), the end-of-day summary, and alerts.
 */
import { z } from 'zod';
import { TrackPickRow } from '../../src/track/index.js';
import { day, instant } from './common.js';
import { scanFields } from './scan.js';

/** The slot id: `YYYY-MM-DDTHH:MM` New York time. */
const slot = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

export const morningPostData = z.strictObject({ ...scanFields, job: z.literal('morning'), slot });

export const eodPostData = z.strictObject({
  job: z.literal('eod'),
  slot,
  tenant: z.string(),
  /** Each morning pick with its posted price and the price now (absent without a quote). */
  picks: z.array(z.strictObject({ symbol: z.string(), price: z.number(), score: z.number(), now: z.number().optional() })),
  /** The previous session's picks graded one day on (the track record's rows). */
  yesterday: z.strictObject({ day, picks: z.array(TrackPickRow) }),
  alerts: z.array(z.strictObject({ id: z.string(), title: z.string().optional(), text: z.string().optional(), sentAt: instant.nullable().optional() })),
});

export const alertData = z.strictObject({
  job: z.enum(['intraday', 'risk', 'eod']),
  slot,
  /** Idempotency key: (tenant, subject, rule, trading day). */
  key: z.string(),
  tenant: z.string(),
  /** The book's owner; `shared` for the server's shared portfolio. */
  user: z.string().optional(),
  severity: z.enum(['info', 'success', 'warning', 'error']),
  /** The rule's own figures (rule, subject, level, value…): shape per rule. */
  detail: z.unknown().optional(),
});
