/**
 * Two cache tiers. Fundamentals, options and history go to the store so a restart or a second
 * instance can reuse them. Quotes are small, hot and short-lived: on a store only this process
 * uses (memory://) they stay in memory; on a shared store (a file, PostgreSQL) they go to the
 * store too, so a replica answering /quote for a symbol another just fetched asks Yahoo nothing,
 * with a short in-memory first level so hot reads skip the store.
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
/** A quote read from memory this recently is trusted without asking the store whether a replica has a newer one. */
const L1_MS = 5_000;

/** How long a reply waits for its quotes to reach the store before going on without. */
const QUOTE_WRITE_WAIT_MS = 500;

type Tier = 'memory' | 'store' | 'both';

const wait = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms).unref());

export class MarketCache {
  /** Entries with when this process last fetched or read them from the store (bot clock). */
  private readonly memory = new Map<string, CacheEntry<unknown> & { seenAt: number }>();
  private readonly kv: Keyv<CacheEntry<unknown>> | undefined;
  private readonly quotesShared: boolean;

  constructor(
    store: Store | undefined,
    private readonly clock: Clock,
    private readonly ttlSeconds: Record<CacheKind, number>,
    namespace = 'marketcache',
  ) {
    this.kv = store?.ns<CacheEntry<unknown>>(namespace);
    this.quotesShared = store?.shared ?? false;
  }

  private tier(kind: CacheKind): Tier {
    if (!this.kv) return 'memory';
    if (kind !== 'quote') return 'store';
    return this.quotesShared ? 'both' : 'memory';
  }

  async get<T>(kind: CacheKind, key: string): Promise<CacheHit<T> | undefined> {
    return (await this.getMany<T>(kind, [key]))[0];
  }

  /** Hits (or undefined) in the order of `keys`; one store read for all the keys memory cannot answer. */
  async getMany<T>(kind: CacheKind, keys: string[]): Promise<Array<CacheHit<T> | undefined>> {
    const tier = this.tier(kind);
    const now = this.clock.now().getTime();
    const fulls = keys.map((k) => `${kind}:${k}`);
    const entries: Array<CacheEntry<unknown> | undefined> = fulls.map((f) => (tier === 'store' ? undefined : this.memory.get(f)));
    if (tier !== 'memory') {
      const ask = fulls.filter((f) => {
        const m = tier === 'both' ? this.memory.get(f) : undefined;
        return !m || now - m.seenAt >= L1_MS || !this.isFresh(kind, m, now);
      });
      if (ask.length) {
        // An unreadable cache is a miss: the provider is asked instead.
        const got = (await this.kv?.getMany(ask).catch(() => [])) ?? [];
        const byKey = new Map(ask.map((f, i) => [f, got[i]]));
        fulls.forEach((f, i) => {
          const stored = byKey.get(f);
          if (!stored) return;
          if (tier === 'both') {
            const mine = entries[i];
            // The newer of this process's copy and the store's (another replica may have fetched since).
            if (!mine || stored.storedAt > mine.storedAt) entries[i] = stored;
            this.remember(f, entries[i] as CacheEntry<unknown>, now);
          } else entries[i] = stored;
        });
      }
    }
    return entries.map((e) => (e ? { value: e.value as T, storedAt: e.storedAt, fresh: this.isFresh(kind, e, now) } : undefined));
  }

  async set<T>(kind: CacheKind, key: string, value: T): Promise<void> {
    await this.setMany(kind, [[key, value]]);
  }

  /** Stores answers together: on a shared store one statement for a whole quote batch. */
  async setMany<T>(kind: CacheKind, items: Array<[string, T]>): Promise<void> {
    const tier = this.tier(kind);
    const storedAt = this.clock.now().getTime();
    const entries = items.map(([key, value]) => ({ key: `${kind}:${key}`, value: { value, storedAt } as CacheEntry<unknown> }));
    if (tier !== 'store') for (const e of entries) this.remember(e.key, e.value, storedAt);
    if (tier === 'memory' || !entries.length) return;
    const ttl = Math.max(MIN_KEEP_MS, this.ttlSeconds[kind] * 1000 * KEEP_FACTOR);
    // A cache write that fails only costs a later request; the answer in hand is still good.
    const write = this.kv?.setMany(entries.map((e) => ({ ...e, ttl }))).catch(() => undefined);
    // Quotes: a person is waiting, and memory already has them; another process's long SQLite
    // transaction must not hold the reply (the write goes on in the background).
    await (tier === 'both' ? Promise.race([write, wait(QUOTE_WRITE_WAIT_MS)]) : write);
  }

  private isFresh(kind: CacheKind, e: CacheEntry<unknown>, now: number): boolean {
    const age = now - e.storedAt;
    return age >= 0 && age < this.ttlSeconds[kind] * 1000;
  }

  private remember(full: string, entry: CacheEntry<unknown>, seenAt: number): void {
    if (this.memory.size >= MEMORY_MAX && !this.memory.has(full)) {
      const first = this.memory.keys().next();
      if (!first.done) this.memory.delete(first.value);
    }
    this.memory.delete(full);
    this.memory.set(full, { value: entry.value, storedAt: entry.storedAt, seenAt });
  }
}
