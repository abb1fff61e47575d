/** Where the book's exposure sits: by name and sector, and the market's volatility regime. */
import { annualizedVolatility } from '../risk/index.js';

export interface Exposure {
  symbol: string;
  sector?: string;
  /** Net dollar delta of everything on this underlying. */
  deltaDollars: number;
}

export interface ConcentrationRow {
  key: string;
  /** Gross exposure |net delta$| of the group. */
  gross: number;
  /** Share of the book's gross exposure (0..1). */
  share: number;
}

/**
 * Shares of gross exposure per underlying and per sector (nets long against short within a name,
 * since a hedge on the same name is no concentration). Sorted largest first; empty book → [].
 */
export function concentration(exposures: readonly Exposure[]): { names: ConcentrationRow[]; sectors: ConcentrationRow[] } {
  const byName = new Map<string, number>();
  const sectorOf = new Map<string, string>();
  for (const e of exposures) {
    byName.set(e.symbol, (byName.get(e.symbol) ?? 0) + e.deltaDollars);
    sectorOf.set(e.symbol, e.sector ?? 'Unknown');
  }
  const total = [...byName.values()].reduce((a, v) => a + Math.abs(v), 0);
  const bySector = new Map<string, number>();
  for (const [s, v] of byName) bySector.set(sectorOf.get(s) as string, (bySector.get(sectorOf.get(s) as string) ?? 0) + Math.abs(v));
  const rows = (m: Map<string, number>) =>
    [...m].map(([key, v]) => ({ key, gross: Math.abs(v), share: total > 0 ? Math.abs(v) / total : 0 })).sort((a, b) => b.share - a.share);
  return { names: rows(byName), sectors: rows(bySector) };
}

export type VolRegime = 'low' | 'normal' | 'high' | 'n/a';

/**
 * Volatility regime of a daily return series: 20-day realised vol against the full window's
 * (≥ 60 days). Ratio above 1.25 is "high", below 0.8 "low".
 */
export function volatilityRegime(returns: ArrayLike<number>): { regime: VolRegime; short: number; long: number; ratio: number } {
  if (returns.length < 60) return { regime: 'n/a', short: NaN, long: NaN, ratio: NaN };
  const arr = Array.from(returns);
  const short = annualizedVolatility(arr.slice(-20));
  const long = annualizedVolatility(arr);
  const ratio = short / long;
  const regime: VolRegime = !Number.isFinite(ratio) ? 'n/a' : ratio > 1.25 ? 'high' : ratio < 0.8 ? 'low' : 'normal';
  return { regime, short, long, ratio };
}
