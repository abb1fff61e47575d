import { describe, expect, it } from 'vitest';
import { atr, bollinger, ema, macd, realizedVol, rollingMax, rollingMin, rsi, sma, stdev, trueRange } from '../../../src/core/scanner/indicators.js';

/** Deterministic random walk (LCG) so the naive-vs-fast comparisons cover irregular data. */
function walk(length: number, seed = 1, start = 50): number[] {
  let s = seed;
  let x = start;
  return Array.from({ length }, () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    x *= 1 + (s / 4294967296 - 0.5) * 0.06;
    return x;
  });
}

const nanCount = (xs: number[]): number => xs.findIndex((x) => !Number.isNaN(x));

function expectClose(actual: number[], expected: number[], digits = 9): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    if (Number.isNaN(e)) expect(a, `index ${i}`).toBeNaN();
    else expect(a, `index ${i}`).toBeCloseTo(e, digits);
  });
}

// Reference algorithms, deliberately different from the O(n) ones: recompute every window.
const naiveWindow = (xs: number[], n: number, f: (w: number[]) => number): number[] => xs.map((_, i) => (i < n - 1 ? NaN : f(xs.slice(i - n + 1, i + 1))));
const meanOf = (w: number[]): number => w.reduce((a, b) => a + b, 0) / w.length;
const sdOf = (w: number[], ddof: number): number => {
  const m = meanOf(w);
  return Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / (w.length - ddof));
};
/** EMA in closed form: (1−α)^(t−s)·seed + Σ_{j=s+1..t} α(1−α)^(t−j)·x_j, seed = SMA at s = n−1. */
function emaClosedForm(xs: number[], n: number, alpha = 2 / (n + 1)): number[] {
  const s = n - 1;
  const seed = meanOf(xs.slice(0, n));
  return xs.map((_, t) => {
    if (t < s) return NaN;
    let v = (1 - alpha) ** (t - s) * seed;
    for (let j = s + 1; j <= t; j++) v += alpha * (1 - alpha) ** (t - j) * (xs[j] as number);
    return v;
  });
}

const PRICES = walk(300);

describe('sma / ema', () => {
  it('hand values and warm-up', () => {
    expectClose(sma([1, 2, 3, 4, 5], 3), [NaN, NaN, 2, 3, 4], 14);
    // α = 0.5; seed (2+4+6)/3 = 4; 4 + .5·(8−4) = 6; 6 + .5·(3−6) = 4.5
    expectClose(ema([2, 4, 6, 8, 3], 3), [NaN, NaN, 4, 6, 4.5], 14);
  });

  it('match the per-window mean and the closed-form EMA on a 300-bar walk', () => {
    expectClose(sma(PRICES, 20), naiveWindow(PRICES, 20, meanOf), 9);
    expectClose(ema(PRICES, 12), emaClosedForm(PRICES, 12), 9);
    expect(nanCount(ema(PRICES, 12))).toBe(11);
  });

  it('ema skips leading NaN (TTR), sma gives NaN for windows holding a NaN', () => {
    expectClose(ema([NaN, NaN, 2, 4, 6, 8], 3), [NaN, NaN, NaN, NaN, 4, 6], 14);
    expectClose(sma([1, NaN, 3, 4, 5, 6], 2), [NaN, NaN, NaN, 3.5, 4.5, 5.5], 14);
  });

  it('inputs shorter than the window are all NaN; bad window lengths throw', () => {
    expect(sma([1, 2], 3)).toEqual([NaN, NaN]);
    expect(ema([], 3)).toEqual([]);
    expect(() => sma([1, 2, 3], 0)).toThrowError(RangeError);
    expect(() => ema([1, 2, 3], 2.5)).toThrowError(RangeError);
  });
});

describe('rsi (Wilder)', () => {
  it("StockCharts' RSI spreadsheet (cs-rsi.xls, 4-decimal closes): 70.53, 66.32, 66.55, …", () => {
    const closes = [
      44.3389, 44.0902, 44.1497, 43.6124, 44.2778, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328,
      46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
    ];
    const expected = [70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.3, 33.08, 37.77];
    const r = rsi(closes);
    expect(nanCount(r)).toBe(14);
    r.slice(14).forEach((x, i) => {
      expect(x).toBeCloseTo(expected[i] as number, 2);
    });
  });

  it('same closes rounded to cents: first RSI by hand = 100·(3.34/14) / (3.34/14 + 1.40/14) = 70.46', () => {
    // Changes over closes 0..14: gains 0.06+0.72+0.50+0.27+0.32+0.42+0.24+0.14+0.67 = 3.34,
    // losses 0.25+0.54+0.19+0.42 = 1.40 (the 14th change is 0). Rounding the closes moves 70.53 to 70.46.
    const closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64];
    const r = rsi(closes);
    expect(r[13]).toBeNaN();
    expect(r[14]).toBeCloseTo((100 * 3.34) / 4.74, 10);
    // Next step by hand: change −0.28 → G = 3.34/14·13/14, L = (1.40/14·13 + 0.28)/14.
    const g = ((3.34 / 14) * 13) / 14;
    const l = ((1.4 / 14) * 13 + 0.28) / 14;
    expect(r[15]).toBeCloseTo((100 * g) / (g + l), 10);
  });

  it('all gains → 100, all losses → 0, no change → 50', () => {
    expect(rsi([1, 2, 3, 4], 3)[3]).toBe(100);
    expect(rsi([4, 3, 2, 1], 3)[3]).toBe(0);
    expect(rsi([5, 5, 5, 5], 3)[3]).toBe(50);
  });
});

describe('macd', () => {
  it('equals closed-form EMA(12) − EMA(26), signal = EMA(9) of it; warm-up 25 / 33', () => {
    const { macd: line, signal, histogram } = macd(PRICES);
    const ref = emaClosedForm(PRICES, 12).map((f, i) => f - (emaClosedForm(PRICES, 26)[i] as number));
    expectClose(line, ref, 9);
    const refSignal = [...new Array<number>(25).fill(NaN), ...emaClosedForm(ref.slice(25), 9)];
    expectClose(signal, refSignal, 9);
    expect(nanCount(line)).toBe(25);
    expect(nanCount(signal)).toBe(33);
    expect(nanCount(histogram)).toBe(33);
    expect(histogram[100]).toBeCloseTo((line[100] as number) - (signal[100] as number), 14);
  });
});

describe('bollinger / stdev', () => {
  it('hand values: [1..5], n = 5, k = 2 → middle 3, population σ = √2', () => {
    const b = bollinger([1, 2, 3, 4, 5], 5, 2);
    expect(b.middle[4]).toBe(3);
    expect(b.upper[4]).toBeCloseTo(3 + 2 * Math.SQRT2, 14);
    expect(b.lower[4]).toBeCloseTo(3 - 2 * Math.SQRT2, 14);
    expect(b.upper[3]).toBeNaN();
  });

  it('match per-window population σ (TTR BBands) and sample σ on a 300-bar walk', () => {
    const b = bollinger(PRICES, 20, 2);
    const mid = naiveWindow(PRICES, 20, meanOf);
    const sd = naiveWindow(PRICES, 20, (w) => sdOf(w, 0));
    expectClose(
      b.upper,
      mid.map((m, i) => m + 2 * (sd[i] as number)),
      9,
    );
    expectClose(
      b.lower,
      mid.map((m, i) => m - 2 * (sd[i] as number)),
      9,
    );
    expectClose(
      stdev(PRICES, 10),
      naiveWindow(PRICES, 10, (w) => sdOf(w, 1)),
      9,
    );
  });

  it('stays accurate for large prices with tiny moves (no E[x²] − E[x]² cancellation)', () => {
    const xs = Array.from({ length: 500 }, (_, i) => 1e6 + (i % 7) * 0.001);
    expectClose(
      stdev(xs, 20, 0),
      naiveWindow(xs, 20, (w) => sdOf(w, 0)),
      9,
    );
    expect(stdev([7, 7, 7, 7, 7, 7], 3, 0).slice(2)).toEqual([0, 0, 0, 0]);
  });
});

describe('atr (Wilder)', () => {
  it('hand values: TR = 1, 1.5, 1.5; ATR(2) = 1.25 then (1.25 + 1.5)/2 = 1.375', () => {
    const high = [10, 11, 12];
    const low = [9, 10, 10.5];
    const close = [9.5, 10.8, 11];
    expectClose(trueRange(high, low, close), [1, 1.5, 1.5], 14);
    expectClose(atr(high, low, close, 2), [NaN, 1.25, 1.375], 14);
  });

  it("matches Wilder's own recursion ATR = (ATR₋₁·(n − 1) + TR)/n on a walk; first value at n − 1", () => {
    const close = PRICES;
    const high = close.map((c, i) => c * (1 + 0.01 + 0.002 * (i % 5)));
    const low = close.map((c, i) => c * (1 - 0.012 - 0.001 * (i % 3)));
    const tr = close.map((_, i) =>
      i === 0
        ? (high[0] as number) - (low[0] as number)
        : Math.max(
            (high[i] as number) - (low[i] as number),
            Math.abs((high[i] as number) - (close[i - 1] as number)),
            Math.abs((low[i] as number) - (close[i - 1] as number)),
          ),
    );
    const ref: number[] = new Array<number>(close.length).fill(NaN);
    ref[13] = meanOf(tr.slice(0, 14));
    for (let i = 14; i < close.length; i++) ref[i] = ((ref[i - 1] as number) * 13 + (tr[i] as number)) / 14;
    expectClose(atr(high, low, close), ref, 9);
    expect(nanCount(atr(high, low, close))).toBe(13);
  });

  it('unequal lengths throw RangeError', () => {
    expect(() => atr([1, 2], [1], [1, 2])).toThrowError(RangeError);
  });
});

describe('rollingMax / rollingMin', () => {
  it('hand values, NaN inside a window, and per-window reference on a walk', () => {
    expectClose(rollingMax([3, 1, 4, 1, 5, 9, 2, 6], 3), [NaN, NaN, 4, 4, 5, 9, 9, 9], 14);
    expectClose(rollingMin([3, 1, 4, 1, 5, 9, 2, 6], 3), [NaN, NaN, 1, 1, 1, 1, 2, 2], 14);
    expectClose(rollingMax([1, NaN, 3, 2, 1], 2), [NaN, NaN, NaN, 3, 2], 14);
    expectClose(
      rollingMax(PRICES, 15),
      naiveWindow(PRICES, 15, (w) => Math.max(...w)),
      14,
    );
    expectClose(
      rollingMin(PRICES, 15),
      naiveWindow(PRICES, 15, (w) => Math.min(...w)),
      14,
    );
  });
});

describe('realizedVol', () => {
  it('hand value: closes 100, 110, 99 with n = 2 → |ln 1.1 − ln 0.9| / √2 · √252', () => {
    const v = realizedVol([100, 110, 99], 2);
    expect(v.slice(0, 2)).toEqual([NaN, NaN]);
    expect(v[2]).toBeCloseTo((Math.abs(Math.log(1.1) - Math.log(0.9)) / Math.SQRT2) * Math.sqrt(252), 12);
  });

  it('default n = 20: first value at index 20, equals per-window sample σ of log returns', () => {
    const v = realizedVol(PRICES);
    expect(nanCount(v)).toBe(20);
    const lr = PRICES.slice(1).map((c, i) => Math.log(c / (PRICES[i] as number)));
    expect(v[120]).toBeCloseTo(sdOf(lr.slice(100, 120), 1) * Math.sqrt(252), 10);
  });
});

describe('rsi bounds', () => {
  it('is exactly 100 for a strictly rising series and exactly 0 for a strictly falling one', () => {
    const up = Array.from({ length: 40 }, (_, i) => 10 + i * 0.37);
    const down = up.slice().reverse();
    for (const v of rsi(up, 14).slice(14)) expect(v).toBe(100);
    for (const v of rsi(down, 14).slice(14)) expect(v).toBe(0);
  });
});
