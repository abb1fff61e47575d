/**
 * The universe as several listings (NASDAQ screener, Yahoo screeners, Yahoo trending), each
 * fetched, cached a day in the store and failing on its own: a screener that breaks costs only
 * its symbols (served stale from the cache when it has them) and shows up in /status.
 */
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { ProviderStatus } from '../gateway.js';
import { mergeUniverse, type Listing } from '../universe/merge.js';
import { MarketDataError, type Stamp, type UniverseEntry } from '../types.js';
import { CircuitBreaker } from './breaker.js';
import type { MarketCache } from './cache.js';
import type { RateLimiter } from './limiter.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { SingleFlight } from './singleflight.js';
import { sourceStatus } from './status.js';

export interface UniverseList {
  /** Cache key and /status id, e.g. `nasdaq`, `yahoo-screener-small_cap_gainers`. */
  id: string;
  /** Human name for /status and sentences. */
  label: string;
  /** Put in each entry's `sources`. */
  tag: string;
  fetch(): Promise<UniverseEntry[]>;
  /** Only when the list has a budget of its own (NASDAQ); Yahoo's lists share Yahoo's limiter. */
  limiter?: RateLimiter;
  resetSession?: () => Promise<void>;
}

interface Cached {
  entries: UniverseEntry[];
  stamp: Stamp;
}

interface State {
  list: UniverseList;
  breaker: CircuitBreaker;
  calls: number;
  hits: number;
  misses: number;
  ok: boolean;
  listed?: number;
  stale: boolean;
  lastError?: { message: string; at: string };
}

export interface UniverseListsOptions {
  lists: UniverseList[];
  cache: MarketCache;
  clock: Clock;
  retry: RetryPolicy;
  breaker: { failures: number; cooldownSeconds: number };
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export interface UniverseOptions {
  /**
   * Spare the primary provider's budget: lists that share it (Yahoo's screeners) are read from
   * the cache only, as long as a list with a budget of its own (NASDAQ) answered.
   */
  lean?: boolean;
}

export interface UniverseLists {
  /** Merged listings; throws only when every list failed and none is cached. */
  load(opts?: UniverseOptions): Promise<UniverseEntry[]>;
  status(): ProviderStatus[];
}

export function createUniverseLists(opts: UniverseListsOptions): UniverseLists {
  const states: State[] = opts.lists.map((list) => ({
    list,
    calls: 0,
    hits: 0,
    misses: 0,
    ok: true,
    stale: false,
    breaker: new CircuitBreaker(opts.breaker.failures, opts.breaker.cooldownSeconds * 1000, () => opts.clock.now().getTime()),
  }));
  const flights = new SingleFlight();

  async function fetchList(st: State): Promise<Cached> {
    if (!st.breaker.allow()) {
      throw new MarketDataError(
        'UNAVAILABLE',
        `${st.list.label} has failed repeatedly, so the bot is pausing requests to it for ${st.breaker.retryInSeconds()} seconds.`,
        st.list.id,
      );
    }
    st.calls += 1;
    try {
      const entries = await withRetry(() => st.list.fetch(), opts.retry, {
        sleep: opts.sleep,
        beforeRetry: async (err) => {
          if (err instanceof Error && 'resetSession' in err && err.resetSession) await st.list.resetSession?.();
        },
      });
      st.breaker.success();
      return { entries, stamp: { source: st.list.label, asOf: opts.clock.now().toISOString(), delayed: false, stale: false, simulated: false } };
    } catch (err) {
      st.breaker.failure();
      throw err instanceof MarketDataError
        ? err
        : new MarketDataError('UNAVAILABLE', `${st.list.label} could not be fetched right now.`, st.list.id, { cause: err });
    }
  }

  /** One list: fresh cache, else the source, else the stale cache, else undefined (failure recorded). */
  async function one(st: State): Promise<{ listing?: Listing; error?: MarketDataError }> {
    const hit = await opts.cache.get<Cached>('universe', st.list.id);
    if (hit?.fresh) {
      st.hits += 1;
      st.listed ??= hit.value.entries.length;
      return { listing: { tag: st.list.tag, entries: hit.value.entries } };
    }
    st.misses += 1;
    return flights.run(st.list.id, async () => {
      try {
        const value = await fetchList(st);
        await opts.cache.set('universe', st.list.id, value);
        Object.assign(st, { ok: true, stale: false, listed: value.entries.length });
        return { listing: { tag: st.list.tag, entries: value.entries } };
      } catch (err) {
        const e = err as MarketDataError;
        Object.assign(st, { ok: false, stale: !!hit, lastError: { message: e.message, at: opts.clock.now().toISOString() } });
        opts.logger.warn({ list: st.list.id, code: e.code, msg: e.message, stale: !!hit }, 'universe listing failed');
        return hit ? { listing: { tag: st.list.tag, entries: hit.value.entries } } : { error: e };
      }
    });
  }

  /** A list's cached rows (fresh or stale) without asking its source. */
  async function cachedOnly(st: State): Promise<{ listing?: Listing }> {
    const hit = await opts.cache.get<Cached>('universe', st.list.id);
    if (hit) st.hits += 1;
    return hit ? { listing: { tag: st.list.tag, entries: hit.value.entries } } : {};
  }

  return {
    async load(o = {}) {
      const own = states.filter((s) => s.list.limiter);
      const shared = states.filter((s) => !s.list.limiter);
      let results: Array<{ listing?: Listing; error?: MarketDataError }>;
      if (o.lean && own.length) {
        const first = await Promise.all(own.map(one));
        const enough = first.some((r) => r.listing);
        results = [...first, ...(await Promise.all(shared.map(enough ? cachedOnly : one)))];
      } else results = await Promise.all(states.map(one));
      const listings = results.flatMap((r) => (r.listing ? [r.listing] : []));
      if (listings.length === 0) {
        throw results.find((r) => r.error)?.error ?? new MarketDataError('NOT_SUPPORTED', 'No stock listing is configured.');
      }
      return mergeUniverse(listings);
    },
    status: () =>
      states.map((s) => ({
        ...sourceStatus(s.list.id, s.list.label, s, s.list.limiter),
        ...(s.listed !== undefined ? { listed: s.listed } : {}),
        ...(s.stale ? { stale: true } : {}),
      })),
  };
}
