/** `/watch` data: the watchlist after the action (`added` / `removed` say whether it changed). */
import { z } from 'zod';

export const watchData = z.union([
  z.strictObject({ symbols: z.array(z.string()) }),
  z.strictObject({ symbols: z.array(z.string()), added: z.boolean() }),
  z.strictObject({ symbols: z.array(z.string()), removed: z.boolean() }),
]);
