/**
 * The scan, cheapest data first: the universe listing (one request) cuts by cap, price, volume
 * and sector; batched quotes cut by today's numbers and rank by activity; cached fundamentals for
 * the most active few hundred; history and technicals for the survivors; option chains only for
 * the finalists. Requests grow with the survivors (capped by config.scanner.depth), not with the
 * universe. Commands and the morning post both call runScan.
 */
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/index.js';
import type { Services } from '../services.js';
import {
  checkFundamentals, checkListing, checkQuote, expectedVolumeShare, needsFundamentals, relativeVolume, sectorMatches, type ListingFacts, type ScanFilters,
} from '../core/scanner/filters.js';
import { PRESETS, resolveFilters, type Band, type PresetName, type ScanDefaults } from '../core/scanner/presets.js';
import type { Holding } from '../core/scanner/score.js';
import type { Fundamentals, MarketGateway, Quote, Stamp } from '../market/index.js';
import { SIM_SOURCE } from '../market/sim/index.js';
import { mapPool } from './pool.js';
import { analyseCandidates, type Candidate } from './analyse.js';
import { addOptionIdeas } from './options.js';
import { configRate, riskFreeRate, type RateUsed } from '../options/rate.js';
import { toPick, type Pick } from './pick.js';

export type { Pick } from './pick.js';

export interface ScanRequest {
  /** Named scan; `default` is the configured one. */
  preset?: PresetName;
  /** Market-cap band; overrides the preset's. */
  band?: Band;
  /** Filters the user named; override the preset's. */
  filters?: Partial<ScanFilters>;
  /** Picks wanted (config.scanner.limit by default). */
  limit?: number;
  /** Symbols added to the universe (the tenant's watchlist). */
  watchlist?: readonly string[];
  /** The tenant's holdings for portfolio fit; undefined = unknown (scored neutrally). */
  holdings?: readonly Holding[];
  /** Shorthands kept for older callers. */
  minPrice?: number;
  maxPrice?: number;
  sector?: string;
}

export interface FunnelStage {
  stage: 'listing' | 'quotes' | 'fundamentals' | 'technicals' | 'options';
  in: number;
  out: number;
  /** Candidates past the stage's depth cap, not examined. */
  capped?: number;
}

export interface ScanResult {
  preset: PresetName;
  summary: string;
  filters: ScanFilters;
  /** Symbols considered (listing + configured list + watchlist). */
  universe: number;
  funnel: FunnelStage[];
  afterListingFilters: number;
  deepDived: number;
  picks: Pick[];
  stamp: Stamp | undefined;
  /** Gateway calls made, by kind (a gateway cache hit still counts here). */
  requests: { universe: number; quotes: number; fundamentals: number; history: number; optionChains: number };
  notes: string[];
  elapsedMs: number;
  /** The rate option ideas were priced at, and its source (absent when no finalist reached the options stage). */
  rate?: RateUsed;
}

export type ScanProgress = (done: number, total: number, stage?: string) => Promise<void>;

const QUOTE_CHUNK = 400;
const CONCURRENCY = 8;

export function scanDefaults(config: AppConfig): ScanDefaults {
  const s = config.scanner;
  return {
    bands: config.trading.marketCapBands,
    defaultBand: config.trading.defaultBand,
    priceBand: s.priceBand,
    minAvgVolume: s.minAvgVolume,
    revenueGrowthMin: s.revenueGrowthMin,
    epsGrowthMin: s.epsGrowthMin,
    peRange: s.peRange,
    institutionalOwnership: s.institutionalOwnership,
  };
}

export function requestFilters(config: AppConfig, req: ScanRequest): ScanFilters {
  const d = scanDefaults(config);
  const extra: Partial<ScanFilters> = {};
  if (req.band) extra.marketCap = req.band === 'any' ? [0, Infinity] : d.bands[req.band];
  if (req.minPrice !== undefined || req.maxPrice !== undefined) {
    const base = resolveFilters(d, req.preset ?? 'default').price;
    extra.price = [req.minPrice ?? base[0], req.maxPrice ?? base[1]];
  }
  if (req.sector) extra.sectors = [req.sector];
  return resolveFilters(d, req.preset ?? 'default', { ...extra, ...req.filters });
}

/** What a scan reads: the market, the config and the trading calendar. */
export type ScanDeps = Readonly<{ market: MarketGateway; config: AppConfig; calendar: Services['calendar'] } & Partial<{ store: Services['store']; clock: Services['clock']; logger: Services['logger'] }>>;

/** Today's activity: pace-adjusted relative volume plus |% change| ÷ 5; ranks who gets the deeper stages. */
const activity = (q: Quote, share: number): number => (relativeVolume(q, share) || 0) + Math.abs(q.changePercent) / 5;

export async function runScan(
  deps: ScanDeps,
  req: ScanRequest,
  now: Date,
  progress: ScanProgress = async () => undefined,
): Promise<ScanResult> {
  const { market, config, calendar } = deps;
  const started = performance.now();
  const preset = req.preset ?? 'default';
  const filters = requestFilters(config, req);
  const depth = config.scanner.depth;
  const limit = req.limit ?? config.scanner.limit;
  const today = DateTime.fromJSDate(now).setZone('America/New_York').toISODate() as string;
  const volumeShare = expectedVolumeShare(calendar.sessionFraction(now));
  const requests = { universe: 1, quotes: 0, fundamentals: 0, history: 0, optionChains: 0 };
  const notes: string[] = [];
  const failed = { fundamentals: 0, history: 0 };
  const funnel: FunnelStage[] = [];

  // Listing: one request for thousands of rows; extras (config list, watchlist) ride along.
  const listing = await market.universe();
  const watch = new Set((req.watchlist ?? []).map((s) => s.toUpperCase()));
  const known = new Set(listing.map((e) => e.symbol));
  const extras = [...new Set([...config.scanner.symbols.map((s) => s.toUpperCase()), ...watch])].filter((s) => !known.has(s));
  const entries: (ListingFacts & { symbol: string })[] = [...listing, ...extras.map((symbol) => ({ symbol }))];
  const total = entries.length;
  const listed = entries.filter((e) => checkListing(e, filters).pass).map((e) => e.symbol);
  funnel.push({ stage: 'listing', in: total, out: listed.length });
  const sectorsWanted = filters.sectors ?? [];
  if (sectorsWanted.length && !listing.some((e) => sectorMatches(e.sector, sectorsWanted))) {
    // A misspelt sector otherwise reads as "nothing passed": name the sectors the listing has.
    const names = [...new Set(listing.map((e) => e.sector).filter((x): x is string => !!x))].sort();
    notes.push(`No listed symbol has a sector matching ${sectorsWanted.map((w) => `"${w.slice(0, 40)}"`).join(' or ')}; sectors in the listing: ${names.join(', ') || 'none named'}.`);
  }
  await progress(total - listed.length, total, 'listing');

  // Quotes: batched; the gateway merges and splits to the provider's batch size.
  const quotes: Quote[] = [];
  for (let i = 0; i < listed.length; i += QUOTE_CHUNK) {
    requests.quotes++;
    quotes.push(...(await market.quotes(listed.slice(i, i + QUOTE_CHUNK))));
    await progress(total - listed.length + Math.min(i + QUOTE_CHUNK, listed.length), total, 'quotes');
  }
  const quoted = quotes.filter((q) => checkQuote(q, filters, volumeShare).pass).sort((a, b) => activity(b, volumeShare) - activity(a, volumeShare));
  funnel.push({ stage: 'quotes', in: listed.length, out: quoted.length });
  const quoteOf = new Map(quotes.map((q) => [q.symbol, q]));

  // Fundamentals (cached a day by the gateway) only when a filter needs them, for the most active.
  const funds = new Map<string, Fundamentals>();
  const getFundamentals = async (symbol: string): Promise<Fundamentals | undefined> => {
    if (funds.has(symbol)) return funds.get(symbol);
    requests.fundamentals++;
    const f = await market.fundamentals(symbol).catch(() => {
      failed.fundamentals++;
      return undefined;
    });
    if (f) funds.set(symbol, f);
    return f;
  };
  let survivors = quoted.map((q) => q.symbol);
  if (needsFundamentals(filters)) {
    const batch = survivors.slice(0, depth.fundamentals);
    let done = 0;
    const kept = await mapPool(batch, CONCURRENCY, async (s) => {
      const f = await getFundamentals(s);
      if (++done % 50 === 0) await progress(done, batch.length, 'fundamentals');
      return f && checkFundamentals(f, filters, today).pass ? s : undefined;
    });
    survivors = kept.filter((s): s is string => s !== undefined);
    funnel.push({ stage: 'fundamentals', in: batch.length, out: survivors.length, capped: Math.max(0, quoted.length - batch.length) });
  }

  // History and technicals for the survivors; relative strength ranks them against each other.
  const deep = survivors.slice(0, depth.history);
  const candidates: Candidate[] = await analyseCandidates({
    market, symbols: deep, quoteOf, funds, sectorOf: new Map(listing.map((e) => [e.symbol, e.sector])), filters, today, volumeShare, config, holdings: req.holdings, progress,
    onRequest: () => requests.history++,
    onFailure: () => failed.history++,
  });
  funnel.push({ stage: 'technicals', in: deep.length, out: candidates.length, capped: Math.max(0, survivors.length - deep.length) });

  // Option chains only for the finalists, best preliminary scores first.
  const finalists = candidates.slice(0, Math.max(limit, depth.chains));
  await mapPool(finalists, CONCURRENCY, async (c) => {
    const f = await getFundamentals(c.symbol);
    if (f) c.fundamentals = f;
  });
  // The rate /greeks uses (the day's T-bill, or the labelled config rate): one contract, one breakeven and POP.
  const { store, clock, logger } = deps;
  const rate = store && clock && logger ? await riskFreeRate({ market, store, clock, calendar, config, logger }) : configRate(config);
  const chainCalls = await addOptionIdeas({ market, config, candidates: finalists, now, progress, rate });
  requests.optionChains += chainCalls;
  funnel.push({ stage: 'options', in: finalists.length, out: finalists.filter((c) => c.idea?.idea).length });

  const picks = finalists
    .map((c) => toPick(c, config.scanner.weights, req.holdings, config.trading.maxSectorPct, watch.has(c.symbol)))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  if (failed.fundamentals || failed.history) {
    notes.push(`Data could not be read for ${failed.fundamentals} symbols' fundamentals and ${failed.history} symbols' history; they were left out.`);
  }
  if (!req.holdings) notes.push('Portfolio fit is scored neutrally (50): the scan could not read holdings.');
  const cut = funnel.find((s) => (s.capped ?? 0) > 0);
  if (cut) notes.push(`${cut.capped} symbols past the ${cut.stage} depth cap were not examined (most active first).`);

  return {
    preset,
    summary: PRESETS[preset].summary,
    filters,
    universe: total,
    funnel,
    afterListingFilters: listed.length,
    deepDived: deep.length,
    picks,
    // No quote survived the listing (e.g. an unknown sector): the reply still names its source and time.
    stamp: quotes[0]?.stamp ?? { source: market.mode, asOf: now.toISOString(), delayed: false, stale: false, simulated: market.mode === SIM_SOURCE },
    requests,
    notes,
    rate,
    elapsedMs: Math.round(performance.now() - started),
  };
}
