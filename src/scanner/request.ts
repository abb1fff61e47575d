/** What a scan is asked for and what it answers: the request, its filters, the funnel and the result. */
import type { AppConfig } from '../config/index.js';
import { type ScanFilters } from '../core/scanner/filters.js';
import { type Band, type PresetName, resolveFilters, type ScanDefaults } from '../core/scanner/presets.js';
import type { Holding } from '../core/scanner/score.js';
import type { MarketGateway, Stamp } from '../market/index.js';
import type { RateUsed } from '../options/rate.js';
import type { Services } from '../services.js';
import type { Pick } from './pick.js';
import type { Skipped } from './quote-stage.js';

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
  /** Candidates past the stage's cap, not examined. */
  capped?: number;
  /** What set the cap: the request budget or config.scanner.depth. */
  why?: 'budget' | 'depth';
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
  /** Symbols left out because their data could not be read, by stage, with the reason. */
  skipped: Skipped[];
  /** The request plan: requests allowed and used (null without a limit), in one sentence. */
  plan: { total: number | null; used: number | null; description: string };
  elapsedMs: number;
  /** The rate option ideas were priced at, and its source (absent when no finalist reached the options stage). */
  rate?: RateUsed;
}

export type ScanProgress = (done: number, total: number, stage?: string) => Promise<void>;
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
export type ScanDeps = Readonly<
  { market: MarketGateway; config: AppConfig; calendar: Services['calendar'] } & Partial<{
    store: Services['store'];
    clock: Services['clock'];
    logger: Services['logger'];
  }>
>;
export interface ScanOptions {
  /** Share of the background budget (1 for /scan; config share for scheduled refreshes). */
  budgetShare?: number;
}
