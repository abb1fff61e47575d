/**
 * Simulated option chains: weekly and monthly expiries out to a year, strikes around spot,
 * prices from a volatility surface with skew, term structure and an earnings bump, priced
 * with the American model (US single-stock options are American), and bid/ask, volume and
 * open interest that thin out away from the money.
 */
import { type AloScheme, americanPriceRaw } from '../../core/options/index.js';
import type { MarketCalendar } from '../calendar.js';
import type { OptionContract } from '../types.js';
import type { Company } from './companies.js';
import { pace } from '../../pace.js';
import { hash, rng } from './rng.js';

const expiryCache = new Map<string, string[]>();
const DAY = 86_400_000;

/**
 * Expiry dates (YYYY-MM-DD) listed on `today`: Fridays, moved to Thursday when Friday is a holiday.
 * Plain UTC day arithmetic (calendar dates need no zone), memoised per day and kind of company.
 */
export function listExpiries(today: string, c: Company, cal: MarketCalendar): string[] {
  const weeklies = c.shares * c.startPrice > 5e8 ? 6 : 0;
  const key = `${today}|${weeklies}`;
  const hit = expiryCache.get(key);
  if (hit) return [...hit];
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const friday = (ms: number) => (cal.isTradingDay(iso(ms)) ? iso(ms) : iso(ms - DAY));
  const firstFriday = (ms: number) => ms + ((5 - new Date(ms).getUTCDay() + 7) % 7) * DAY;
  const start = Date.parse(`${today}T00:00:00Z`);
  const out = new Set<string>();
  const d = firstFriday(start);
  for (let w = 0; w < weeklies; w++) out.add(friday(d + 7 * w * DAY));
  const [year, month] = today.split('-').map(Number) as [number, number];
  for (let m = 0; m <= 12; m++) {
    const first = Date.UTC(year, month - 1 + m, 1);
    const calMonth = new Date(first).getUTCMonth() + 1;
    if (m > 6 && ![1, 3, 6, 9, 12].includes(calMonth)) continue;
    out.add(friday(firstFriday(first) + 14 * DAY));
  }
  const list = [...out].filter((e) => e >= today).sort();
  if (expiryCache.size > 64) expiryCache.clear();
  expiryCache.set(key, list);
  return [...list];
}

export function strikeStep(price: number): number {
  return price < 5 ? 0.5 : price < 25 ? 1 : price < 100 ? 2.5 : 5;
}

export interface ChainInputs {
  company: Company;
  spot: number;
  /** Annualised 20-day realised volatility. */
  realized: number;
  /** Close on the day the expiry was listed, and the lowest and highest close since: strikes stay listed over its whole life. */
  listed: readonly [number, number, number];
  expiry: string;
  years: number;
  /** An earnings date falls before this expiry. */
  earningsBefore: boolean;
  rate: number;
  /** Seed for per-day noise in quotes, volume and open interest. */
  daySeed: number;
  /**
   * Epoch ms of the data's as-of, and of a close a week of sessions back: a contract that traded
   * today printed within the hour before the as-of; one with no volume today last traded back then.
   */
  tradeTimes: { asOf: number; older: number };
}

/** The vol surface: ATM level with term structure and earnings premium, then skew and smile. */
export function surfaceVol(x: { atmShort: number; atmLong: number; years: number; logMoneyness: number; earningsBump: number }): number {
  const { atmShort, atmLong, years, logMoneyness, earningsBump } = x;
  const t = Math.max(years, 1 / 365);
  const atm = Math.sqrt((atmLong + (atmShort - atmLong) * Math.exp(-t / 0.25)) ** 2 + earningsBump / t);
  const z = Math.max(-4, Math.min(4, logMoneyness / (atm * Math.sqrt(t))));
  return Math.max(atm * 0.35, atm * (1 - 0.07 * z + 0.03 * z * z));
}

/**
 * The simulated exchange's theoretical prices: a coarser boundary solve than the analysis uses
 * (ALO_FAST), within 7e-6 of the converged price relative and 2.1e-3 absolute on 2,000 contracts
 * of $5–500 stocks, at 1.7× the speed. The quotes built on it carry spreads of several ticks, and
 * the analysis solves IV from those quotes, never from this price.
 */
const SIM_SCHEME: AloScheme = { nodes: 5, iterations: 2, newton: 2, tolerance: 1e-5, quadrature: 6, pricing: 12 };

/** The chain's contracts; yields to the event loop between strikes (American pricing, ~0.1 ms a contract). */
export async function buildContracts(inp: ChainInputs): Promise<OptionContract[]> {
  const { company: c, spot, expiry, years } = inp;
  const r = rng(hash(`chain:${c.symbol}:${expiry}`, inp.daySeed));
  // Listed strikes never disappear while an expiry trades: the increment is fixed by the price on
  // the listing day, and the grid covers the whole range of closes since then, widened as an
  // exchange lists around spot, by a width that does not shrink as expiry nears.
  const [listedAt, lowClose, highClose] = inp.listed;
  const [low, high] = [Math.min(spot, lowClose), Math.max(spot, highClose)];
  const step = strikeStep(listedAt);
  const lo = Math.max(step, Math.ceil((low * 0.4) / step) * step);
  const hi = Math.floor((high * 1.6) / step) * step;
  const liquidity = Math.min(1.5, Math.max(0.1, Math.log10((c.shares * spot) / 1e8)));
  const atmLong = Math.max(0.2, c.vol * 0.9 + 0.1);
  const atmShort = Math.max(0.15, inp.realized * 1.05);
  // The event's variance: the path's earnings gap is 4 daily σ = 0.25·vol (paths.ts), so an expiry after
  // the report carries that much extra total variance; once it has passed, the bump is gone (the crush).
  const earningsBump = inp.earningsBefore ? (c.vol * 0.25) ** 2 : 0;
  const out: OptionContract[] = [];
  const ymd = expiry.replace(/-/g, '').slice(2);
  for (let k = lo; k <= hi + 1e-9; k += step) {
    await pace();
    const strike = Math.round(k * 100) / 100;
    const logM = Math.log(strike / spot);
    const vol = surfaceVol({ atmShort, atmLong, years, logMoneyness: logM, earningsBump });
    const away = Math.abs(logM) / (vol * Math.sqrt(Math.max(years, 1 / 365)));
    for (const type of ['call', 'put'] as const) {
      const theo = americanPriceRaw(type === 'call', spot, strike, years, inp.rate, c.dividendYield, vol, SIM_SCHEME);
      const tick = theo < 3 ? 0.01 : 0.05;
      const rel = (0.03 + 0.05 * away) / liquidity;
      const half = Math.max(tick, theo * rel * 0.5 + 0.02 / liquidity);
      const bid = theo - half < tick ? 0 : Math.floor((theo - half) / tick) * tick;
      const ask = Math.max(tick, Math.ceil((theo + half) / tick) * tick);
      const oiBase = 4000 * liquidity ** 2 * Math.exp(-0.5 * away * away) * (years < 0.15 ? 1 : 0.6);
      const openInterest = Math.max(0, Math.round(oiBase * Math.exp(0.5 * r.normal())) - (away > 2.5 ? 20 : 0));
      const volume = r.chance(Math.exp(-away)) ? Math.round(openInterest * r.range(0, 0.25)) : 0;
      const last = openInterest + volume === 0 ? null : round2(Math.max(0.01, (bid + ask) / 2 + r.normal() * half * 0.3));
      const symbol = `${c.symbol}${ymd}${type === 'call' ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
      const tradedAt = volume > 0 ? inp.tradeTimes.asOf - (1 + (hash(symbol, inp.daySeed) % 59)) * 60_000 : inp.tradeTimes.older;
      out.push({
        contractSymbol: symbol,
        type,
        strike,
        expiry,
        bid: round2(bid),
        ask: round2(ask),
        last,
        ...(last !== null ? { lastTradeAt: new Date(tradedAt).toISOString() } : {}),
        volume,
        openInterest,
      });
    }
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
