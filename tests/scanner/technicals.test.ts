/**
 * The technical snapshot on series whose values are known in closed form: a straight line (SMA
 * of a line is its value half a window back; RSI of a rising series is 100), a constant-range
 * walk (ATR equals the range), a flat line with a jump (Bollinger breakout), a geometric series
 * (zero realised volatility).
 */
import { describe, expect, it } from 'vitest';
import { technicalSnapshot } from '../../src/core/scanner/technicals.js';
import { barsFrom, linear } from './fixtures.js';

describe('technicalSnapshot', () => {
  const closes = linear(300, 10, 0.1);
  const last = closes[299] as number;
  const t = technicalSnapshot(barsFrom(closes, { halfRange: 0.5 }));

  it('SMAs of a straight line sit (n − 1)/2 steps behind the last close', () => {
    expect(t.close).toBeCloseTo(last, 10);
    expect(t.sma20).toBeCloseTo(last - 0.95, 10);
    expect(t.sma50).toBeCloseTo(last - 2.45, 10);
    expect(t.sma200).toBeCloseTo(last - 9.95, 10);
  });

  it('RSI of a strictly rising series is 100', () => {
    // indicators.rsi gives 100·G/(G + 0) = 100.00000000000001 here; the snapshot clamps to [0, 100].
    expect(t.rsi).toBe(100);
  });

  it('ATR of bars with a constant 1.00 range (gaps smaller than the range) is 1.00', () => {
    expect(t.atrPct).toBeCloseTo(1 / last, 10);
  });

  it('distance from the 52-week high and 63-day return', () => {
    expect(t.fromHigh).toBeCloseTo(1 - last / (last + 0.5), 10);
    expect(t.return63).toBeCloseTo(last / (last - 6.3) - 1, 10);
  });

  it('a steady line stays inside its upper Bollinger band; a jump off a flat line breaks out', () => {
    expect(t.bollingerBreakout).toBe(false);
    const jump = technicalSnapshot(barsFrom([...Array(40).fill(10), 12]));
    // middle 10.1, population σ √0.19 = 0.436, upper 10.97 < 12
    expect(jump.bollingerUpper).toBeCloseTo(10.1 + 2 * Math.sqrt(0.19), 10);
    expect(jump.bollingerBreakout).toBe(true);
  });

  it('a constant growth rate has zero realised volatility', () => {
    const g = technicalSnapshot(barsFrom(Array.from({ length: 80 }, (_, i) => 10 * 1.01 ** i)));
    expect(g.realizedVol20).toBeCloseTo(0, 8);
  });

  it('too short for the long windows: NaN, not a guess', () => {
    const s = technicalSnapshot(barsFrom(linear(100, 10, 0.1)));
    expect(s.sma200).toBeNaN();
    expect(s.fromHigh).toBeNaN();
    expect(s.patterns.goldenCross.matched).toBe(false);
    expect(Number.isFinite(s.sma50)).toBe(true);
  });

  it('runs the pattern detectors: a close above the 20-day high on 3× volume is a breakout and a volume spike', () => {
    const closes = [...Array(30).fill(10), 11];
    const volume = [...Array(30).fill(100_000), 300_000];
    const s = technicalSnapshot(barsFrom(closes, { halfRange: 0.2, volume }));
    expect(s.patterns.breakout.matched).toBe(true);
    expect(s.patterns.volumeSpike.matched).toBe(true);
    expect(s.patterns.goldenCross.matched).toBe(false);
  });
});
