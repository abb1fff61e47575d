/**
 * Technical indicators over price series, each O(length). Every function returns a plain array as
 * long as its input with NaN where the window is not yet full (the warm-up, stated per function)
 * and wherever a window holds a non-finite input. Recursive indicators (EMA, RSI, ATR, MACD) skip
 * leading non-finite values, as TTR does, and carry a later one forward as NaN. A window length
 * that is not a positive integer throws RangeError: it is a programming error, not data.
 */

type Series = ArrayLike<number>;

function checkWindow(n: number, name = 'n'): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
}

function nans(length: number): number[] {
  return new Array<number>(length).fill(NaN);
}

const at = (xs: Series, i: number): number => xs[i] as number;

/** Simple moving average of the last n values. Warm-up: first value at index n − 1. */
export function sma(values: Series, n: number): number[] {
  checkWindow(n);
  const out = nans(values.length);
  let sum = 0;
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    const x = at(values, i);
    if (Number.isFinite(x)) sum += x;
    else bad++;
    if (i >= n) {
      const y = at(values, i - n);
      if (Number.isFinite(y)) sum -= y;
      else bad--;
    }
    if (i >= n - 1 && bad === 0) {
      // Re-add the window every n steps so running-sum rounding cannot drift (amortised O(1)).
      if (i % n === 0) {
        sum = 0;
        for (let j = i - n + 1; j <= i; j++) sum += at(values, j);
      }
      out[i] = sum / n;
    }
  }
  return out;
}

/** Exponential smoothing with weight `alpha`, seeded with the SMA of the first n finite values. */
function smooth(values: Series, n: number, alpha: number): number[] {
  const out = nans(values.length);
  let start = 0;
  while (start < values.length && !Number.isFinite(at(values, start))) start++;
  const seedAt = start + n - 1;
  if (seedAt >= values.length) return out;
  let e = 0;
  for (let j = start; j <= seedAt; j++) e += at(values, j);
  e /= n;
  out[seedAt] = e;
  for (let i = seedAt + 1; i < values.length; i++) {
    e += alpha * (at(values, i) - e);
    out[i] = e;
  }
  return out;
}

/**
 * Exponential moving average, α = 2 / (n + 1), seeded with the SMA of the first n values (TTR's
 * EMA). Leading non-finite values are skipped: warm-up ends at index (first finite) + n − 1.
 */
export function ema(values: Series, n: number): number[] {
  checkWindow(n);
  return smooth(values, n, 2 / (n + 1));
}

/** Wilder's smoothing: α = 1 / n, SMA seed (TTR's EMA with wilder = TRUE). */
export function wilder(values: Series, n: number): number[] {
  checkWindow(n);
  return smooth(values, n, 1 / n);
}

/**
 * Wilder's RSI in [0, 100]: average gain and loss of close-to-close changes, each seeded with the
 * mean of the first n changes and smoothed by Wilder (α = 1/n); RSI = 100·G / (G + L). First value
 * at index n (n changes need n + 1 closes). A window with no change at all (G = L = 0) is 50.
 */
export function rsi(closes: Series, n = 14): number[] {
  checkWindow(n);
  const len = closes.length;
  const gains = nans(len);
  const losses = nans(len);
  for (let i = 1; i < len; i++) {
    const d = at(closes, i) - at(closes, i - 1);
    gains[i] = d > 0 ? d : Number.isNaN(d) ? NaN : 0;
    losses[i] = d < 0 ? -d : Number.isNaN(d) ? NaN : 0;
  }
  const g = wilder(gains, n);
  const l = wilder(losses, n);
  return g.map((gi, i) => {
    const li = l[i] as number;
    const total = gi + li;
    // 100·(G/(G+L)) rather than 100·G/(G+L): a window of gains only is exactly 100, never 100.00000000000001.
    return total > 0 ? 100 * (gi / total) : total === 0 ? 50 : NaN;
  });
}

/**
 * MACD as TTR's MACD(percent = FALSE): macd = EMA(fast) − EMA(slow), signal = EMA(macd, signal),
 * histogram = macd − signal. Warm-up: macd from index slow − 1, signal and histogram from
 * slow + signal − 2 (index 33 for 12/26/9).
 */
export function macd(closes: Series, fast = 12, slow = 26, signal = 9): { macd: number[]; signal: number[]; histogram: number[] } {
  checkWindow(fast, 'fast');
  checkWindow(slow, 'slow');
  checkWindow(signal, 'signal');
  const f = ema(closes, fast);
  const s = ema(closes, slow);
  const line = f.map((x, i) => x - (s[i] as number));
  const sig = ema(line, signal);
  return { macd: line, signal: sig, histogram: line.map((x, i) => x - (sig[i] as number)) };
}

/**
 * Rolling standard deviation of the last n values with `ddof` (1 = sample, default; 0 =
 * population). Warm-up: first value at index n − 1 (NaN throughout when n − ddof ≤ 0). Welford
 * add/remove updates, recomputed exactly every n steps so rounding cannot accumulate.
 */
export function stdev(values: Series, n: number, ddof: 0 | 1 = 1): number[] {
  checkWindow(n);
  const out = nans(values.length);
  if (n - ddof <= 0) return out;
  let bad = 0;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = at(values, i);
    if (Number.isFinite(x)) {
      count++;
      const d = x - mean;
      mean += d / count;
      m2 += d * (x - mean);
    } else bad++;
    if (i >= n) {
      const y = at(values, i - n);
      if (!Number.isFinite(y)) bad--;
      else if (--count === 0) mean = m2 = 0;
      else {
        const d = y - mean;
        mean -= d / count;
        m2 -= d * (y - mean);
      }
    }
    if (i < n - 1 || bad > 0) continue;
    if (i % n === 0) {
      mean = 0;
      for (let j = i - n + 1; j <= i; j++) mean += at(values, j);
      mean /= n;
      m2 = 0;
      for (let j = i - n + 1; j <= i; j++) m2 += (at(values, j) - mean) ** 2;
    }
    out[i] = Math.sqrt(Math.max(0, m2) / (n - ddof));
  }
  return out;
}

/**
 * Bollinger Bands as TTR's BBands on closes: middle = SMA(n), upper/lower = middle ± k·σ with σ the
 * population standard deviation (divisor n) of the same window. Warm-up: first value at n − 1.
 */
export function bollinger(closes: Series, n = 20, k = 2): { upper: number[]; middle: number[]; lower: number[] } {
  const middle = sma(closes, n);
  const sd = stdev(closes, n, 0);
  return {
    upper: middle.map((m, i) => m + k * (sd[i] as number)),
    middle,
    lower: middle.map((m, i) => m - k * (sd[i] as number)),
  };
}

/** True range: max(h − l, |h − c₋₁|, |l − c₋₁|); the first bar, with no previous close, is h − l. */
export function trueRange(high: Series, low: Series, close: Series): number[] {
  if (high.length !== low.length || low.length !== close.length) {
    throw new RangeError(`high, low and close differ in length (${high.length}, ${low.length}, ${close.length})`);
  }
  const out = nans(high.length);
  for (let i = 0; i < high.length; i++) {
    const h = at(high, i);
    const l = at(low, i);
    if (i === 0) out[i] = h - l;
    else {
      const c = at(close, i - 1);
      out[i] = Math.max(h - l, Math.abs(h - c), Math.abs(l - c));
      if (Number.isNaN(h + l + c)) out[i] = NaN;
    }
  }
  return out;
}

/**
 * Average true range, Wilder-smoothed (α = 1/n) and seeded with the mean of the first n true
 * ranges (first TR = high − low, as StockCharts). First value at index n − 1. Unequal input lengths
 * throw RangeError.
 */
export function atr(high: Series, low: Series, close: Series, n = 14): number[] {
  return wilder(trueRange(high, low, close), n);
}

/** Monotonic-deque rolling extreme; `better(a, b)` is true when a should displace b. */
function rollingExtreme(values: Series, n: number, better: (a: number, b: number) => boolean): number[] {
  checkWindow(n);
  const out = nans(values.length);
  const dq = new Int32Array(values.length);
  let head = 0;
  let tail = 0;
  let lastBad = -1;
  for (let i = 0; i < values.length; i++) {
    const x = at(values, i);
    if (!Number.isFinite(x)) lastBad = i;
    else {
      while (tail > head && better(x, at(values, dq[tail - 1] as number))) tail--;
      dq[tail++] = i;
    }
    while (tail > head && (dq[head] as number) <= i - n) head++;
    if (i >= n - 1 && lastBad <= i - n) out[i] = at(values, dq[head] as number);
  }
  return out;
}

/** Highest of the last n values (current included). Warm-up: first value at index n − 1. */
export function rollingMax(values: Series, n: number): number[] {
  return rollingExtreme(values, n, (a, b) => a >= b);
}

/** Lowest of the last n values (current included). Warm-up: first value at index n − 1. */
export function rollingMin(values: Series, n: number): number[] {
  return rollingExtreme(values, n, (a, b) => a <= b);
}

/**
 * Realised volatility: sample standard deviation (ddof = 1) of the last n log returns ln(cᵢ/cᵢ₋₁),
 * × √periodsPerYear. n returns need n + 1 closes: first value at index n. Non-positive closes
 * give NaN windows.
 */
export function realizedVol(closes: Series, n = 20, periodsPerYear = 252): number[] {
  checkWindow(n);
  const lr = nans(closes.length);
  for (let i = 1; i < closes.length; i++) {
    const a = at(closes, i - 1);
    const b = at(closes, i);
    lr[i] = a > 0 && b > 0 ? Math.log(b / a) : NaN;
  }
  const scale = Math.sqrt(periodsPerYear);
  return stdev(lr, n, 1).map((s) => s * scale);
}
