/**
 * Every repository validates what it reads: a record another version wrote differently, or a
 * hand-edited row, is one clear error (`STORE_CORRUPT`) instead of a crash deep in the maths.
 */
import type { z } from 'zod';
import { DomainError } from '../errors.js';

export function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new DomainError('STORE_CORRUPT', `The stored ${what} is unreadable (${issue?.message ?? 'bad shape'}${where}); it was left as it is.`);
}
