/**
 * Chart-pattern detectors over daily bars, oldest first, evaluated at the last bar. Each is pure,
 * takes optional parameters (defaults below; config overrides them) and returns `matched`, a
 * one-line `detail` for the reply, and the numbers it decided on. Too few bars is not an error:
 * `matched: false`, the numbers NaN and a detail saying how many bars were needed.
 */
import { bollinger, macd, sma } from './indicators.js';

import type {
  DailyBar,
  PatternResult,
  BreakoutResult,
  GoldenCrossResult,
  MomentumSurgeResult,
  VolumeSpikeResult,
  BullFlagResult,
  AscendingTriangleResult,
  BollingerSqueezeResult,
  MacdCrossResult,
  DistanceFromHighResult,
  BreakoutOptions,
  GoldenCrossOptions,
  MomentumSurgeOptions,
  VolumeSpikeOptions,
  BullFlagOptions,
  AscendingTriangleOptions,
  BollingerSqueezeOptions,
  MacdCrossOptions,
  DistanceFromHighOptions,
} from './pattern-types.js';

export type * from './pattern-types.js';

type Bars = readonly DailyBar[];

const f2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function field(bars: Bars, from: number, to: number, key: 'high' | 'low' | 'close' | 'volume'): number[] {
  return bars.slice(from, to).map((b) => b[key]);
}

function tooShort<T extends object>(need: number, have: number, numbers: T): PatternResult & T {
  return { matched: false, detail: `needs ${need} bars, has ${have}`, ...numbers };
}

/** Index of the most recent bar in the last `within` bars where `above` turned true from false. */
function lastCross(above: (i: number) => boolean | undefined, last: number, within: number): number {
  for (let i = last; i > last - within && i >= 1; i--) {
    if (above(i) === true && above(i - 1) === false) return i;
  }
  return -1;
}

/**
 * Breakout: the last close is above the highest high of the previous `lookback` bars, and the last
 * volume is ≥ `volumeMultiple` × the average volume of those bars. Needs lookback + 1 bars.
 */
export function breakout(bars: Bars, opts: BreakoutOptions = {}): BreakoutResult {
  const { lookback = 20, volumeMultiple = 1.5 } = opts;
  const last = bars[bars.length - 1];
  if (!last || bars.length < lookback + 1) return tooShort(lookback + 1, bars.length, { level: NaN, volumeRatio: NaN });
  const prior = bars.length - 1 - lookback;
  const level = Math.max(...field(bars, prior, bars.length - 1, 'high'));
  const volumeRatio = last.volume / mean(field(bars, prior, bars.length - 1, 'volume'));
  const matched = last.close > level && volumeRatio >= volumeMultiple;
  const detail = `close ${f2(last.close)} vs ${lookback}-day high ${f2(level)}, volume ${f2(volumeRatio)}× average`;
  return { matched, detail, level, volumeRatio };
}

/**
 * Golden cross: SMA(fast) of closes crossed above SMA(slow) (previous bar ≤, this bar >) within the
 * last `within` bars and is still above at the last bar. Needs slow + 1 bars.
 */
export function goldenCross(bars: Bars, opts: GoldenCrossOptions = {}): GoldenCrossResult {
  const { fast = 50, slow = 200, within = 5 } = opts;
  if (bars.length < slow + 1) return tooShort(slow + 1, bars.length, { barsAgo: NaN, fastSma: NaN, slowSma: NaN });
  const closes = bars.map((b) => b.close);
  const f = sma(closes, fast);
  const s = sma(closes, slow);
  const last = bars.length - 1;
  const above = (i: number) => (Number.isNaN(s[i] as number) ? undefined : (f[i] as number) > (s[i] as number));
  const at = lastCross(above, last, within);
  const fastSma = f[last] as number;
  const slowSma = s[last] as number;
  const matched = at >= 0 && fastSma > slowSma;
  const when = at >= 0 ? `crossed ${last - at} bar(s) ago` : `no cross in the last ${within} bars`;
  const detail = `SMA${fast} ${f2(fastSma)} vs SMA${slow} ${f2(slowSma)}, ${when}`;
  return { matched, detail, barsAgo: at >= 0 ? last - at : NaN, fastSma, slowSma };
}

/**
 * Momentum surge: close-to-close return over the last `lookback` bars ≥ `minReturn`, and average
 * volume of the last `lookback` bars ≥ `minVolumeRatio` × that of the `lookback` bars before
 * (rising volume). Needs 2 × lookback bars.
 */
export function momentumSurge(bars: Bars, opts: MomentumSurgeOptions = {}): MomentumSurgeResult {
  const { lookback = 20, minReturn = 0.2, minVolumeRatio = 1.2 } = opts;
  const n = bars.length;
  const last = bars[n - 1];
  const base = bars[n - 1 - lookback];
  if (!last || !base || n < 2 * lookback) return tooShort(2 * lookback, n, { change: NaN, volumeRatio: NaN });
  const change = last.close / base.close - 1;
  const recent = mean(field(bars, n - lookback, n, 'volume'));
  const volumeRatio = recent / mean(field(bars, n - 2 * lookback, n - lookback, 'volume'));
  const matched = change >= minReturn && volumeRatio >= minVolumeRatio;
  const detail = `${lookback}-day return ${pct(change)}, volume ${f2(volumeRatio)}× the prior ${lookback} days`;
  return { matched, detail, change, volumeRatio };
}

/**
 * Volume spike: last volume ≥ `multiple` × the average volume of the `lookback` bars before it
 * (the spike itself is left out of its baseline). Needs lookback + 1 bars. A zero baseline gives
 * an infinite ratio (matched when the last volume is positive).
 */
export function volumeSpike(bars: Bars, opts: VolumeSpikeOptions = {}): VolumeSpikeResult {
  const { multiple = 3, lookback = 20 } = opts;
  const n = bars.length;
  const last = bars[n - 1];
  if (!last || n < lookback + 1) return tooShort(lookback + 1, n, { volumeRatio: NaN, averageVolume: NaN });
  const averageVolume = mean(field(bars, n - 1 - lookback, n - 1, 'volume'));
  const volumeRatio = last.volume / averageVolume;
  const detail = `volume ${f2(volumeRatio)}× its ${lookback}-day average`;
  return { matched: volumeRatio >= multiple, detail, volumeRatio, averageVolume };
}

/**
 * Bull flag. Pole top t: the highest high among bars that leave a flag of minFlagBars…maxFlagBars
 * bars after them; every flag high stays ≤ high[t]. Pole base b: the lowest low in the
 * `maxPoleBars` bars before t; pole rise = high[t] / low[b] − 1 ≥ `minPoleRise`. The flag retraces
 * (high[t] − lowest flag low) / (high[t] − low[b]) ≤ `maxRetrace` of the pole, on declining volume:
 * average flag volume ≤ `maxVolumeRatio` × average pole volume (bars b…t). Needs minFlagBars + 2 bars.
 */
export function bullFlag(bars: Bars, opts: BullFlagOptions = {}): BullFlagResult {
  const { minPoleRise = 0.15, maxPoleBars = 10, maxRetrace = 0.5 } = opts;
  const { minFlagBars = 3, maxFlagBars = 15, maxVolumeRatio = 0.8 } = opts;
  const n = bars.length;
  const none = { poleRise: NaN, retrace: NaN, flagBars: NaN, volumeRatio: NaN };
  if (n < minFlagBars + 2) return tooShort(minFlagBars + 2, n, none);
  const highs = bars.map((b) => b.high);
  let t = -1;
  for (let i = Math.max(1, n - 1 - maxFlagBars); i <= n - 1 - minFlagBars; i++) {
    if (t < 0 || (highs[i] as number) > (highs[t] as number)) t = i;
  }
  const top = highs[t] as number;
  const lows = field(bars, Math.max(0, t - maxPoleBars), t, 'low');
  const baseLow = Math.min(...lows);
  const b = Math.max(0, t - maxPoleBars) + lows.lastIndexOf(baseLow);
  const poleRise = top / baseLow - 1;
  const flagLow = Math.min(...field(bars, t + 1, n, 'low'));
  const retrace = (top - flagLow) / (top - baseLow);
  const volumeRatio = mean(field(bars, t + 1, n, 'volume')) / mean(field(bars, b, t + 1, 'volume'));
  const underTop = Math.max(...highs.slice(t + 1)) <= top;
  const matched = underTop && poleRise >= minPoleRise && retrace <= maxRetrace && volumeRatio <= maxVolumeRatio;
  const detail =
    `pole +${pct(poleRise)} in ${t - b} bars, flag ${n - 1 - t} bars retracing ${pct(retrace)} ` +
    `on ${f2(volumeRatio)}× pole volume${underTop ? '' : ', flag broke above the pole top'}`;
  return { matched, detail, poleRise, retrace, flagBars: n - 1 - t, volumeRatio };
}

/** Indices of swing points: strictly beyond the `swing` bars to the left, at least equal to those to the right. */
function swings(xs: readonly number[], swing: number, beyond: (a: number, b: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = swing; i < xs.length - swing; i++) {
    const x = xs[i] as number;
    let ok = true;
    for (let j = i - swing; j <= i + swing && ok; j++) {
      if (j !== i) ok = j < i ? beyond(x, xs[j] as number) : !beyond(xs[j] as number, x);
    }
    if (ok) out.push(i);
  }
  return out;
}

/** Least-squares slope of ys against xs. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
  });
  return sxy / sxx;
}

/**
 * Ascending triangle over the last `lookback` bars. Swing highs/lows: bars whose high (low) is
 * beyond the `swing` bars on each side. Flat resistance: ≥ `minTouches` swing highs within
 * `tolerance` (fraction) below the highest swing high. Rising support: ≥ 2 swing lows whose lows
 * have a positive least-squares slope against bar index (`lowSlope`, price per bar). Needs lookback bars.
 */
export function ascendingTriangle(bars: Bars, opts: AscendingTriangleOptions = {}): AscendingTriangleResult {
  const { lookback = 40, tolerance = 0.02, swing = 2, minTouches = 2 } = opts;
  if (bars.length < lookback) return tooShort(lookback, bars.length, { resistance: NaN, touches: NaN, lowSlope: NaN });
  const w = bars.slice(bars.length - lookback);
  const highs = w.map((b) => b.high);
  const lows = w.map((b) => b.low);
  const sh = swings(highs, swing, (a, b) => a > b);
  const sl = swings(lows, swing, (a, b) => a < b);
  const resistance = sh.length ? Math.max(...sh.map((i) => highs[i] as number)) : NaN;
  const touches = sh.filter((i) => (highs[i] as number) >= resistance * (1 - tolerance)).length;
  const lowSlope =
    sl.length >= 2
      ? slope(
          sl,
          sl.map((i) => lows[i] as number),
        )
      : NaN;
  const matched = touches >= minTouches && lowSlope > 0;
  const detail = `${touches} touch(es) of resistance ${f2(resistance)} within ${pct(tolerance)}, ` + `${sl.length} swing lows, slope ${f2(lowSlope)}/bar`;
  return { matched, detail, resistance, touches, lowSlope };
}

/**
 * Bollinger squeeze: bandwidth (upper − lower) / middle of Bollinger(period, k) at the last bar is
 * the lowest of the last `lookback` bars (ties count). Needs period − 1 + lookback bars.
 */
export function bollingerSqueeze(bars: Bars, opts: BollingerSqueezeOptions = {}): BollingerSqueezeResult {
  const { period = 20, k = 2, lookback = 120 } = opts;
  const need = period - 1 + lookback;
  if (bars.length < need) return tooShort(need, bars.length, { bandwidth: NaN, lowestBefore: NaN });
  const { upper, middle, lower } = bollinger(
    bars.map((b) => b.close),
    period,
    k,
  );
  const bw = middle.map((m, i) => ((upper[i] as number) - (lower[i] as number)) / m);
  const bandwidth = bw[bw.length - 1] as number;
  const lowestBefore = Math.min(...bw.slice(bw.length - lookback, bw.length - 1));
  const matched = bandwidth <= lowestBefore;
  const detail = `bandwidth ${pct(bandwidth)}, lowest of the prior ${lookback - 1} bars ${pct(lowestBefore)}`;
  return { matched, detail, bandwidth, lowestBefore };
}

/**
 * Bullish MACD cross: the MACD line crossed above its signal line (previous bar ≤, this bar >)
 * within the last `within` bars and is still above at the last bar. Needs slow + signal bars.
 */
export function macdCross(bars: Bars, opts: MacdCrossOptions = {}): MacdCrossResult {
  const { fast = 12, slow = 26, signal = 9, within = 3 } = opts;
  const nan = { barsAgo: NaN, macd: NaN, signal: NaN, histogram: NaN };
  if (bars.length < slow + signal) return tooShort(slow + signal, bars.length, nan);
  const m = macd(
    bars.map((b) => b.close),
    fast,
    slow,
    signal,
  );
  const last = bars.length - 1;
  const above = (i: number) => (Number.isNaN(m.signal[i] as number) ? undefined : (m.histogram[i] as number) > 0);
  const at = lastCross(above, last, within);
  const histogram = m.histogram[last] as number;
  const matched = at >= 0 && histogram > 0;
  const when = at >= 0 ? `crossed ${last - at} bar(s) ago` : `no bullish cross in the last ${within} bars`;
  const line = m.macd[last] as number;
  const signalNow = m.signal[last] as number;
  const detail = `MACD ${f2(line)} vs signal ${f2(signalNow)}, ${when}`;
  return { matched, detail, barsAgo: at >= 0 ? last - at : NaN, macd: line, signal: signalNow, histogram };
}

/**
 * Distance from the 52-week high: distance = 1 − close / (highest high of the last `lookback`
 * bars, the last bar included), a fraction ≥ 0; matched when ≤ `maxDistance`. Needs lookback bars:
 * a shorter history has no 52-week high.
 */
export function distanceFrom52WeekHigh(bars: Bars, opts: DistanceFromHighOptions = {}): DistanceFromHighResult {
  const { lookback = 252, maxDistance = 0.05 } = opts;
  const last = bars[bars.length - 1];
  if (!last || bars.length < lookback) return tooShort(lookback, bars.length, { high: NaN, distance: NaN });
  const high = Math.max(...field(bars, bars.length - lookback, bars.length, 'high'));
  const distance = 1 - last.close / high;
  const detail = `close ${f2(last.close)} is ${pct(distance)} below the 52-week high ${f2(high)}`;
  return { matched: distance <= maxDistance, detail, high, distance };
}
