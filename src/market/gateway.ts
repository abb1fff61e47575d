/**
 * The one door to market data. Commands and jobs only ever talk to a MarketGateway.
 * `createGateway` (gateway/core.ts) layers rate limits, retries, circuit breakers, caches,
 * single flight, quote batching and fallback over an ordered list of providers.
 */
import type { BudgetSnapshot } from './gateway/limiter.js';
import type { UniverseOptions } from './gateway/universe.js';
import type { MarketDataProvider, UniverseEntry } from './types.js';

export interface ProviderStatus {
  id: string;
  healthy: boolean;
  lastError?: { message: string; at: string };
  requests: number;
  cacheHits: number;
  cacheMisses: number;
  /** Requests left in the current rate-limit window, when limited. */
  budgetLeft?: number;
  /** Human provider name, e.g. "Yahoo Finance". */
  name?: string;
  /** cacheHits / (cacheHits + cacheMisses), 0 when nothing was asked yet. */
  cacheHitRate?: number;
  /** Circuit breaker: closed (normal), open (skipped until retryInSeconds), half-open (probing). */
  circuit?: 'closed' | 'open' | 'half-open';
  retryInSeconds?: number;
  /** The configured limit, e.g. { requests: 30, perSeconds: 60 }. */
  limit?: { requests: number; perSeconds: number; concurrency: number };
  /** Universe listings: symbols the last good answer held. */
  listed?: number;
  /** Universe listings: the last fetch failed and the cached listing is being used. */
  stale?: boolean;
  /** Requests started in the last minute and hour (limited sources). */
  lastMinute?: number;
  lastHour?: number;
  /** Requests waiting for the limiter. */
  queued?: number;
  /** Slots of each window kept for interactive commands. */
  reserve?: number;
}

export interface MarketGateway extends MarketDataProvider {
  /** Human name of the data mode, e.g. "simulated market" or "Yahoo Finance". */
  readonly mode: string;
  status(): ProviderStatus[];
  close(): Promise<void>;
  /** The merged listing; `lean` spares the primary provider's budget (see UniverseOptions). */
  universe(opts?: UniverseOptions): Promise<UniverseEntry[]>;
  /** The primary provider's request budget, when it has a limiter (live Yahoo). */
  budget?(): BudgetSnapshot | undefined;
  /** Reads the budgets every replica on a shared store spends, so budget() and status() count them all. */
  refreshBudget?(): Promise<void>;
}

export function passThroughGateway(provider: MarketDataProvider, mode: string): MarketGateway {
  const stats: ProviderStatus = { id: provider.id, healthy: true, requests: 0, cacheHits: 0, cacheMisses: 0 };
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    stats.requests += 1;
    try {
      const out = await work();
      stats.healthy = true;
      return out;
    } catch (err) {
      stats.lastError = { message: err instanceof Error ? err.message : String(err), at: new Date().toISOString() };
      throw err;
    }
  };
  return {
    id: provider.id,
    mode,
    quotes: (s) => track(() => provider.quotes(s)),
    history: (s, r) => track(() => provider.history(s, r)),
    optionChain: (s, e) => track(() => provider.optionChain(s, e)),
    fundamentals: (s) => track(() => provider.fundamentals(s)),
    universe: () => track(() => provider.universe()),
    status: () => [{ ...stats }],
    close: async () => undefined,
  };
}

export { createGateway, type GatewayOptions, type GatewayProvider } from './gateway/core.js';
export type { UniverseList, UniverseOptions } from './gateway/universe.js';
export type { BudgetSnapshot } from './gateway/limiter.js';
export { withPriority, currentPriority, type Priority } from './gateway/priority.js';
