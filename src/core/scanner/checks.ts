/** A filter's verdict and the small helpers every check stage words its numbers with. */
import type { Range } from './filters.js';

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

export const fmtPct = (x: number, d = 1): string => `${(x * 100).toFixed(d)}%`;
export const fmtNum = (x: number, d = 2): string => x.toFixed(d);
export function fmtShares(x: number): string {
  const a = Math.abs(x);
  return a >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : a >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : a >= 1e3 ? `${(x / 1e3).toFixed(0)}K` : x.toFixed(0);
}
export const fmtUsd = (x: number): string => (Math.abs(x) >= 1e4 ? `$${fmtShares(x)}` : `$${x.toFixed(2)}`);

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

export function rangeCheck(filter: string, label: string, x: number | undefined, r: Range, f: (x: number) => string): Check {
  const shown = x === undefined || !Number.isFinite(x) ? 'n/a' : f(x);
  return { filter, pass: inRange(x, r), value: `${label} ${shown}`, wanted: showRange(r, f) };
}

/** Market-cap bands are [min, max) like config.trading.marketCapBands, so adjacent bands do not overlap. */
export function capCheck(x: number | undefined, r: Range): Check {
  const c = rangeCheck('marketCap', 'market cap', x, r, fmtUsd);
  return { ...c, pass: c.pass && ((x as number) < r[1] || r[1] === Infinity) };
}

export function minCheck(filter: string, label: string, x: number | undefined, min: number, f: (x: number) => string): Check {
  return rangeCheck(filter, label, x, [min, Infinity], f);
}

export function verdict(checks: Check[]): Verdict {
  return { pass: checks.every((c) => c.pass), checks };
}
