/** One source's row in /status, shared by providers and universe listings. */
import type { ProviderStatus } from '../gateway.js';
import type { CircuitBreaker } from './breaker.js';
import type { RateLimiter } from './limiter.js';

export interface SourceCounters {
  ok: boolean;
  calls: number;
  hits: number;
  misses: number;
  breaker: CircuitBreaker;
  lastError?: ProviderStatus['lastError'];
}

export function sourceStatus(id: string, name: string, s: SourceCounters, limiter: RateLimiter | undefined): ProviderStatus {
  const asked = s.hits + s.misses;
  const st: ProviderStatus = {
    id,
    name,
    healthy: s.ok && s.breaker.state === 'closed',
    requests: limiter ? limiter.sent : s.calls,
    cacheHits: s.hits,
    cacheMisses: s.misses,
    cacheHitRate: asked === 0 ? 0 : s.hits / asked,
    circuit: s.breaker.state,
    retryInSeconds: s.breaker.retryInSeconds(),
  };
  if (s.lastError) st.lastError = s.lastError;
  if (limiter) {
    st.budgetLeft = limiter.budgetLeft();
    st.limit = { ...limiter.spec };
    const b = limiter.snapshot();
    Object.assign(st, { lastMinute: b.lastMinute, lastHour: b.lastHour, queued: b.queued.interactive + b.queued.background, reserve: b.reserve });
  }
  return st;
}
