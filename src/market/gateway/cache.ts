/**
 * Two cache tiers. Quotes live in memory (they are small, hot and short-lived); fundamentals,
 * options and history go to the store so a restart or a second instance can reuse them.
 * Entries outlive their TTL on purpose: when every provider fails, an expired entry is served
 * marked stale (its asOf kept so the reply shows its age). Freshness is judged on the bot's
 * clock so an accelerated TRACKER_CLOCK ages the cache with it.
 */
import type Keyv from 'keyv';
import type { Clock } from '../../clock.js';
import type { Store } from '../../store/index.js';

export type CacheKind = 'quote' | 'fundamentals' | 'options' | 'history' | 'universe';

export interface CacheEntry<T> {
  value: T;
  storedAt: number;
}

export interface CacheHit<T> {
  value: T;
  fresh: boolean;
  storedAt: number;
}

/** How long expired entries are kept for stale fallback, as a multiple of their TTL (at least a week). */
const KEEP_FACTOR = 24;
const MIN_KEEP_MS = 7 * 86_400_000;
const MEMORY_MAX = 50_000;

export class MarketCache {
  private readonly memory = new Map<string, CacheEntry<unknown>>();
  private readonly kv: Keyv<CacheEntry<unknown>> | undefined;

  constructor(
    store: Store | undefined,
    private readonly clock: Clock,
    private readonly ttlSeconds: Record<CacheKind, number>,
    namespace = 'marketcache',
  ) {
    this.kv = store?.ns<CacheEntry<unknown>>(namespace);
  }

  private tier(kind: CacheKind): 'memory' | 'store' {
    return kind === 'quote' || !this.kv ? 'memory' : 'store';
  }

  async get<T>(kind: CacheKind, key: string): Promise<CacheHit<T> | undefined> {
    const full = `${kind}:${key}`;
    let entry: CacheEntry<unknown> | undefined;
    if (this.tier(kind) === 'memory') entry = this.memory.get(full);
    // An unreadable cache entry is a miss: the provider is asked instead.
    else entry = await this.kv?.get(full).catch(() => undefined);
    if (!entry) return undefined;
    const age = this.clock.now().getTime() - entry.storedAt;
    return { value: entry.value as T, storedAt: entry.storedAt, fresh: age >= 0 && age < this.ttlSeconds[kind] * 1000 };
  }

  async set<T>(kind: CacheKind, key: string, value: T): Promise<void> {
    const full = `${kind}:${key}`;
    const entry: CacheEntry<T> = { value, storedAt: this.clock.now().getTime() };
    if (this.tier(kind) === 'memory') {
      if (this.memory.size >= MEMORY_MAX) {
        const first = this.memory.keys().next();
        if (!first.done) this.memory.delete(first.value);
      }
      this.memory.delete(full);
      this.memory.set(full, entry);
      return;
    }
    const keepMs = Math.max(MIN_KEEP_MS, this.ttlSeconds[kind] * 1000 * KEEP_FACTOR);
    // A cache write that fails only costs a later request; the answer in hand is still good.
    await this.kv?.set(full, entry, keepMs).catch(() => undefined);
  }
}
