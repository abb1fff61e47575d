/**
 * Scan filters as data, and the pure checks that apply them stage by stage (listing → quote →
 * fundamentals → technicals), cheapest first. Every check returns what it decided on, so a pick
 * can say which filters it met and with which numbers. Units: prices in USD, fractions for
 * percentages (0.05 = 5 %), shares for volumes and float; ranges are inclusive, ±Infinity open.
 */
import { capCheck, fmtNum, fmtPct, fmtShares, fmtUsd, minCheck, rangeCheck, verdict, type Check, type Verdict } from './checks.js';

export { fmtShares, inRange, showRange, type Check, type Verdict } from './checks.js';
export { checkTechnicals, needsRelativeStrength, relativeStrength } from './technical-filters.js';

export type Range = readonly [number, number];
export type SmaPeriod = 20 | 50 | 200;
export const SMA_PERIODS: readonly SmaPeriod[] = [20, 50, 200];
export const PATTERN_NAMES = ['breakout', 'goldenCross', 'momentum', 'volumeSpike', 'bullFlag', 'ascendingTriangle', 'squeeze', 'macdCross'] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

export interface ScanFilters {
  /** Market capitalisation, USD, [min, max) as the config's bands. */
  marketCap: Range;
  price: Range;
  /** Average daily share volume, minimum. */
  minAvgVolume: number;
  /** Today's volume ÷ average volume, minimum. */
  relVolume?: number;
  /** Float, shares. */
  float?: Range;
  /** Short interest as a fraction of float. */
  shortFloat?: Range;
  /** Today's change vs the previous close, fraction. */
  change?: Range;
  /** Today's open vs the previous close, fraction. */
  gap?: Range;
  /** `within`: next report in 0…days calendar days; `notWithin`: none in that window. */
  earnings?: { days: number; mode: 'within' | 'notWithin' };
  /** Case-insensitive substrings; a symbol passes when its sector contains any of them. */
  sectors?: string[];
  revenueGrowthMin?: number;
  epsGrowthMin?: number;
  /** Trailing P/E; symbols without one (loss makers) fail. */
  pe?: Range;
  institutional?: Range;
  /** Percentile (0–100) of the 63-day return among the symbols whose history the scan read. */
  minRelativeStrength?: number;
  smaAbove?: SmaPeriod[];
  smaBelow?: SmaPeriod[];
  rsi?: Range;
  macdCross?: boolean;
  bollinger?: 'squeeze' | 'breakout';
  /** ATR(14) as a fraction of the close. */
  atrPct?: Range;
  /** Distance below the 52-week high, maximum fraction. */
  maxFromHigh?: number;
  /** At least one of these patterns must be present. */
  patterns?: PatternName[];
}

export function sectorMatches(sector: string | undefined, wanted: readonly string[]): boolean {
  const s = (sector ?? '').toLowerCase();
  return s !== '' && wanted.some((w) => s.includes(w.toLowerCase()));
}

/** What a listing (screener row) knows. Fields it lacks are left to the quote stage. */
export interface ListingFacts {
  marketCap?: number;
  price?: number;
  avgVolume?: number;
  sector?: string;
}

export function checkListing(e: ListingFacts, f: ScanFilters): Verdict {
  const checks: Check[] = [];
  if (e.marketCap !== undefined) checks.push(capCheck(e.marketCap, f.marketCap));
  if (e.price !== undefined) checks.push(rangeCheck('price', 'price', e.price, f.price, fmtUsd));
  if (e.avgVolume !== undefined) checks.push(minCheck('avgVolume', 'avg volume', e.avgVolume, f.minAvgVolume, fmtShares));
  if (f.sectors?.length && e.sector !== undefined) {
    checks.push({ filter: 'sector', pass: sectorMatches(e.sector, f.sectors), value: `sector ${e.sector}`, wanted: f.sectors.join(' or ') });
  }
  return verdict(checks);
}

/** The quote fields the quote stage reads (structurally the market model's Quote). */
export interface QuoteFacts {
  price: number;
  /** Absent when the provider gave neither the change nor a previous close. */
  changePercent?: number | undefined;
  previousClose?: number;
  open?: number;
  volume?: number;
  avgVolume?: number;
  marketCap?: number;
}

/**
 * Share of a day's volume expected by a point of the session (fraction f of it elapsed): f^0.8,
 * front-loaded like the U-shaped intraday profile (about a third of the day's volume by 11:00).
 * 1 outside the session, so a closed market compares whole days.
 */
export function expectedVolumeShare(sessionFraction: number | undefined): number {
  if (sessionFraction === undefined || !(sessionFraction < 1)) return 1;
  return Math.max(0.05, sessionFraction) ** 0.8;
}

/**
 * Relative volume: today's volume ÷ (average daily volume × the share of it expected by now), so
 * 1.0 means "on pace for an average day" at any time of the session.
 */
export function relativeVolume(q: QuoteFacts, volumeShare = 1): number {
  return q.volume !== undefined && q.avgVolume ? q.volume / (q.avgVolume * volumeShare) : NaN;
}
export const gapOf = (q: QuoteFacts): number => (q.open !== undefined && q.previousClose ? q.open / q.previousClose - 1 : NaN);

/** `volumeShare`: expectedVolumeShare(now) for intraday scans (1 after the close). */
export function checkQuote(q: QuoteFacts, f: ScanFilters, volumeShare = 1): Verdict {
  const checks: Check[] = [
    rangeCheck('price', 'price', q.price, f.price, fmtUsd),
    capCheck(q.marketCap, f.marketCap),
    minCheck('avgVolume', 'avg volume', q.avgVolume, f.minAvgVolume, fmtShares),
  ];
  if (f.relVolume !== undefined) checks.push(minCheck('relVolume', 'relative volume', relativeVolume(q, volumeShare), f.relVolume, (x) => `${fmtNum(x)}×`));
  if (f.change) checks.push(rangeCheck('change', 'change today', q.changePercent === undefined ? NaN : q.changePercent / 100, f.change, (x) => fmtPct(x)));
  if (f.gap) checks.push(rangeCheck('gap', 'gap', gapOf(q), f.gap, (x) => fmtPct(x)));
  return verdict(checks);
}

export interface FundamentalFacts {
  sector?: string;
  floatShares?: number;
  shortPercentFloat?: number;
  institutionalOwnership?: number;
  revenueGrowth?: number;
  epsGrowth?: number;
  trailingPE?: number;
  /** `YYYY-MM-DD`. */
  nextEarnings?: string;
}

/** Whole calendar days from `today` to `date` (both `YYYY-MM-DD`); NaN when either is missing. */
export function daysUntil(date: string | undefined, today: string): number {
  if (!date) return NaN;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function needsFundamentals(f: ScanFilters): boolean {
  return (
    f.float !== undefined ||
    f.shortFloat !== undefined ||
    f.earnings !== undefined ||
    f.revenueGrowthMin !== undefined ||
    f.epsGrowthMin !== undefined ||
    f.pe !== undefined ||
    f.institutional !== undefined
  );
}

/** `today` is the New York date the earnings window counts from. */
export function checkFundamentals(x: FundamentalFacts, f: ScanFilters, today: string): Verdict {
  const checks: Check[] = [];
  if (f.sectors?.length)
    checks.push({ filter: 'sector', pass: sectorMatches(x.sector, f.sectors), value: `sector ${x.sector ?? 'n/a'}`, wanted: f.sectors.join(' or ') });
  if (f.float) checks.push(rangeCheck('float', 'float', x.floatShares, f.float, fmtShares));
  if (f.shortFloat) checks.push(rangeCheck('short', 'short interest', x.shortPercentFloat, f.shortFloat, (v) => `${fmtPct(v)} of float`));
  if (f.earnings) {
    const d = daysUntil(x.nextEarnings, today);
    const within = Number.isFinite(d) && d >= 0 && d <= f.earnings.days;
    const pass = f.earnings.mode === 'within' ? within : Number.isFinite(d) && !within;
    const when = Number.isFinite(d) ? `earnings ${x.nextEarnings} (in ${d} days)` : 'no earnings date';
    const wanted = f.earnings.mode === 'within' ? `within ${f.earnings.days} days` : `none within ${f.earnings.days} days`;
    checks.push({ filter: 'earnings', pass, value: when, wanted });
  }
  if (f.revenueGrowthMin !== undefined) checks.push(minCheck('revenueGrowth', 'revenue growth', x.revenueGrowth, f.revenueGrowthMin, (v) => fmtPct(v, 0)));
  if (f.epsGrowthMin !== undefined) checks.push(minCheck('epsGrowth', 'EPS growth', x.epsGrowth, f.epsGrowthMin, (v) => fmtPct(v, 0)));
  if (f.pe) checks.push(rangeCheck('pe', 'P/E', x.trailingPE, f.pe, (v) => v.toFixed(1)));
  if (f.institutional) checks.push(rangeCheck('institutional', 'institutions own', x.institutionalOwnership, f.institutional, (v) => fmtPct(v, 0)));
  return verdict(checks);
}
