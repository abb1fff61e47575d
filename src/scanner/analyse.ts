/**
 * The history stage of the scan: daily bars for each survivor, one technical snapshot each,
 * relative strength across them, the technical filters, and a preliminary score (technical,
 * risk, portfolio fit) that decides who is worth an option chain.
 */
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/index.js';
import { checkFundamentals, checkQuote, checkTechnicals, relativeStrength, relativeVolume, type Check, type ScanFilters } from '../core/scanner/filters.js';
import type { IdeaOutcome } from '../core/scanner/option-idea.js';
import { combine, portfolioFit, riskScore, technicalScore, type Component, type Holding } from '../core/scanner/score.js';
import { technicalSnapshot, type TechnicalSnapshot } from '../core/scanner/technicals.js';
import type { Bars, Fundamentals, MarketGateway, Quote } from '../market/index.js';
import { mapPool } from './pool.js';
import { pace } from '../pace.js';

export interface Candidate {
  symbol: string;
  quote: Quote;
  fundamentals?: Fundamentals;
  snapshot: TechnicalSnapshot;
  /** Relative-strength percentile among this scan's history-stage symbols. */
  rs: number;
  /** Pace-adjusted relative volume. */
  relVolume: number;
  /** Filter checks the symbol passed, every stage. */
  checks: Check[];
  technical: Component;
  risk: Component;
  portfolio: Component;
  /** Technical, risk and portfolio fit combined with the config weights (options not yet known). */
  prelim: number;
  idea?: IdeaOutcome;
}

/** Calendar days of history asked for: 252 sessions (52-week high) plus margin for holidays. */
export const HISTORY_DAYS = 400;
/** Fewer completed sessions than this and a symbol is skipped (too new to judge). */
export const MIN_BARS = 60;

export interface AnalyseInput {
  market: MarketGateway;
  symbols: readonly string[];
  quoteOf: ReadonlyMap<string, Quote>;
  funds: ReadonlyMap<string, Fundamentals>;
  /** Sector from the listing, for portfolio fit before fundamentals are read. */
  sectorOf: ReadonlyMap<string, string | undefined>;
  filters: ScanFilters;
  /** New York date, `YYYY-MM-DD`. */
  today: string;
  /** Share of a day's volume expected by now (expectedVolumeShare). */
  volumeShare: number;
  config: AppConfig;
  holdings: readonly Holding[] | undefined;
  progress: (done: number, total: number, stage?: string) => Promise<void>;
  onRequest: () => void;
  /** A history request failed (the symbol is left out). */
  onFailure: () => void;
}

export async function analyseCandidates(inp: AnalyseInput): Promise<Candidate[]> {
  // The same `from` all day keeps the gateway's history cache key stable.
  const from = DateTime.fromISO(inp.today).minus({ days: HISTORY_DAYS }).toISODate() as string;
  let done = 0;
  const loaded = await mapPool(inp.symbols, 8, async (symbol) => {
    inp.onRequest();
    const bars: Bars | undefined = await inp.market.history(symbol, { from }).catch(() => {
      inp.onFailure();
      return undefined;
    });
    if (++done % 25 === 0 || done === inp.symbols.length) await inp.progress(done, inp.symbols.length, 'charts');
    if (!bars || bars.bars.length < MIN_BARS) return undefined;
    await pace(); // a chart's indicators take a fraction of a ms; hundreds of them would not
    return { symbol, snapshot: technicalSnapshot(bars.bars) };
  });
  const ok = loaded.filter((x): x is { symbol: string; snapshot: TechnicalSnapshot } => x !== undefined);
  const rs = relativeStrength(ok.map((x) => x.snapshot.return63));
  const out: Candidate[] = [];
  const w = inp.config.scanner.weights;
  for (const [i, { symbol, snapshot }] of ok.entries()) {
    await pace();
    const quote = inp.quoteOf.get(symbol);
    if (!quote) continue;
    const r = rs[i] ?? NaN;
    const tech = checkTechnicals(snapshot, inp.filters, r);
    if (!tech.pass) continue;
    const f = inp.funds.get(symbol);
    const checks = [
      ...tech.checks,
      ...(f ? checkFundamentals(f, inp.filters, inp.today).checks : []),
      ...checkQuote(quote, inp.filters, inp.volumeShare).checks,
    ];
    const technical = technicalScore(snapshot, inp.config.scanner.patterns, r);
    const risk = riskScore(snapshot.atrPct, (quote.avgVolume ?? NaN) * quote.price);
    const portfolio = portfolioFit(symbol, f?.sector ?? inp.sectorOf.get(symbol), inp.holdings, inp.config.trading.maxSectorPct);
    const prelim = combine({ technical: technical.score, risk: risk.score, portfolio: portfolio.score }, w);
    out.push({
      symbol,
      quote,
      snapshot,
      rs: r,
      relVolume: relativeVolume(quote, inp.volumeShare),
      checks,
      technical,
      risk,
      portfolio,
      prelim,
      ...(f ? { fundamentals: f } : {}),
    });
  }
  return out.sort((a, b) => b.prelim - a.prelim);
}
