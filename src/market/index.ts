/** Builds the market gateway the config asks for. */
import type { Clock } from '../clock.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { openRequestLedger } from '../store/slots.js';
import type { MarketCalendar } from './calendar.js';
import { createAlphaVantageProvider, ALPHAVANTAGE, ALPHAVANTAGE_LABEL } from './alphavantage/provider.js';
import type { DataConfig } from './config.js';
import { createGateway, type GatewayProvider, type MarketGateway, type UniverseList } from './gateway.js';
import { MarketCache } from './gateway/cache.js';
import { RateLimiter, type LimitSpec } from './gateway/limiter.js';
import { edgeFetch, type FetchFn } from './http/request.js';
import { createPolygonProvider, POLYGON, POLYGON_LABEL } from './polygon/provider.js';
import { createRecordFetch } from './replay/record.js';
import { createReplayFetch } from './replay/replay.js';
import { createNasdaqUniverse, NASDAQ, NASDAQ_LABEL } from './universe/nasdaq.js';
import { readTickerFile } from './universe/tickers.js';
import { YAHOO, YAHOO_LABEL } from './yahoo/errors.js';
import { withYahooBase } from './yahoo/transport.js';

export interface MarketDeps {
  store: Store;
  clock: Clock;
  /** The trading calendar (the simulator's sessions follow it); defaults to NYSE rules without extra closures. */
  calendar?: MarketCalendar;
  /** Defaults to a silent logger. */
  logger?: Logger;
  /** The network fetch underneath every provider (tests and proxies); defaults to globalThis.fetch. */
  fetch?: FetchFn;
  /** Backoff sleep (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
}

export async function createMarketData(cfg: DataConfig, deps: MarketDeps): Promise<MarketGateway> {
  const logger = deps.logger ?? silentLogger;
  const common = {
    clock: deps.clock,
    retry: cfg.retry,
    breaker: cfg.breaker,
    quoteBatch: cfg.quoteBatch,
    logger,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
  if (cfg.source === 'sim') {
    // Loaded on demand: live and replay modes never pay for (or depend on) the simulator.
    const { createSimProvider } = await import('./sim/index.js');
    const sim = createSimProvider({ seed: cfg.sim.seed, symbols: cfg.sim.symbols, clock: deps.clock, ...(deps.calendar ? { calendar: deps.calendar } : {}) });
    // No store tier: a simulated market must never leak into (or be served from) the real cache.
    return createGateway({
      ...common,
      mode: 'simulated market',
      providers: [{ provider: sim, label: 'simulated market' }],
      cache: new MarketCache(undefined, deps.clock, cfg.cacheTtl),
    });
  }

  const net = deps.fetch ?? globalThis.fetch;
  const replayDir = cfg.source.startsWith('replay:') ? cfg.source.slice('replay:'.length) : undefined;
  // On a store other processes can open, every replica takes its slots from one ledger there (replays have no budget).
  const ledger = replayDir ? undefined : await openRequestLedger(deps.store);
  // A row left unfinished by a killed process stops counting as in flight once no request can still be (timeouts bound them).
  const staleMs = 2 * cfg.timeoutMs + 5_000;
  const limiter = (id: string, label: string, spec: LimitSpec, reserve = 0): RateLimiter =>
    new RateLimiter(id, spec, { label, maxQueueMs: cfg.maxQueueMs, reserve, ...(ledger ? { shared: ledger.window(id, staleMs) } : {}) });
  const recordDir = cfg.source.startsWith('record:') ? cfg.source.slice('record:'.length) : undefined;

  let yahooNet: FetchFn;
  let mode = YAHOO_LABEL;
  if (replayDir) {
    yahooNet = await createReplayFetch(replayDir);
    mode = `${YAHOO_LABEL} (replay of ${replayDir})`;
  } else if (recordDir) {
    yahooNet = createRecordFetch(recordDir, withYahooBase(cfg.yahooBaseUrl, net));
    mode = `${YAHOO_LABEL} (recording to ${recordDir})`;
  } else {
    yahooNet = withYahooBase(cfg.yahooBaseUrl, net);
  }
  // Replays are local files: no budget to protect.
  const yLimiter = replayDir ? undefined : limiter(YAHOO, YAHOO_LABEL, cfg.rateLimits.yahoo, cfg.interactiveReserve);
  // yahoo-finance2 is loaded here, not at start-up: the demo and the console's first reply never wait for it.
  const { createYahooProvider } = await import('./yahoo/provider.js');
  const yahoo = createYahooProvider({
    fetch: edgeFetch({ id: YAHOO, label: YAHOO_LABEL, timeoutMs: cfg.timeoutMs, fetch: yahooNet, ...(yLimiter ? { limiter: yLimiter } : {}) }),
    clock: deps.clock,
    logger,
    // Our limiter is the queue: the library's must never hold a request back (it would hold a
    // person's /quote behind a scan's requests, and run it outside its caller's priority).
    concurrency: 64,
    screenerCount: cfg.universe.yahooCount,
    screeners: cfg.universe.yahooScreeners,
    trendingRegion: cfg.universe.yahooTrending,
  });
  const providers: GatewayProvider[] = [{ provider: yahoo, label: YAHOO_LABEL, resetSession: yahoo.resetSession, ...(yLimiter ? { limiter: yLimiter } : {}) }];

  // Replay stays offline: the optional providers and the NASDAQ screener are live services.
  if (!replayDir && cfg.polygon.apiKey) {
    const l = limiter(POLYGON, POLYGON_LABEL, cfg.rateLimits.polygon);
    const fetchFn = edgeFetch({ id: POLYGON, label: POLYGON_LABEL, timeoutMs: cfg.timeoutMs, fetch: net, limiter: l });
    providers.push({
      provider: createPolygonProvider({ apiKey: cfg.polygon.apiKey, baseUrl: cfg.polygon.baseUrl, fetch: fetchFn, clock: deps.clock }),
      label: POLYGON_LABEL,
      limiter: l,
    });
  }
  if (!replayDir && cfg.alphavantage.apiKey) {
    const l = limiter(ALPHAVANTAGE, ALPHAVANTAGE_LABEL, cfg.rateLimits.alphavantage);
    const fetchFn = edgeFetch({ id: ALPHAVANTAGE, label: ALPHAVANTAGE_LABEL, timeoutMs: cfg.timeoutMs, fetch: net, limiter: l });
    providers.push({
      provider: createAlphaVantageProvider({ apiKey: cfg.alphavantage.apiKey, baseUrl: cfg.alphavantage.baseUrl, fetch: fetchFn, clock: deps.clock }),
      label: ALPHAVANTAGE_LABEL,
      limiter: l,
    });
  }
  // Listings merged into the universe, each cached a day and failing on its own. Replay stays
  // offline: the NASDAQ screener is a live service, the Yahoo lists replay from recordings.
  const universeLists: UniverseList[] = [];
  if (!replayDir && cfg.universe.nasdaq) {
    const l = limiter(NASDAQ, NASDAQ_LABEL, cfg.rateLimits.nasdaq);
    const fetchFn = edgeFetch({ id: NASDAQ, label: NASDAQ_LABEL, timeoutMs: Math.max(cfg.timeoutMs, 30_000), fetch: net, limiter: l });
    const nasdaq = createNasdaqUniverse({ baseUrl: cfg.universe.nasdaqBaseUrl, fetch: fetchFn });
    universeLists.push({ id: NASDAQ, label: NASDAQ_LABEL, tag: NASDAQ, fetch: () => nasdaq.universe(), limiter: l });
  }
  for (const scrId of cfg.universe.yahooScreeners) {
    universeLists.push({
      id: `yahoo-screener-${scrId}`,
      label: `Yahoo screener ${scrId}`,
      tag: `yahoo:${scrId}`,
      fetch: () => yahoo.screener(scrId),
      resetSession: yahoo.resetSession,
    });
  }
  const region = cfg.universe.yahooTrending;
  if (region) {
    universeLists.push({
      id: `yahoo-trending-${region.toLowerCase()}`,
      label: `Yahoo trending (${region})`,
      tag: 'yahoo:trending',
      fetch: () => yahoo.trending(region),
      resetSession: yahoo.resetSession,
    });
  }

  return createGateway({
    ...common,
    mode,
    providers,
    universeLists,
    cache: new MarketCache(deps.store, deps.clock, cfg.cacheTtl),
    extraSymbols: () => readTickerFile(cfg.universe.tickersFile),
    ...(ledger ? { onClose: () => ledger.close() } : {}),
  });
}

export type { MarketGateway, ProviderStatus, BudgetSnapshot, UniverseOptions, Priority } from './gateway.js';
export { withPriority, currentPriority } from './gateway.js';
export * from './types.js';
export { DataConfig } from './config.js';
