/** A ranked scan result: the final score, its components, its reasons and one option idea. */
import { PATTERN_NAMES, type PatternName } from '../core/scanner/filters.js';
import type { OptionIdea } from '../core/scanner/option-idea.js';
import { combine, portfolioFit, type Holding, type Weights } from '../core/scanner/score.js';
import { reasonText, signal, type Reason } from '../core/scanner/reasons.js';
import type { Candidate } from './analyse.js';

export interface Pick {
  symbol: string;
  name?: string;
  sector?: string;
  price: number;
  /** Today's change, percent (2.5 = +2.5 %); null when the provider gave neither it nor a previous close. */
  changePercent: number | null;
  marketCap?: number;
  /** 0–100, one decimal. */
  score: number;
  components: { technical: number; options: number; risk: number; portfolio: number };
  /** Trend and patterns found, filters met (with their numbers), risk and fit notes, then the option idea. */
  checks: Reason[];
  /** The same, in words (`reasonText` of each). */
  reasons: string[];
  patterns: PatternName[];
  metrics: {
    relVolume: number;
    rsi: number;
    atrPct: number;
    fromHigh: number;
    return63: number;
    relativeStrength: number;
    floatShares?: number;
    shortPercentFloat?: number;
    nextEarnings?: string;
  };
  option?: OptionIdea;
  /** Why there is no option idea, when there is none. */
  optionNote?: string;
  onWatchlist: boolean;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function toPick(c: Candidate, w: Weights, holdings: readonly Holding[] | undefined, maxSectorPct: number, onWatchlist: boolean): Pick {
  const f = c.fundamentals;
  const sector = f?.sector;
  const portfolio = sector ? portfolioFit(c.symbol, sector, holdings, maxSectorPct) : c.portfolio;
  const idea = c.idea?.idea;
  const options = idea ? idea.score : 0;
  const score = combine({ technical: c.technical.score, options, risk: c.risk.score, portfolio: portfolio.score }, w);
  const optionReason = idea ? `option idea: ${idea.why}` : `no option idea: ${c.idea?.note ?? 'chain not read'}`;
  // Patterns and trend first, then the filters met with their numbers, then risk, fit and the idea.
  const all: Reason[] = [
    ...(onWatchlist ? [signal('watchlist', 'on your watchlist')] : []),
    ...c.technical.reasons.map((r) => signal('technical', r)),
    ...c.checks.filter((k) => k.pass).map((k): Reason => ({ check: k.filter, value: k.value, wanted: k.wanted, passed: k.pass })),
    ...c.risk.reasons.map((r) => signal('risk', r)),
    ...portfolio.reasons.map((r) => signal('portfolio', r)),
    ...(f?.nextEarnings ? [signal('nextEarnings', `next earnings ${f.nextEarnings}`)] : []),
    { ...signal('option', optionReason), passed: !!idea },
  ];
  const seen = new Set<string>();
  const checks = all.filter((r) => {
    const text = reasonText(r);
    return !seen.has(text) && !!seen.add(text);
  });
  return {
    symbol: c.symbol,
    ...((c.quote.name ?? f?.name) ? { name: c.quote.name ?? f?.name } : {}),
    ...(sector ? { sector } : {}),
    price: c.quote.price,
    changePercent: c.quote.changePercent ?? null,
    ...(c.quote.marketCap !== undefined ? { marketCap: c.quote.marketCap } : {}),
    score: round1(score),
    components: { technical: round1(c.technical.score), options: round1(options), risk: round1(c.risk.score), portfolio: round1(portfolio.score) },
    checks,
    reasons: checks.map(reasonText),
    patterns: PATTERN_NAMES.filter((p) => c.snapshot.patterns[p].matched),
    metrics: {
      relVolume: c.relVolume,
      rsi: c.snapshot.rsi,
      atrPct: c.snapshot.atrPct,
      fromHigh: c.snapshot.fromHigh,
      return63: c.snapshot.return63,
      relativeStrength: c.rs,
      ...(f?.floatShares !== undefined ? { floatShares: f.floatShares } : {}),
      ...(f?.shortPercentFloat !== undefined ? { shortPercentFloat: f.shortPercentFloat } : {}),
      ...(f?.nextEarnings ? { nextEarnings: f.nextEarnings } : {}),
    },
    ...(idea ? { option: idea } : { optionNote: c.idea?.note ?? 'chain not read' }),
    onWatchlist,
  };
}
