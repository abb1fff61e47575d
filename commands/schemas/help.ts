/** `/help` data: the command list, or one command's usage and examples. */
import { z } from 'zod';

export const helpData = z.union([
  z.strictObject({ commands: z.array(z.strictObject({ name: z.string(), description: z.string(), usage: z.string() })) }),
  z.strictObject({ command: z.string(), usage: z.string(), examples: z.array(z.string()) }),
]);
