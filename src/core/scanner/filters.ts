/**
 * Scan filters as data, and the pure checks that apply them stage by stage (listing → quote →
 * fundamentals → technicals), cheapest first. Every check returns what it decided on, so a pick
 * can say which filters it met and with which numbers. Units: prices in USD, fractions for
 * percentages (0.05 = 5 %), shares for volumes and float; ranges are inclusive, ±Infinity open.
 */
import type { TechnicalSnapshot } from './technicals.js';

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

/** One filter's verdict on one symbol; `reasonText` (reasons.ts) words it. */
export interface Check {
  filter: string;
  pass: boolean;
  /** What was found, with its label: "price $12.30". */
  value: string;
  /** What the filter asked for: "$2.00–$20.00". */
  wanted: string;
}

export interface Verdict {
  pass: boolean;
  checks: Check[];
}

const fmtPct = (x: number, d = 1): string => `${(x * 100).toFixed(d)}%`;
const fmtNum = (x: number, d = 2): string => x.toFixed(d);
export function fmtShares(x: number): string {
  const a = Math.abs(x);
  return a >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : a >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : a >= 1e3 ? `${(x / 1e3).toFixed(0)}K` : x.toFixed(0);
}
const fmtUsd = (x: number): string => (Math.abs(x) >= 1e4 ? `$${fmtShares(x)}` : `$${x.toFixed(2)}`);

export function inRange(x: number | undefined, [lo, hi]: Range): boolean {
  return x !== undefined && Number.isFinite(x) && x >= lo && x <= hi;
}

/** "2..20", "≥ 2", "≤ 20" for a range, in the given formatter. */
export function showRange([lo, hi]: Range, f: (x: number) => string): string {
  if (lo === -Infinity && hi === Infinity) return 'any';
  if (lo === -Infinity) return `≤ ${f(hi)}`;
  if (hi === Infinity) return `≥ ${f(lo)}`;
  return `${f(lo)}–${f(hi)}`;
}

function rangeCheck(filter: string, label: string, x: number | undefined, r: Range, f: (x: number) => string): Check {
  const shown = x === undefined || !Number.isFinite(x) ? 'n/a' : f(x);
  return { filter, pass: inRange(x, r), value: `${label} ${shown}`, wanted: showRange(r, f) };
}

/** Market-cap bands are [min, max) like config.trading.marketCapBands, so adjacent bands do not overlap. */
function capCheck(x: number | undefined, r: Range): Check {
  const c = rangeCheck('marketCap', 'market cap', x, r, fmtUsd);
  return { ...c, pass: c.pass && ((x as number) < r[1] || r[1] === Infinity) };
}

function minCheck(filter: string, label: string, x: number | undefined, min: number, f: (x: number) => string): Check {
  return rangeCheck(filter, label, x, [min, Infinity], f);
}

function verdict(checks: Check[]): Verdict {
  return { pass: checks.every((c) => c.pass), checks };
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
  changePercent: number;
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
  if (f.change) checks.push(rangeCheck('change', 'change today', q.changePercent / 100, f.change, (x) => fmtPct(x)));
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

export function needsRelativeStrength(f: ScanFilters): boolean {
  return f.minRelativeStrength !== undefined;
}

/** `rs` is the symbol's relative-strength percentile (see relativeStrength); NaN when unknown. */
export function checkTechnicals(t: TechnicalSnapshot, f: ScanFilters, rs: number): Verdict {
  const checks: Check[] = [];
  const smaOf = (n: SmaPeriod): number => (n === 20 ? t.sma20 : n === 50 ? t.sma50 : t.sma200);
  for (const n of f.smaAbove ?? []) {
    const s = smaOf(n);
    checks.push({
      filter: 'sma',
      pass: t.close > s,
      value: `close ${fmtNum(t.close)} ${t.close > s ? '>' : '≤'} SMA${n} ${fmtNum(s)}`,
      wanted: `above SMA${n}`,
    });
  }
  for (const n of f.smaBelow ?? []) {
    const s = smaOf(n);
    checks.push({
      filter: 'sma',
      pass: t.close < s,
      value: `close ${fmtNum(t.close)} ${t.close < s ? '<' : '≥'} SMA${n} ${fmtNum(s)}`,
      wanted: `below SMA${n}`,
    });
  }
  if (f.rsi) checks.push(rangeCheck('rsi', 'RSI(14)', t.rsi, f.rsi, (v) => v.toFixed(0)));
  if (f.macdCross)
    checks.push({
      filter: 'macd',
      pass: t.patterns.macdCross.matched,
      value: `MACD cross: ${t.patterns.macdCross.detail}`,
      wanted: 'a bullish cross in the last 3 bars',
    });
  if (f.bollinger === 'squeeze')
    checks.push({ filter: 'bollinger', pass: t.patterns.squeeze.matched, value: `Bollinger squeeze: ${t.patterns.squeeze.detail}`, wanted: 'a squeeze' });
  if (f.bollinger === 'breakout') {
    checks.push({
      filter: 'bollinger',
      pass: t.bollingerBreakout,
      value: `close ${fmtNum(t.close)} vs upper Bollinger band ${fmtNum(t.bollingerUpper)}`,
      wanted: 'a close above the upper band',
    });
  }
  if (f.atrPct) checks.push(rangeCheck('atr', 'ATR(14)', t.atrPct, f.atrPct, (v) => `${fmtPct(v)} of price`));
  if (f.maxFromHigh !== undefined) checks.push(rangeCheck('fromHigh', 'below 52-week high by', t.fromHigh, [-Infinity, f.maxFromHigh], (v) => fmtPct(v)));
  if (f.minRelativeStrength !== undefined) checks.push(minCheck('rs', 'relative strength', rs, f.minRelativeStrength, (v) => v.toFixed(0)));
  if (f.patterns?.length) {
    const met = f.patterns.filter((p) => t.patterns[p].matched);
    checks.push({
      filter: 'pattern',
      pass: met.length > 0,
      value: met.length ? `pattern ${met.join(', ')}` : 'no pattern',
      wanted: `any of ${f.patterns.join(', ')}`,
    });
  }
  return verdict(checks);
}

/**
 * Relative strength as a percentile: for each value, 100 × (number of other finite values strictly
 * lower + half the other ties) ÷ (number of other finite values). NaN for non-finite values and
 * when fewer than two values are finite (nothing to compare with).
 */
export function relativeStrength(values: readonly number[]): number[] {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = finite.length;
  if (n < 2) return values.map(() => NaN);
  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((finite[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const upperBound = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((finite[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => {
    if (!Number.isFinite(v)) return NaN;
    const below = lowerBound(v);
    const ties = upperBound(v) - below - 1;
    return (100 * (below + ties / 2)) / (n - 1);
  });
}
