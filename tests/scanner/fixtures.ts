/** Hand-made inputs for scanner tests: bar series whose indicators are known, and snapshots. */
import { PATTERN_NAMES, type PatternName } from '../../src/core/scanner/filters.js';
import type { DailyBar } from '../../src/core/scanner/patterns.js';
import type { TechnicalSnapshot } from '../../src/core/scanner/technicals.js';

/** Bars from closes: open = previous close, high/low = close ± halfRange, constant volume unless given. */
export function barsFrom(closes: readonly number[], opts: { halfRange?: number; volume?: number | readonly number[] } = {}): DailyBar[] {
  const h = opts.halfRange ?? 0.5;
  return closes.map((close, i) => {
    const start = Date.UTC(2025, 0, 1) + i * 86_400_000;
    const volume = typeof opts.volume === 'number' || opts.volume === undefined ? (opts.volume ?? 100_000) : (opts.volume[i] ?? 100_000);
    return { date: new Date(start).toISOString().slice(0, 10), open: closes[i - 1] ?? close, high: close + h, low: close - h, close, volume };
  });
}

export const linear = (n: number, start: number, step: number): number[] => Array.from({ length: n }, (_, i) => start + i * step);

const unmatched = (name: string) => ({ matched: false, detail: `no ${name}` });

/** A neutral snapshot (nothing notable) with the given fields and matched patterns. */
export function snapshot(over: Partial<Omit<TechnicalSnapshot, 'patterns'>> = {}, matched: PatternName[] = []): TechnicalSnapshot {
  const patterns = Object.fromEntries(
    PATTERN_NAMES.map((p) => [p, matched.includes(p) ? { matched: true, detail: `${p} found` } : unmatched(p)]),
  ) as TechnicalSnapshot['patterns'];
  return {
    bars: 300,
    close: 10,
    sma20: 10,
    sma50: 10,
    sma200: 10,
    rsi: 50,
    atrPct: 0.04,
    bollingerUpper: 11,
    bollingerBreakout: false,
    fromHigh: 0.2,
    return63: 0,
    realizedVol20: 0.5,
    patterns,
    ...over,
  };
}
