/**
 * A small hand-made market for pipeline tests: every symbol's numbers are chosen, so which stage
 * keeps or drops it is known. Even symbols trend up (close above every SMA, RSI 100), odd ones
 * trend down; chains are priced by an independent Black-Scholes (npm `black-scholes`). Every call
 * is logged in order, so tests can check the pipeline fetches cheapest data first.
 */
import { createRequire } from 'node:module';
import type { Bar, MarketDataProvider, OptionContract, Quote, Stamp, UniverseEntry } from '../../src/market/index.js';
import { MarketDataError } from '../../src/market/index.js';

const require = createRequire(import.meta.url);
const ref = require('black-scholes') as { blackScholes(s: number, k: number, t: number, v: number, r: number, type: 'call' | 'put'): number };

export type CallKind = 'universe' | 'quotes' | 'fundamentals' | 'history' | 'optionChain';

const stamp: Stamp = { source: 'fake market', asOf: '2026-12-01T16:00:00.000Z', delayed: false, stale: false, simulated: true };
export const symbolAt = (i: number): string => `F${String(i).padStart(3, '0')}`;

function bars(i: number): Bar[] {
  const up = i % 2 === 0;
  const out: Bar[] = [];
  for (let d = 0; d < 300; d++) {
    const close = up ? 10 + d * 0.05 : 30 - d * 0.05;
    const day = new Date(Date.UTC(2025, 8, 1) + d * 86_400_000).toISOString().slice(0, 10);
    out.push({ date: day, open: close, high: close + 0.3, low: close - 0.3, close, volume: 300_000 });
  }
  return out;
}

export function fakeMarket(count: number, opts: { noOptions?: (i: number) => boolean; failHistory?: (i: number) => boolean } = {}) {
  const calls: CallKind[] = [];
  const index = (s: string): number => {
    const i = Number(s.slice(1));
    if (!/^F\d{3}$/.test(s) || i >= count) throw new MarketDataError('UNKNOWN_SYMBOL', `unknown ${s}`);
    return i;
  };
  const last = (i: number): number => (bars(i).at(-1) as Bar).close;
  const quote = (i: number): Quote => {
    const price = last(i);
    return {
      symbol: symbolAt(i),
      price,
      previousClose: price,
      change: 0,
      changePercent: 0,
      open: price,
      volume: 300_000 + i * 1000,
      avgVolume: 300_000,
      marketCap: 5e8 + i * 1e6,
      currency: 'USD',
      stamp,
    };
  };
  const provider: MarketDataProvider = {
    id: 'fake',
    async universe(): Promise<UniverseEntry[]> {
      calls.push('universe');
      return Array.from({ length: count }, (_, i) => ({
        symbol: symbolAt(i),
        sector: i % 3 === 0 ? 'Technology' : 'Energy',
        marketCap: 5e8 + i * 1e6,
        price: last(i),
        avgVolume: 300_000,
      }));
    },
    async quotes(symbols) {
      calls.push('quotes');
      return symbols.flatMap((s) => (/^F\d{3}$/.test(s) && Number(s.slice(1)) < count ? [quote(index(s))] : []));
    },
    async fundamentals(s) {
      calls.push('fundamentals');
      const i = index(s);
      return {
        symbol: s,
        sector: i % 3 === 0 ? 'Technology' : 'Energy',
        floatShares: 10e6 + i * 1e6,
        shortPercentFloat: 0.1,
        institutionalOwnership: 0.5,
        revenueGrowth: i % 4 === 0 ? 0.2 : 0.0,
        epsGrowth: 0.1,
        trailingPE: 20,
        dividendYield: 0,
        nextEarnings: '2026-12-10',
        stamp,
      };
    },
    async history(s) {
      calls.push('history');
      if (opts.failHistory?.(index(s))) throw new MarketDataError('UNAVAILABLE', `history of ${s} failed`);
      return { symbol: s, bars: bars(index(s)), stamp };
    },
    async optionChain(s, expiry) {
      calls.push('optionChain');
      const i = index(s);
      if (opts.noOptions?.(i)) throw new MarketDataError('NO_OPTIONS', `${s} has no options`);
      const spot = last(i);
      const expiries = ['2026-12-04', '2026-12-31', '2027-01-15'];
      const e = expiry ?? (expiries[0] as string);
      const years = (Date.parse(`${e}T21:00:00Z`) - Date.parse('2026-12-01T16:00:00Z')) / (365 * 86_400_000);
      const contracts: OptionContract[] = [];
      for (let k = Math.round(spot * 0.8); k <= spot * 1.2; k += 0.5) {
        for (const type of ['call', 'put'] as const) {
          const mid = ref.blackScholes(spot, k, years, 0.45, 0.04, type);
          const half = Math.max(0.01, mid * 0.03);
          contracts.push({
            contractSymbol: `${s}${e}${type[0]}${k}`,
            type,
            strike: k,
            expiry: e,
            bid: Math.max(0, mid - half),
            ask: mid + half,
            last: mid,
            volume: 120,
            openInterest: 900,
          });
        }
      }
      return { symbol: s, spot, expiries, contracts, stamp };
    },
  };
  return { provider, calls };
}
