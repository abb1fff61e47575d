/**
 * Turns /scan's text arguments into filters. Pure; a bad value becomes a FilterError naming the
 * filter, its allowed range and an example, never a silent default.
 *
 * Ranges are `min..max`, `min..` (at least), `..max` (at most), `min-max` for unsigned numbers,
 * or one number (at least). Percent filters take percents (`change=2..10` is +2 % to +10 %);
 * share counts take K/M/B suffixes; `float` is in millions of shares unless suffixed.
 */
import { PATTERN_NAMES, SMA_PERIODS, type PatternName, type Range, type ScanFilters, type SmaPeriod } from './filters.js';

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export interface FilterError {
  code: 'INVALID_ARGUMENT';
  /** The /scan option at fault. */
  option: string;
  message: string;
}

/** The /scan arguments that become filters (numbers already typed and bounded by the command schema). */
export interface FilterArgs {
  price?: string;
  volume?: string;
  relVolume?: number;
  float?: string;
  short?: string;
  change?: string;
  gap?: string;
  /** n > 0: reports within n days; n < 0: no report within |n| days; 0: reports today. */
  earnings?: number;
  sector?: string;
  revenueGrowth?: number;
  epsGrowth?: number;
  pe?: string;
  institutional?: string;
  rs?: number;
  sma?: string;
  rsi?: string;
  macd?: boolean;
  bollinger?: 'squeeze' | 'breakout';
  atr?: string;
  fromHigh?: number;
  pattern?: string;
}

type Unit = 'usd' | 'percent' | 'shares' | 'millions' | 'plain';

interface RangeSpec {
  option: string;
  unit: Unit;
  /** Allowed values in the user's units. */
  bounds: Range;
  example: string;
}

const SPECS = {
  price: { option: 'price', unit: 'usd', bounds: [0, 100_000], example: '2..20' },
  volume: { option: 'volume', unit: 'shares', bounds: [0, 1e10], example: '500K' },
  float: { option: 'float', unit: 'millions', bounds: [0, 100_000], example: '..20' },
  short: { option: 'short', unit: 'percent', bounds: [0, 100], example: '15..' },
  change: { option: 'change', unit: 'percent', bounds: [-100, 1000], example: '3..15' },
  gap: { option: 'gap', unit: 'percent', bounds: [-100, 1000], example: '2..' },
  pe: { option: 'pe', unit: 'plain', bounds: [0, 10_000], example: '5..30' },
  institutional: { option: 'institutional', unit: 'percent', bounds: [0, 100], example: '20..80' },
  rsi: { option: 'rsi', unit: 'plain', bounds: [0, 100], example: '30..70' },
  atr: { option: 'atr', unit: 'percent', bounds: [0, 100], example: '2..8' },
} as const satisfies Record<string, RangeSpec>;

const UNIT_LABEL: Record<Unit, string> = { usd: ' ($)', percent: ' (%)', shares: ' (shares)', millions: ' (millions of shares)', plain: '' };
const SCALE: Record<Unit, number> = { usd: 1, percent: 0.01, shares: 1, millions: 1e6, plain: 1 };
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

const fail = (option: string, message: string): { ok: false; error: FilterError } => ({ ok: false, error: { code: 'INVALID_ARGUMENT', option, message } });

function showBound(x: number): string {
  return x >= 1e6 ? `${x / 1e6}M` : String(x);
}

/** One side of a range in the user's units; undefined for an empty side, NaN when unreadable. */
function side(text: string, unit: Unit): number | undefined {
  if (text === '') return undefined;
  const m = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)([kmb%])?$/i.exec(text);
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2]?.toLowerCase();
  if (!suffix) return n;
  if (suffix === '%') return unit === 'percent' ? n : NaN;
  if (unit !== 'shares' && unit !== 'millions' && unit !== 'usd') return NaN;
  const mult = SUFFIX[suffix] as number;
  return unit === 'millions' ? (n * mult) / 1e6 : n * mult;
}

/** Parses one range argument into internal units (fractions for percents, shares for float). */
export function parseRange(text: string, spec: RangeSpec): Result<Range, FilterError> {
  const t = text.replace(/[\s$,_]/g, '');
  const [lo, hi] = spec.bounds;
  const allowed = `${showBound(lo)}..${showBound(hi)}${UNIT_LABEL[spec.unit]}`;
  const parts = t.includes('..') ? t.split('..') : /^\d[\d.]*[kmb%]?-\d[\d.]*[kmb%]?$/i.test(t) ? t.split('-') : [t, ''];
  const a = side(parts[0] ?? '', spec.unit);
  const b = side(parts[1] ?? '', spec.unit);
  if (parts.length !== 2 || Number.isNaN(a) || Number.isNaN(b) || (a === undefined && b === undefined)) {
    return fail(spec.option, `${spec.option} "${text}" is not a range: write min..max, min.. or ..max within ${allowed}, e.g. ${spec.option}=${spec.example}.`);
  }
  const min = a ?? -Infinity;
  const max = b ?? Infinity;
  if ((a !== undefined && (a < lo || a > hi)) || (b !== undefined && (b < lo || b > hi))) {
    return fail(spec.option, `${spec.option} must be within ${allowed}, got ${text}; e.g. ${spec.option}=${spec.example}.`);
  }
  if (min > max) return fail(spec.option, `${spec.option} ${text} has its minimum above its maximum; e.g. ${spec.option}=${spec.example}.`);
  const k = SCALE[spec.unit];
  return { ok: true, value: [min === -Infinity ? min : min * k, max === Infinity ? max : max * k] };
}

function parseSma(text: string): Result<{ above: SmaPeriod[]; below: SmaPeriod[] }, FilterError> {
  const above: SmaPeriod[] = [];
  const below: SmaPeriod[] = [];
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(-)?(?:sma)?(\d+)$/i.exec(raw);
    const n = Number(m?.[2]) as SmaPeriod;
    if (!m || !SMA_PERIODS.includes(n)) {
      return fail('sma', `sma takes the periods 20, 50 and 200 (price above), or -20, -50, -200 (price below), got "${raw}"; e.g. sma=50,200.`);
    }
    (m[1] ? below : above).push(n);
  }
  if (above.length + below.length === 0) return fail('sma', 'sma needs at least one period (20, 50 or 200); e.g. sma=50,200.');
  return { ok: true, value: { above, below } };
}

function parsePatterns(text: string): Result<PatternName[], FilterError> {
  const key = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  const out: PatternName[] = [];
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const hit = PATTERN_NAMES.find((p) => key(p) === key(raw));
    if (!hit) return fail('pattern', `pattern "${raw}" is not one of ${PATTERN_NAMES.join(', ')}.`);
    out.push(hit);
  }
  if (!out.length) return fail('pattern', `pattern needs one of ${PATTERN_NAMES.join(', ')}.`);
  return { ok: true, value: out };
}

/** Only the filters the user named; the preset supplies the rest. */
export function filtersFromArgs(args: FilterArgs): Result<Partial<ScanFilters>, FilterError> {
  const out: Partial<ScanFilters> = {};
  const ranges: [keyof typeof SPECS, string | undefined, (r: Range) => void][] = [
    ['price', args.price, (r) => (out.price = r)],
    ['float', args.float, (r) => (out.float = r)],
    ['short', args.short, (r) => (out.shortFloat = r)],
    ['change', args.change, (r) => (out.change = r)],
    ['gap', args.gap, (r) => (out.gap = r)],
    ['pe', args.pe, (r) => (out.pe = r)],
    ['institutional', args.institutional, (r) => (out.institutional = r)],
    ['rsi', args.rsi, (r) => (out.rsi = r)],
    ['atr', args.atr, (r) => (out.atrPct = r)],
  ];
  for (const [name, text, set] of ranges) {
    if (text === undefined) continue;
    const r = parseRange(text, SPECS[name]);
    if (!r.ok) return r;
    set(r.value);
  }
  if (args.volume !== undefined) {
    const r = parseRange(args.volume, SPECS.volume);
    if (!r.ok) return r;
    if (r.value[1] !== Infinity) return fail('volume', `volume is a minimum average daily volume within 0..10000M shares, e.g. volume=500K.`);
    out.minAvgVolume = Math.max(0, r.value[0]);
  }
  if (args.sma !== undefined) {
    const r = parseSma(args.sma);
    if (!r.ok) return r;
    if (r.value.above.some((n) => r.value.below.includes(n))) return fail('sma', `sma ${args.sma} asks for the price both above and below the same average.`);
    if (r.value.above.length) out.smaAbove = r.value.above;
    if (r.value.below.length) out.smaBelow = r.value.below;
  }
  if (args.pattern !== undefined) {
    const r = parsePatterns(args.pattern);
    if (!r.ok) return r;
    out.patterns = r.value;
  }
  if (args.sector !== undefined) {
    const sectors = args.sector
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!sectors.length) return fail('sector', 'sector needs a name, e.g. sector=technology.');
    out.sectors = sectors;
  }
  if (args.earnings !== undefined) out.earnings = { days: Math.abs(args.earnings), mode: args.earnings >= 0 ? 'within' : 'notWithin' };
  if (args.relVolume !== undefined) out.relVolume = args.relVolume;
  if (args.revenueGrowth !== undefined) out.revenueGrowthMin = args.revenueGrowth / 100;
  if (args.epsGrowth !== undefined) out.epsGrowthMin = args.epsGrowth / 100;
  if (args.rs !== undefined) out.minRelativeStrength = args.rs;
  if (args.macd !== undefined) out.macdCross = args.macd || undefined;
  if (args.bollinger !== undefined) out.bollinger = args.bollinger;
  if (args.fromHigh !== undefined) out.maxFromHigh = args.fromHigh / 100;
  return { ok: true, value: out };
}
