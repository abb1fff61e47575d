/**
 * The technical stage of the scan filters (SMAs, RSI, MACD, Bollinger, ATR, distance from the
 * 52-week high, relative strength, patterns) and relative strength as a percentile. Pure.
 */
import { fmtNum, fmtPct, minCheck, rangeCheck, verdict, type Check, type Verdict } from './checks.js';
import type { ScanFilters, SmaPeriod } from './filters.js';
import type { TechnicalSnapshot } from './technicals.js';

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
