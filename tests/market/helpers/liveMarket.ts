/**
 * A deterministic synthetic market for the live-shaped fakes: thousands of listed stocks with a
 * cap, sector, price, volumes and fundamentals, daily bars ending at today's price, and option
 * chains priced with Black-Scholes around a per-symbol volatility. Same seed, same market.
 */
import { blackScholes } from '../../../src/core/options/index.js';
import { mulberry32 } from '../../../src/core/random.js';

export interface Stock {
  symbol: string;
  name: string;
  sector: string;
  price: number;
  previousClose: number;
  marketCap: number;
  avgVolume: number;
  /** Today's volume so far. */
  volume: number;
  /** Annual volatility used for bars and option prices. */
  vol: number;
  revenueGrowth: number;
  earningsGrowth: number;
  trailingPE: number;
  institutions: number;
  floatShares: number;
  optionable: boolean;
}

const SECTORS = [
  'Technology',
  'Health Care',
  'Industrials',
  'Finance',
  'Consumer Discretionary',
  'Energy',
  'Real Estate',
  'Utilities',
  'Basic Materials',
  'Telecommunications',
];

/** The project's seeded generator (src/core/random.ts). */
export const rng = (seed: number): (() => number) => mulberry32(seed);

const hash = (s: string): number => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/** The i-th ticker: four letters, never a real-looking one-letter symbol. */
const ticker = (i: number): string => {
  let s = '';
  let n = i + 26 ** 3;
  while (n > 0) {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
};

export function makeMarket(count = 3_200, seed = 42): Stock[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const symbol = ticker(i);
    // Caps log-uniform from $20M to $50B; price log-uniform $3–$300 (sub-$3 chains have too few strikes for a fillable idea, as in the real market).
    const marketCap = Math.round(Math.exp(Math.log(2e7) + r() * (Math.log(5e10) - Math.log(2e7))));
    const price = Math.round(Math.exp(Math.log(3) + r() * (Math.log(300) - Math.log(3))) * 100) / 100;
    const avgVolume = Math.round(Math.exp(Math.log(2e4) + r() * (Math.log(8e6) - Math.log(2e4))));
    const change = (r() - 0.45) * 0.12;
    return {
      symbol,
      name: `${symbol} Holdings Inc.`,
      sector: SECTORS[Math.floor(r() * SECTORS.length)] as string,
      price,
      previousClose: Math.round((price / (1 + change)) * 100) / 100,
      marketCap,
      avgVolume,
      volume: Math.round(avgVolume * (0.2 + r() * 1.5)),
      vol: 0.35 + r() * 0.6,
      // Most pass the default growth, P/E and ownership filters, so small budgets still find picks.
      revenueGrowth: -0.05 + r() * 0.6,
      earningsGrowth: -0.02 + r() * 0.5,
      trailingPE: 4 + r() * 50,
      institutions: 0.06 + r() * 0.8,
      floatShares: Math.round((marketCap / price) * (0.5 + r() * 0.4)),
      optionable: r() < 0.9,
    };
  });
}

export interface DailyBar {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Weekday closes for `days` sessions ending the day before `today` (epoch ms, 16:00 New York ≈ 21:00 UTC). */
export function dailyBars(s: Stock, today: Date, days = 300): DailyBar[] {
  const r = rng(hash(s.symbol));
  const dates: number[] = [];
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  while (dates.length < days) {
    d.setUTCDate(d.getUTCDate() - 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) dates.unshift(d.getTime() + 14.5 * 3_600_000);
  }
  // Walk backwards from yesterday's close with a gentle drift up, so trends exist.
  const sigma = s.vol / Math.sqrt(252);
  const closes: number[] = [s.previousClose];
  for (let i = 1; i < days; i++) {
    const z = (r() + r() + r() - 1.5) * 2;
    closes.unshift((closes[0] as number) / Math.exp(0.0008 + sigma * z));
  }
  return dates.map((t, i) => {
    const close = closes[i] as number;
    const open = close * (1 + (r() - 0.5) * sigma);
    return {
      t,
      open,
      high: Math.max(open, close) * (1 + r() * sigma),
      low: Math.min(open, close) * (1 - r() * sigma),
      close,
      volume: Math.round(s.avgVolume * (0.5 + r())),
    };
  });
}

/** Fridays: the next six weeklies and third-Friday monthlies out to six months, at 00:00 UTC (Yahoo's stamp). */
export function expiries(today: Date): number[] {
  const out = new Set<number>();
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  for (let i = 1; i <= 190; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    // Fridays only; Christmas and New Year's Day are exchange holidays (those expiries move to Thursday).
    if (d.getUTCDay() !== 5) continue;
    if ((d.getUTCMonth() === 11 && d.getUTCDate() === 25) || (d.getUTCMonth() === 0 && d.getUTCDate() === 1)) continue;
    const third = d.getUTCDate() >= 15 && d.getUTCDate() <= 21;
    if (i <= 42 || third) out.add(d.getTime());
  }
  return [...out].sort((a, b) => a - b);
}

export interface Contract {
  contractSymbol: string;
  strike: number;
  bid: number;
  ask: number;
  lastPrice: number;
  volume: number;
  openInterest: number;
  impliedVolatility: number;
  expiration: number;
  inTheMoney: boolean;
}

/** Calls and puts of one expiry, ±40 % of spot, quoted a few percent around the model price. */
export function chainFor(s: Stock, expiry: number, now: Date, type: 'call' | 'put'): Contract[] {
  const r = rng(hash(`${s.symbol}:${expiry}:${type}`));
  const years = Math.max(1, (expiry - now.getTime()) / 86_400_000 + 0.7) / 365;
  const step = s.price < 5 ? 0.5 : s.price < 25 ? 1 : s.price < 100 ? 2.5 : 5;
  const strikes: number[] = [];
  for (let k = Math.max(step, Math.floor((s.price * 0.6) / step) * step); k <= s.price * 1.4; k += step) strikes.push(Math.round(k * 100) / 100);
  const ymd = new Date(expiry).toISOString().slice(2, 10).replace(/-/g, '');
  return strikes.flatMap((strike) => {
    const iv = s.vol * (1 + 0.15 * Math.abs(Math.log(strike / s.price)));
    const fair = blackScholes({ type, spot: s.price, strike, years, rate: 0.04, dividendYield: 0, vol: iv }).price;
    if (fair < 0.03) return [];
    const half = Math.max(0.01, fair * (0.02 + r() * 0.04));
    const bid = Math.round((fair - half) * 100) / 100;
    const ask = Math.round((fair + half) * 100) / 100;
    return [
      {
        contractSymbol: `${s.symbol}${ymd}${type === 'call' ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`,
        strike,
        bid: Math.max(0.01, bid),
        ask,
        lastPrice: Math.round(fair * 100) / 100,
        volume: Math.round(20 + r() * 800),
        openInterest: Math.round(100 + r() * 5_000),
        impliedVolatility: iv,
        expiration: expiry / 1000,
        inTheMoney: type === 'call' ? strike < s.price : strike > s.price,
      },
    ];
  });
}
