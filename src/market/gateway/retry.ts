/**
 * Bounded retries with exponential backoff and full jitter. Written out rather than p-retry
 * because two provider-specific steps sit between attempts: honouring a server's Retry-After
 * and rebuilding Yahoo's crumb session after "Invalid Crumb".
 */
import { isRetryable, ProviderError } from './errors.js';

export interface RetryPolicy {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export interface RetryHooks {
  /** Called before the next attempt, e.g. to clear a crumb. */
  beforeRetry?: (err: unknown, attempt: number) => Promise<void> | void;
  sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return retryAfterMs !== undefined ? Math.min(policy.maxDelayMs, Math.max(retryAfterMs, jittered)) : jittered;
}

export async function withRetry<T>(work: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (err) {
      if (attempt >= policy.retries || !isRetryable(err)) throw err;
      await wait(backoffMs(attempt, policy, err instanceof ProviderError ? err.retryAfterMs : undefined));
      await hooks.beforeRetry?.(err, attempt);
    }
  }
}
