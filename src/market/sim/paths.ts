/**
 * Daily price paths of the simulated market. A small-cap market factor and sector factors
 * drive every stock (so correlations and beta are real), plus each stock's own trend shifts,
 * volatility regimes, gaps, earnings jumps and volume spikes. Paths start at a fixed epoch and
 * are generated forward day by day, so a past day never changes as the clock moves on.
 */
import type { Company } from './companies.js';
import { hash, rng, type Rng } from './rng.js';

export const EPOCH = '2023-01-03';

export interface Path {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Indices of earnings days. */
  earnings: number[];
}

interface Regime {
  r: Rng;
  volatile: boolean;
  step(): number;
}

function regime(r: Rng, toVolatile: number, toCalm: number, multiplier: number): Regime {
  const state: Regime = {
    r,
    volatile: false,
    step() {
      state.volatile = state.volatile ? !r.chance(toCalm) : r.chance(toVolatile);
      return state.volatile ? multiplier : 1;
    },
  };
  return state;
}

/** Daily log-returns of a factor (the market or a sector) for `days` trading days. */
export function factorReturns(seed: number, name: string, days: number, dailyVol: number, drift: number): Float64Array {
  const r = rng(hash(`factor:${name}`, seed));
  const reg = regime(r, 0.01, 0.05, 2.2);
  const out = new Float64Array(days);
  for (let i = 0; i < days; i++) out[i] = drift + dailyVol * reg.step() * r.normal();
  return out;
}

export function companyPath(seed: number, c: Company, dates: string[], market: Float64Array, sector: Float64Array): Path {
  const n = dates.length;
  const r = rng(hash(`path:${c.symbol}`, seed));
  const reg = regime(r, 0.015, 0.06, 1.9);
  const daily = c.vol / Math.sqrt(252);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const earnings: number[] = [];
  const avgShares = c.floatShares * c.turnover;
  let prev = c.startPrice;
  let drift = c.drift / 252;
  let trendLeft = r.int(20, 90);
  for (let i = 0; i < n; i++) {
    if (--trendLeft <= 0) {
      // A new trend: occasionally a strong one, which is where breakouts come from.
      drift = (c.drift + r.normal() * (r.chance(0.15) ? 1.2 : 0.45)) / 252;
      trendLeft = r.int(20, 90);
    }
    const mult = reg.step();
    const isEarnings = i % 63 === c.earningsOffset;
    if (isEarnings) earnings.push(i);
    let gap = 0;
    if (isEarnings) gap = r.normal() * daily * 4;
    else if (r.chance(0.008)) gap = r.normal() * daily * 3.5;
    const intraday = drift + c.beta * (market[i] ?? 0) + c.sectorBeta * (sector[i] ?? 0) + daily * mult * r.normal();
    const o = prev * Math.exp(gap + daily * 0.15 * r.normal());
    const cl = Math.max(0.05, prev * Math.exp(gap + intraday));
    const range = daily * mult * 0.6;
    open[i] = o;
    close[i] = cl;
    high[i] = Math.max(o, cl) * Math.exp(Math.abs(r.normal()) * range);
    low[i] = Math.min(o, cl) * Math.exp(-Math.abs(r.normal()) * range);
    const surprise = Math.abs(Math.log(cl / prev)) / (daily || 1e-9);
    volume[i] = Math.round(avgShares * Math.exp(0.35 * r.normal()) * (1 + 0.5 * surprise) * (isEarnings ? 3 : 1) * (mult > 1 ? 1.4 : 1));
    prev = cl;
  }
  return { dates, open, high, low, close, volume, earnings };
}

/** How many recently computed paths the process keeps for any simulator (~40 kB each). */
const RECENT_PATHS = 32;
const recent = new Map<string, Path>();

/**
 * A company's path through `dates`, shared by every simulator of the process with this seed: the
 * demo's look-ahead simulator and the market's, or a quote then the history of the same name, compute
 * it once. Only a hit on the very same trading-day list counts (simulators on different calendars
 * never share); a 5,000-symbol listing passes through and the cache stays at its 32 paths.
 */
export function recentPath(seed: number, c: Company, dates: string[], make: () => Path): Path {
  const key = `${seed}|${c.symbol}|${dates.length}`;
  const hit = recent.get(key);
  if (hit?.dates === dates) {
    recent.delete(key); // most recently used last
    recent.set(key, hit);
    return hit;
  }
  const p = make();
  recent.delete(key);
  if (recent.size >= RECENT_PATHS) recent.delete(recent.keys().next().value as string);
  recent.set(key, p);
  return p;
}
