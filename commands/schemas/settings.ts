/** `/settings` data: the tenant's stored settings over its defaults. */
import { z } from 'zod';

export const settingsData = z.strictObject({
  tenant: z.string(),
  picksChannel: z.string().optional(),
  alertsChannel: z.string().optional(),
  timezone: z.string().optional(),
});
