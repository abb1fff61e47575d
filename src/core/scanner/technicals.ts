/**
 * One pass over a symbol's daily bars (oldest first, completed sessions) that computes every
 * number the technical filters and the technical score read, evaluated at the last bar. Pure.
 */
import { atr, bollinger, realizedVol, rsi, sma } from './indicators.js';
import {
  ascendingTriangle,
  bollingerSqueeze,
  breakout,
  bullFlag,
  distanceFrom52WeekHigh,
  goldenCross,
  macdCross,
  momentumSurge,
  volumeSpike,
  type DailyBar,
  type PatternResult,
} from './patterns.js';
import type { PatternName } from './filters.js';

export interface TechnicalSnapshot {
  bars: number;
  close: number;
  sma20: number;
  sma50: number;
  sma200: number;
  /** Wilder RSI(14). */
  rsi: number;
  /** ATR(14) ÷ close. */
  atrPct: number;
  bollingerUpper: number;
  /** Close above the upper Bollinger band (20, 2). */
  bollingerBreakout: boolean;
  /** 1 − close ÷ 52-week (252-bar) high; NaN with fewer than 252 bars. */
  fromHigh: number;
  /** Close-to-close return over the last 63 bars (about three months); NaN when shorter. */
  return63: number;
  /** Annualised 20-day realised volatility of log returns. */
  realizedVol20: number;
  patterns: Record<PatternName, PatternResult>;
}

/** Bars a full snapshot needs: SMA200 + 1 for the golden cross, 252 for the 52-week high. */
export const FULL_HISTORY_BARS = 252;

const lastOf = (xs: readonly number[]): number => xs[xs.length - 1] ?? NaN;

export function technicalSnapshot(bars: readonly DailyBar[]): TechnicalSnapshot {
  const closes = bars.map((b) => b.close);
  const close = lastOf(closes);
  const bb = bollinger(closes, 20, 2);
  const upper = lastOf(bb.upper);
  const a = lastOf(
    atr(
      bars.map((b) => b.high),
      bars.map((b) => b.low),
      closes,
      14,
    ),
  );
  const base = closes[closes.length - 64];
  const high = distanceFrom52WeekHigh(bars);
  return {
    bars: bars.length,
    close,
    sma20: lastOf(sma(closes, 20)),
    sma50: lastOf(sma(closes, 50)),
    sma200: lastOf(sma(closes, 200)),
    // indicators.rsi can land one ulp past 100 (100·G/(G + 0)); a band filter ending at 100 must still match.
    rsi: Math.min(100, Math.max(0, lastOf(rsi(closes, 14)))),
    atrPct: a / close,
    bollingerUpper: upper,
    bollingerBreakout: close > upper,
    fromHigh: high.distance,
    return63: base !== undefined && base > 0 ? close / base - 1 : NaN,
    realizedVol20: lastOf(realizedVol(closes, 20)),
    patterns: {
      breakout: breakout(bars),
      goldenCross: goldenCross(bars),
      momentum: momentumSurge(bars),
      volumeSpike: volumeSpike(bars),
      bullFlag: bullFlag(bars),
      ascendingTriangle: ascendingTriangle(bars),
      squeeze: bollingerSqueeze(bars),
      macdCross: macdCross(bars),
    },
  };
}
