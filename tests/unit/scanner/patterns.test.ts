import { describe, expect, it } from 'vitest';
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
} from '../../../src/core/scanner/patterns.js';
import { macd } from '../../../src/core/scanner/indicators.js';

/** A bar at `close` with a symmetric range unless given; dates are just labels here. */
function bar(close: number, o: Partial<DailyBar> = {}, i = 0): DailyBar {
  return { date: `d${i}`, open: close, high: close + 0.1, low: close - 0.1, close, volume: 1000, ...o };
}
const flat = (n: number, close = 10, o: Partial<DailyBar> = {}): DailyBar[] => Array.from({ length: n }, (_, i) => bar(close, o, i));
const fromCloses = (closes: number[], volume = 1000): DailyBar[] => closes.map((c, i) => bar(c, { volume }, i));

describe('breakout', () => {
  const base = flat(20, 10, { high: 10.5, low: 9.5 });

  it('close above the 20-day high on 2× volume matches (level 10.5, ratio 2)', () => {
    const r = breakout([...base, bar(11, { high: 11.2, volume: 2000 })]);
    expect(r).toMatchObject({ matched: true, level: 10.5, volumeRatio: 2 });
    expect(r.detail).toContain('20-day high 10.50');
  });

  it('no match on thin volume (1.2× < 1.5×) or a close under the prior high', () => {
    expect(breakout([...base, bar(11, { high: 11.2, volume: 1200 })]).matched).toBe(false);
    expect(breakout([...base, bar(10.4, { high: 10.9, volume: 5000 })]).matched).toBe(false);
  });

  it('too few bars: not matched, NaN numbers, says how many are needed', () => {
    const r = breakout(flat(10));
    expect(r).toMatchObject({ matched: false, detail: 'needs 21 bars, has 10' });
    expect(r.level).toBeNaN();
    expect(breakout([]).matched).toBe(false);
  });
});

describe('goldenCross', () => {
  // Flat at 100 for 200 bars, then +1 a bar. At index 200: SMA50 = 100 + 1/50 = 100.02 >
  // SMA200 = 100 + 1/200 = 100.005, while at 199 both are exactly 100 → the cross is at bar 200.
  const closes = (n: number) => Array.from({ length: n }, (_, i) => (i < 200 ? 100 : 100 + (i - 199)));

  it('cross on the last bar: barsAgo 0 with SMA50 100.02 vs SMA200 100.005', () => {
    const r = goldenCross(fromCloses(closes(201)));
    expect(r.matched).toBe(true);
    expect(r.barsAgo).toBe(0);
    expect(r.fastSma).toBeCloseTo(100.02, 12);
    expect(r.slowSma).toBeCloseTo(100.005, 12);
  });

  it('within 5 bars: 4 bars ago matches, 5 bars ago does not', () => {
    expect(goldenCross(fromCloses(closes(205)))).toMatchObject({ matched: true, barsAgo: 4 });
    expect(goldenCross(fromCloses(closes(206))).matched).toBe(false);
  });

  it('hand-sized parameters: fast 2 / slow 4 over 5,5,5,5,4,4,6,6', () => {
    // SMA2 at 6 = 5, SMA4 = 4.75 → first bar above; at 7: 6 vs 5 → still above, cross 1 bar ago.
    const bars = fromCloses([5, 5, 5, 5, 4, 4, 6, 6]);
    expect(goldenCross(bars, { fast: 2, slow: 4, within: 2 })).toMatchObject({ matched: true, barsAgo: 1 });
    expect(goldenCross(bars, { fast: 2, slow: 4, within: 1 }).matched).toBe(false);
  });

  it('a death cross (fast falls below) is not a match; 200 bars are not enough', () => {
    const down = Array.from({ length: 205 }, (_, i) => (i < 200 ? 100 : 100 - (i - 199)));
    expect(goldenCross(fromCloses(down)).matched).toBe(false);
    expect(goldenCross(flat(200))).toMatchObject({ matched: false, detail: 'needs 201 bars, has 200' });
  });
});

describe('momentumSurge', () => {
  const quiet = flat(20, 10);
  const rally = (volume: number, top: number) => Array.from({ length: 20 }, (_, i) => bar(10 + ((top - 10) * (i + 1)) / 20, { volume }, 20 + i));

  it('+25 % over 20 bars on 1.5× volume matches', () => {
    const r = momentumSurge([...quiet, ...rally(1500, 12.5)]);
    expect(r.matched).toBe(true);
    expect(r.change).toBeCloseTo(0.25, 12);
    expect(r.volumeRatio).toBeCloseTo(1.5, 12);
  });

  it('not on flat volume, nor on a +10 % move', () => {
    expect(momentumSurge([...quiet, ...rally(1000, 12.5)]).matched).toBe(false);
    expect(momentumSurge([...quiet, ...rally(2000, 11)]).matched).toBe(false);
  });

  it('needs 2 × lookback bars', () => {
    expect(momentumSurge(flat(39)).detail).toBe('needs 40 bars, has 39');
  });
});

describe('volumeSpike', () => {
  it('3.5× the previous 20-day average matches, 2.5× does not', () => {
    const r = volumeSpike([...flat(20), bar(10, { volume: 3500 })]);
    expect(r).toMatchObject({ matched: true, volumeRatio: 3.5, averageVolume: 1000 });
    expect(volumeSpike([...flat(20), bar(10, { volume: 2500 })]).matched).toBe(false);
  });

  it('the spike is not part of its own baseline: 19 quiet days + 2 spikes uses the first spike', () => {
    // previous 20 = 19 × 1000 + 4000 → average 1150; 4000 / 1150 = 3.478…
    const r = volumeSpike([...flat(20), bar(10, { volume: 4000 }), bar(10, { volume: 4000 })]);
    expect(r.averageVolume).toBe(1150);
    expect(r.volumeRatio).toBeCloseTo(4000 / 1150, 12);
  });
});

describe('bullFlag', () => {
  // 10 base bars (low 9.8), a 5-bar pole to a 13.2 high on 3,000 volume, a 5-bar flag on 1,200.
  const base = flat(10, 10, { high: 10.2, low: 9.8 });
  const pole = [10.6, 11.2, 11.8, 12.4, 13].map((c, i) => bar(c, { high: c + 0.2, low: c - 0.3, volume: 3000 }, 10 + i));
  const flag = (closes: number[], volume = 1200, drop = 0.2) => closes.map((c, i) => bar(c, { high: c + 0.15, low: c - drop, volume }, 15 + i));
  const tight = [12.8, 12.7, 12.6, 12.7, 12.6];

  it('matches; pole 13.2/9.8 − 1, retrace (13.2 − 12.4)/(13.2 − 9.8), volume 1200 / 2666.67', () => {
    const r = bullFlag([...base, ...pole, ...flag(tight)]);
    expect(r.matched).toBe(true);
    expect(r.poleRise).toBeCloseTo(13.2 / 9.8 - 1, 12);
    expect(r.retrace).toBeCloseTo(0.8 / 3.4, 12);
    expect(r.volumeRatio).toBeCloseTo(1200 / (16000 / 6), 12);
    expect(r.flagBars).toBe(5);
  });

  it('not when the flag retraces too deep (lows to 11.0 → 65 %)', () => {
    const r = bullFlag([...base, ...pole, ...flag(tight, 1200, 1.6)]);
    expect(r.retrace).toBeCloseTo(2.2 / 3.4, 12);
    expect(r.matched).toBe(false);
  });

  it('not when flag volume does not decline, nor after a weak pole', () => {
    expect(bullFlag([...base, ...pole, ...flag(tight, 3000)]).matched).toBe(false);
    const weakPole = [10.1, 10.2, 10.3, 10.4, 10.5].map((c, i) => bar(c, { volume: 3000 }, 10 + i));
    expect(bullFlag([...base, ...weakPole, ...flag([10.4, 10.4, 10.3, 10.4, 10.3])]).matched).toBe(false);
  });
});

describe('ascendingTriangle', () => {
  // Four 5-bar cycles: from a low L up to a 20.0 high and back; the lows L rise (or fall) by 1 a cycle.
  function cycles(lowsPerCycle: number[], peaks: number[]): DailyBar[] {
    const bars: DailyBar[] = [];
    lowsPerCycle.forEach((l, c) => {
      const top = peaks[c] as number;
      [0, 0.5, 1, 0.7, 0.5].forEach((f, p) => {
        const close = l + (top - 0.1 - l) * f;
        bars.push(bar(close, { high: close + 0.1, low: close - 0.1 }, bars.length));
      });
    });
    return bars;
  }
  const opts = { lookback: 20, swing: 2 };

  it('flat 20.0 highs (4 touches) and swing lows 15.9, 16.9, 17.9 at bars 5, 10, 15 → slope 0.2/bar', () => {
    const r = ascendingTriangle(cycles([15, 16, 17, 18], [20, 20, 20, 20]), opts);
    expect(r.matched).toBe(true);
    expect(r.resistance).toBeCloseTo(20, 12);
    expect(r.touches).toBe(4);
    expect(r.lowSlope).toBeCloseTo(0.2, 12);
  });

  it('falling lows is not a match (descending support)', () => {
    const r = ascendingTriangle(cycles([18, 17, 16, 15], [20, 20, 20, 20]), opts);
    expect(r.lowSlope).toBeCloseTo(-0.2, 12);
    expect(r.matched).toBe(false);
  });

  it('rising highs 18, 19, 20, 21.5 leave only one touch within 2 %: no flat resistance', () => {
    const r = ascendingTriangle(cycles([15, 16, 17, 18], [18, 19, 20, 21.5]), opts);
    expect(r.touches).toBe(1);
    expect(r.matched).toBe(false);
  });
});

describe('bollingerSqueeze', () => {
  const opts = { period: 5, k: 2, lookback: 10 };
  const wide = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12];

  it('bands narrowing to their tightest on the last bar match', () => {
    const r = bollingerSqueeze(fromCloses([...wide, 11, 11.1, 11, 11.1, 11.05]), opts);
    expect(r.matched).toBe(true);
    expect(r.bandwidth).toBeLessThan(r.lowestBefore);
  });

  it('a wide last bar does not; too few bars (period − 1 + lookback) do not', () => {
    expect(bollingerSqueeze(fromCloses([...wide, 11, 11.1, 11, 11.1, 14]), opts).matched).toBe(false);
    expect(bollingerSqueeze(fromCloses(wide), opts).detail).toBe('needs 14 bars, has 10');
  });

  it('hand bandwidth: constant closes have zero bandwidth, which ties the minimum and matches', () => {
    const r = bollingerSqueeze(flat(14, 10), opts);
    expect(r.bandwidth).toBe(0);
    expect(r.matched).toBe(true);
  });
});

describe('macdCross', () => {
  // 60 bars falling 0.5 a bar, then rising 1 a bar: the MACD line turns up through its signal.
  const closes = (up: number) => [...Array.from({ length: 60 }, (_, i) => 100 - 0.5 * i), ...Array.from({ length: up }, (_, i) => 70.5 + (i + 1))];

  it('detects the bullish cross at the bar where the histogram turns positive', () => {
    const series = closes(8);
    const h = macd(series).histogram;
    const crossAt = h.findIndex((x, i) => i > 0 && x > 0 && (h[i - 1] as number) <= 0);
    expect(crossAt).toBeGreaterThan(59);
    const barsAgo = series.length - 1 - crossAt;
    const r = macdCross(fromCloses(series), { within: barsAgo + 1 });
    expect(r).toMatchObject({ matched: true, barsAgo });
    expect(macdCross(fromCloses(series), { within: barsAgo }).matched).toBe(false);
  });

  it('a steady decline has no bullish cross; needs slow + signal = 35 bars', () => {
    expect(macdCross(fromCloses(closes(0))).matched).toBe(false);
    expect(macdCross(flat(34)).detail).toBe('needs 35 bars, has 34');
  });
});

describe('distanceFrom52WeekHigh', () => {
  const year = (lastClose: number) => [bar(15, { high: 20 }), ...flat(250, 15), bar(lastClose, {}, 251)];

  it('close 19.5 under a 20.0 high is 2.5 % away: matched within 5 %', () => {
    const r = distanceFrom52WeekHigh(year(19.5));
    expect(r.high).toBe(20);
    expect(r.distance).toBeCloseTo(0.025, 12);
    expect(r.matched).toBe(true);
  });

  it('close 15 is 25 % away: not matched; a new high is distance 0', () => {
    expect(distanceFrom52WeekHigh(year(15)).matched).toBe(false);
    expect(distanceFrom52WeekHigh(year(25)).distance).toBeCloseTo(1 - 25 / 25.1, 12);
  });

  it('under 252 bars there is no 52-week high', () => {
    const r = distanceFrom52WeekHigh(flat(100));
    expect(r).toMatchObject({ matched: false, detail: 'needs 252 bars, has 100' });
    expect(r.distance).toBeNaN();
  });
});
