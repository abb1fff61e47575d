/**
 * The gateway: cache → single flight → providers in order (each behind its breaker, retry
 * policy and rate limiter) → stale cache → one clear MarketDataError.
 */
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import type { MarketGateway, ProviderStatus } from '../gateway.js';
import {
  MarketDataError,
  unknownExpiry,
  type Bars,
  type Fundamentals,
  type HistoryRequest,
  type MarketDataProvider,
  type OptionChain,
  type Quote,
  type Stamp,
  type UniverseEntry,
} from '../types.js';
import { QuoteBatcher, type QuoteOutcome } from './batcher.js';
import { CircuitBreaker } from './breaker.js';
import type { CacheKind, MarketCache } from './cache.js';
import { isDefinitive, ProviderError } from './errors.js';
import type { RateLimiter } from './limiter.js';
import { currentPriority } from './priority.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { SingleFlight } from './singleflight.js';
import { sourceStatus } from './status.js';
import { createUniverseLists, type UniverseList, type UniverseOptions } from './universe.js';

export interface GatewayProvider {
  provider: MarketDataProvider;
  /** Human name used in sentences and status. */
  label: string;
  /** Every HTTP request of this provider goes through it; absent for offline providers. */
  limiter?: RateLimiter;
  /** Forget the session (Yahoo: crumb and cookies) before a retry that asked for it. */
  resetSession?: () => Promise<void>;
}

export interface GatewayOptions {
  mode: string;
  /** In fallback order; the first is primary. */
  providers: GatewayProvider[];
  cache: MarketCache;
  clock: Clock;
  retry: RetryPolicy;
  breaker: { failures: number; cooldownSeconds: number };
  quoteBatch: { windowMs: number; maxSymbols: number };
  logger: Logger;
  /**
   * Listings merged into the universe (NASDAQ screener, Yahoo screeners and trending), each
   * cached and failing on its own. Without any, the providers' own universe() is used (sim).
   */
  universeLists?: UniverseList[];
  /** Symbols the user always wants in the universe (ticker list file). */
  extraSymbols?: () => Promise<string[]>;
  sleep?: (ms: number) => Promise<void>;
  onClose?: () => Promise<void>;
}

type Op = 'quotes' | 'history' | 'optionChain' | 'fundamentals' | 'universe';

interface Slot {
  gp: GatewayProvider;
  breaker: CircuitBreaker;
  calls: number;
  hits: number;
  misses: number;
  ok: boolean;
  lastError?: { message: string; at: string };
}

const markStale = <T extends { stamp: Stamp }>(v: T): T => ({ ...v, stamp: { ...v.stamp, stale: true } });
const norm = (s: string): string => s.trim().toUpperCase();

export function createGateway(opts: GatewayOptions): MarketGateway {
  const makeSlot = (gp: GatewayProvider): Slot => ({
    gp,
    breaker: new CircuitBreaker(opts.breaker.failures, opts.breaker.cooldownSeconds * 1000),
    calls: 0,
    hits: 0,
    misses: 0,
    ok: true,
  });
  const slots: Slot[] = opts.providers.map(makeSlot);
  const flights = new SingleFlight();
  const { cache, logger } = opts;

  const slotFor = (source: string | undefined): Slot | undefined => slots.find((s) => s.gp.label === source || s.gp.provider.id === source) ?? slots[0];
  const countHit = (source: string): void => {
    const s = slotFor(source);
    if (s) s.hits += 1;
  };
  const countMiss = (): void => {
    if (slots[0]) slots[0].misses += 1;
  };

  const fail = (slot: Slot, err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    slot.ok = false;
    slot.lastError = { message, at: opts.clock.now().toISOString() };
    logger.warn({ provider: slot.gp.provider.id, code: err instanceof MarketDataError ? err.code : undefined, msg: message }, 'market data provider failed');
  };

  /** Runs `op` on each provider in turn; returns the first answer or throws the primary's error. */
  async function viaProviders<T>(op: Op, run: (p: MarketDataProvider) => Promise<T>): Promise<T> {
    const errors: MarketDataError[] = [];
    for (const slot of slots) {
      if (!slot.breaker.allow()) {
        errors.push(
          new MarketDataError(
            'UNAVAILABLE',
            `${slot.gp.label} has failed repeatedly, so the bot is pausing requests to it for ${slot.breaker.retryInSeconds()} seconds.`,
            slot.gp.provider.id,
          ),
        );
        continue;
      }
      slot.calls += 1;
      // Background work (a scan) retries once: its budget buys more symbols than a third attempt at one.
      const policy = currentPriority() === 'background' ? { ...opts.retry, retries: Math.min(opts.retry.retries, 1) } : opts.retry;
      try {
        const out = await withRetry(() => run(slot.gp.provider), policy, {
          sleep: opts.sleep,
          beforeRetry: async (err) => {
            if (err instanceof Error && 'resetSession' in err && err.resetSession) await slot.gp.resetSession?.();
          },
        });
        slot.breaker.success();
        slot.ok = true;
        return out;
      } catch (err) {
        if (isDefinitive(err)) {
          slot.breaker.success();
          slot.ok = true;
          throw err;
        }
        // Lacking the data is no failure: it must not open the circuit (a replay's missing recordings would pause every command).
        if ((err instanceof MarketDataError && err.code === 'NOT_SUPPORTED') || (err instanceof ProviderError && err.lacksData)) {
          errors.push(err);
          slot.breaker.success();
          continue;
        }
        slot.breaker.failure();
        fail(slot, err);
        errors.push(
          err instanceof MarketDataError
            ? err
            : new MarketDataError('UNAVAILABLE', `${slot.gp.label} failed to answer the ${op} request.`, slot.gp.provider.id, { cause: err }),
        );
      }
    }
    // The primary's failure is what the user needs to hear, unless it simply lacks the data.
    throw (
      errors.find((e) => e.code !== 'NOT_SUPPORTED') ??
      errors[0] ??
      new MarketDataError('NOT_SUPPORTED', 'No market data provider is configured for this request.')
    );
  }

  /** Cached, single-flight fetch of one item with stale fallback. */
  async function cachedOne<T extends { stamp: Stamp }>(kind: CacheKind, key: string, op: Op, run: (p: MarketDataProvider) => Promise<T>): Promise<T> {
    const hit = await cache.get<T>(kind, key);
    if (hit?.fresh) {
      countHit(hit.value.stamp.source);
      return hit.value;
    }
    countMiss();
    return flights.run(`${kind}:${key}`, async () => {
      // A caller that missed just before another flight stored the answer must not ask again.
      const now = await cache.get<T>(kind, key);
      if (now?.fresh) return now.value;
      try {
        const value = await viaProviders(op, run);
        await cache.set(kind, key, value);
        return value;
      } catch (err) {
        if (hit && !isDefinitive(err)) {
          logger.info({ kind, key }, 'serving stale market data');
          return markStale(hit.value);
        }
        throw err;
      }
    });
  }

  async function fetchQuoteChunk(symbols: string[]): Promise<Map<string, QuoteOutcome>> {
    const out = new Map<string, QuoteOutcome>();
    let failure: MarketDataError | undefined;
    try {
      const quotes = await viaProviders('quotes', (p) => p.quotes(symbols));
      for (const q of quotes) out.set(q.symbol, q);
      await cache.setMany('quote', [...out]);
      return out;
    } catch (err) {
      failure = err instanceof MarketDataError ? err : new MarketDataError('UNAVAILABLE', 'Quotes could not be fetched right now.', undefined, { cause: err });
    }
    const old = await cache.getMany<Quote>('quote', symbols);
    for (const [i, s] of symbols.entries()) out.set(s, old[i] ? markStale((old[i] as { value: Quote }).value) : failure);
    return out;
  }

  // One batcher per priority: a person's /quote never waits inside a scan's batch.
  const batchers = {
    interactive: new QuoteBatcher(opts.quoteBatch.windowMs, opts.quoteBatch.maxSymbols, fetchQuoteChunk),
    background: new QuoteBatcher(opts.quoteBatch.windowMs, opts.quoteBatch.maxSymbols, fetchQuoteChunk),
  };

  async function quotes(symbols: string[]): Promise<Quote[]> {
    const wanted = [...new Set(symbols.map(norm).filter(Boolean))];
    const found = new Map<string, Quote>();
    const misses: string[] = [];
    const hits = await cache.getMany<Quote>('quote', wanted);
    for (const [i, s] of wanted.entries()) {
      const hit = hits[i];
      if (hit?.fresh) {
        countHit(hit.value.stamp.source);
        found.set(s, hit.value);
      } else {
        countMiss();
        misses.push(s);
      }
    }
    let firstError: MarketDataError | undefined;
    let failed = 0;
    if (misses.length > 0) {
      for (const [s, outcome] of await batchers[currentPriority()].load(misses)) {
        if (outcome instanceof MarketDataError) {
          firstError ??= outcome;
          failed += 1;
        } else if (outcome) found.set(s, outcome);
      }
    }
    if (firstError && failed === wanted.length) throw firstError;
    return wanted.flatMap((s) => found.get(s) ?? []);
  }

  const lists = opts.universeLists?.length
    ? createUniverseLists({
        lists: opts.universeLists,
        cache,
        clock: opts.clock,
        retry: opts.retry,
        breaker: opts.breaker,
        logger,
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
      })
    : undefined;

  async function universe(uo: UniverseOptions = {}): Promise<UniverseEntry[]> {
    const listed = lists
      ? await lists.load(uo)
      : (
          await cachedOne('universe', 'all', 'universe', async (p) => ({
            entries: await p.universe(),
            stamp: { source: p.id, asOf: opts.clock.now().toISOString(), delayed: false, stale: false, simulated: false },
          }))
        ).entries;
    const extra = (await opts.extraSymbols?.().catch(() => [])) ?? [];
    const known = new Set(listed.map((e) => e.symbol));
    return [
      ...listed,
      ...extra
        .map(norm)
        .filter((s) => !known.has(s))
        .map((symbol) => ({ symbol, sources: ['tickers'] })),
    ];
  }

  const limiters = [...slots.map((s) => s.gp.limiter), ...(opts.universeLists ?? []).map((l) => l.limiter)];
  return {
    id: 'gateway',
    mode: opts.mode,
    quotes,
    history: (symbol, req: HistoryRequest): Promise<Bars> =>
      cachedOne('history', `${norm(symbol)}:${req.from}:${req.to ?? ''}`, 'history', (p) => p.history(norm(symbol), req)),
    optionChain: async (symbol, expiry?: string): Promise<OptionChain> => {
      const s = norm(symbol);
      if (expiry) {
        // The nearest chain (fetched first by every caller) lists the expiries: no request for one it lacks.
        const nearest = await cache.get<OptionChain>('options', `${s}:nearest`);
        if (nearest?.fresh && !nearest.value.expiries.includes(expiry))
          throw unknownExpiry(nearest.value.symbol, expiry, nearest.value.expiries, nearest.value.stamp.source);
      }
      return cachedOne('options', `${s}:${expiry ?? 'nearest'}`, 'optionChain', (p) => p.optionChain(s, expiry));
    },
    fundamentals: (symbol): Promise<Fundamentals> => cachedOne('fundamentals', norm(symbol), 'fundamentals', (p) => p.fundamentals(norm(symbol))),
    universe,
    budget: () => slots[0]?.gp.limiter?.snapshot(),
    refreshBudget: async () => void (await Promise.all(limiters.map((l) => l?.readBudget()))),
    status: (): ProviderStatus[] => [...slots.map((s) => sourceStatus(s.gp.provider.id, s.gp.label, s, s.gp.limiter)), ...(lists?.status() ?? [])],
    close: async () => {
      for (const l of limiters) l?.close();
      await opts.onClose?.();
    },
  };
}
