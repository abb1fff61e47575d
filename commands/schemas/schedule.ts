/** `/schedule` data: the jobs, their New York rule, next and last run, and where posts go. */
import { z } from 'zod';
import { instant } from './common.js';

export const scheduleData = z.strictObject({
  now: instant,
  timezone: z.string(),
  picksChannel: z.string().nullable(),
  alertsChannel: z.string().nullable(),
  jobs: z.array(
    z.strictObject({
      job: z.string(),
      title: z.string(),
      rule: z.string(),
      /** Absent when nothing is planned in the next ten trading days. */
      next: instant.optional(),
      last: z.strictObject({ slot: z.string(), at: z.string().nullable(), note: z.string().nullable() }).optional(),
    }),
  ),
});
