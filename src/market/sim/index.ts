/**
 * The simulated market: an offline provider behind the same interface as Yahoo, deterministic
 * for a given seed and date. Every stamp says `simulated`, and every reply shows "simulated data".
 */
import { createCalendar, type MarketCalendar } from '../calendar.js';
import type { Clock } from '../../clock.js';
import {
  MarketDataError,
  type Bars,
  type Fundamentals,
  type MarketDataProvider,
  type OptionChain,
  type Quote,
  type Stamp,
  type UniverseEntry,
} from '../types.js';
import { SECTOR_NAMES, universeOf, type Company } from './companies.js';
import { buildContracts, listExpiries } from './chain.js';
import { datesThrough, intradayPrice, moment, type MarketMoment } from './day.js';
import { intradayHigh, intradayLow, isoPlusDays, listing, quoteBasis, realizedVol, round, type QuoteBasis } from './basis.js';
import { companyPath, factorReturns, recentPath, type Path } from './paths.js';
import { hash } from './rng.js';
import { continuousToTbillDiscount } from '../../core/options/index.js';
import { pace } from '../../pace.js';

export interface SimOptions {
  seed: number;
  symbols: number;
  clock: Clock;
  /** Sessions of the simulated market; NYSE rules by default. */
  calendar?: MarketCalendar;
  /** Rate used to price the simulated chains. */
  rate?: number;
}

export const SIM_SOURCE = 'simulated market';

export function createSimProvider(opts: SimOptions): MarketDataProvider & { companies(limit?: number): readonly Company[] } {
  const cal = opts.calendar ?? createCalendar();
  // Drawn as far as asked: a start-up that quotes a few names does not build all 5,000.
  const universe = universeOf(opts.seed, opts.symbols);
  const factors = new Map<string, Float64Array>();
  const paths = new Map<string, Path>();
  const bases = new Map<string, QuoteBasis>();
  const rate = opts.rate ?? 0.04;

  const factor = (name: string, days: number): Float64Array => {
    let f = factors.get(name);
    if (!f || f.length < days) {
      const size = Math.max(days + 400, 1500);
      f = name === 'market' ? factorReturns(opts.seed, name, size, 0.011, 0.0003) : factorReturns(opts.seed, name, size, 0.007, 0);
      factors.set(name, f);
    }
    return f;
  };
  const company = (symbol: string): Company => {
    const c = universe.find(symbol.trim().toUpperCase());
    if (!c)
      throw new MarketDataError('UNKNOWN_SYMBOL', `No simulated company has the ticker "${symbol.slice(0, 12)}"; /scan lists some that exist.`, SIM_SOURCE);
    return c;
  };
  const pathOf = (c: Company, m: MarketMoment): Path => {
    const key = c.symbol;
    const hit = paths.get(key);
    if (hit && hit.dates.length === m.dates.length && hit.dates[hit.dates.length - 1] === m.dates[m.dates.length - 1]) {
      paths.delete(key); // most recently used last
      paths.set(key, hit);
      return hit;
    }
    const p = companyPathUncached(c, m);
    if (paths.size >= PATH_CACHE) paths.delete(paths.keys().next().value as string);
    paths.set(key, p);
    return p;
  };
  /** What a quote needs from the path, kept per symbol so that the universe listing keeps no paths. */
  const basisOf = (c: Company, m: MarketMoment): QuoteBasis => {
    const live = m.sessionFraction !== undefined;
    const key = `${m.dates.length}|${m.dates[m.dates.length - 1]}|${m.lastComplete}|${live}`;
    const hit = bases.get(c.symbol);
    if (hit?.key === key) return hit;
    const b = quoteBasis(key, paths.has(c.symbol) ? pathOf(c, m) : companyPathUncached(c, m), m, live);
    bases.set(c.symbol, b);
    return b;
  };
  const companyPathUncached = (c: Company, m: MarketMoment): Path => {
    const n = m.dates.length;
    return recentPath(opts.seed, c, m.dates, () =>
      companyPath(opts.seed, c, m.dates, factor('market', n), factor(`sector:${SECTOR_NAMES.indexOf(c.sector)}`, n)),
    );
  };
  const stamp = (m: MarketMoment): Stamp => ({
    source: SIM_SOURCE,
    asOf: (m.sessionFraction === undefined ? m.lastCloseAt : m.now).toISOString(),
    delayed: false,
    stale: false,
    simulated: true,
  });
  const now = () => moment(opts.clock.now(), cal);

  const quoteOf = (c: Company, m: MarketMoment): Quote => {
    const b = basisOf(c, m);
    const live = m.sessionFraction !== undefined;
    const bar = b.bar;
    const f = m.sessionFraction ?? 1;
    const price = live ? intradayPrice(c.symbol, b.date, bar, f) : bar.close;
    const prev = b.prev;
    return {
      symbol: c.symbol,
      name: c.name,
      price: round(price),
      previousClose: round(prev),
      change: round(price - prev),
      changePercent: ((price - prev) / prev) * 100,
      open: round(bar.open),
      dayHigh: round(live ? Math.max(bar.open, price, intradayHigh(c, b.date, bar, f)) : bar.high),
      dayLow: round(live ? Math.min(bar.open, price, intradayLow(c, b.date, bar, f)) : bar.low),
      volume: Math.round(b.volume * Math.pow(f, 0.8)),
      avgVolume: b.avgVolume,
      marketCap: Math.round(price * c.shares),
      fiftyTwoWeekHigh: round(Math.max(b.high52, price)),
      fiftyTwoWeekLow: round(Math.min(b.low52, price)),
      currency: 'USD',
      exchange: c.exchange,
      stamp: stamp(m),
    };
  };

  return {
    id: 'sim',
    companies: (limit = opts.symbols) => universe.take(limit),
    async quotes(symbols) {
      const m = now();
      const out: Quote[] = [];
      for (const s of symbols) {
        const c = universe.find(s.trim().toUpperCase());
        if (c) out.push(quoteOf(c, m));
        // The simulated 13-week bill quotes the discount rate its chains are priced at.
        else if (s === '^IRX')
          out.push({
            symbol: s,
            name: '13 Week Treasury Bill (simulated)',
            price: continuousToTbillDiscount(rate),
            change: 0,
            changePercent: 0,
            currency: 'USD',
            stamp: stamp(m),
          });
        await pace();
      }
      return out;
    },
    async history(symbol, req): Promise<Bars> {
      // Every call may build a path or a chain (a few ms each): a scan's awaited chain of them
      // would never let a timer in without these yields.
      await pace();
      const c = company(symbol);
      const m = now();
      const p = pathOf(c, m);
      const to = req.to ?? m.today;
      const bars = [];
      for (let i = 0; i <= m.lastComplete; i++) {
        const d = p.dates[i] as string;
        if (d < req.from || d > to) continue;
        bars.push({
          date: d,
          open: round(p.open[i] as number),
          high: round(p.high[i] as number),
          low: round(p.low[i] as number),
          close: round(p.close[i] as number),
          volume: p.volume[i] as number,
        });
      }
      return { symbol: c.symbol, bars, stamp: { ...stamp(m), asOf: m.lastCloseAt.toISOString() } };
    },
    async optionChain(symbol, expiry): Promise<OptionChain> {
      await pace();
      const c = company(symbol);
      if (!c.hasOptions) throw new MarketDataError('NO_OPTIONS', `${c.symbol} has no listed options.`, SIM_SOURCE);
      const m = now();
      const q = quoteOf(c, m);
      const expiries = listExpiries(m.today, c, cal).filter((e) => e > m.today || (e === m.today && m.sessionFraction !== undefined));
      const chosen = expiry ?? expiries[0];
      if (!chosen || !expiries.includes(chosen)) {
        throw new MarketDataError(
          'UNKNOWN_EXPIRY',
          `${c.symbol} has no ${expiry} expiry; it has ${expiries.slice(0, 8).join(', ')}${expiries.length > 8 ? ', …' : ''}.`,
          SIM_SOURCE,
        );
      }
      const closeAt = cal.session(chosen)?.close.toMillis() ?? Date.parse(`${chosen}T21:00:00Z`);
      const years = Math.max(1 / (365 * 24), (closeAt - m.now.getTime()) / (365 * 86_400_000));
      const p = pathOf(c, m);
      const nextEarn = nextEarnings(c, m);
      const contracts = await buildContracts({
        company: c,
        spot: q.price,
        // Past earnings gaps are not priced into the ordinary vol: after the report the bump is crushed.
        realized: realizedVol(p.close, m.lastComplete, 20, p.earnings),
        listed: listing(p, chosen),
        expiry: chosen,
        years,
        earningsBefore: !!nextEarn && nextEarn <= chosen,
        rate,
        daySeed: hash(m.today, opts.seed),
        tradeTimes: { asOf: Date.parse(stamp(m).asOf), older: closeOf(m.dates[Math.max(0, m.lastComplete - 5)]) },
      });
      return { symbol: c.symbol, spot: q.price, expiries, contracts, stamp: stamp(m) };
    },
    async fundamentals(symbol): Promise<Fundamentals> {
      await pace();
      const c = company(symbol);
      const m = now();
      const q = quoteOf(c, m);
      return {
        symbol: c.symbol,
        name: c.name,
        sector: c.sector,
        industry: c.industry,
        marketCap: q.marketCap,
        sharesOutstanding: Math.round(c.shares),
        floatShares: Math.round(c.floatShares),
        shortPercentFloat: c.shortPercentFloat,
        institutionalOwnership: c.institutionalOwnership,
        revenueGrowth: c.revenueGrowth,
        epsGrowth: c.epsGrowth,
        trailingPE: c.pe === undefined ? undefined : Math.max(3, c.pe * (q.price / c.startPrice) ** 0.5),
        beta: c.beta,
        dividendYield: c.dividendYield,
        nextEarnings: nextEarnings(c, m),
        stamp: { ...stamp(m), asOf: m.lastCloseAt.toISOString() },
      };
    },
    async universe(): Promise<UniverseEntry[]> {
      const m = now();
      const out: UniverseEntry[] = [];
      for (const c of universe.take(opts.symbols)) {
        const q = quoteOf(c, m);
        out.push({ symbol: c.symbol, name: c.name, sector: c.sector, marketCap: q.marketCap, price: q.price, avgVolume: q.avgVolume, exchange: c.exchange });
        await pace(); // a cold listing generates 5,000 paths (~2 s of CPU): other users' commands go in between
      }
      return out;
    },
  };

  function closeOf(date: string | undefined): number {
    return (date && cal.session(date)?.close.toMillis()) || 0;
  }

  function nextEarnings(c: Company, m: MarketMoment): string | undefined {
    const idx = m.dates.length - 1;
    let ahead = (c.earningsOffset - (idx % 63) + 63) % 63;
    // Today is an earnings day exactly when idx % 63 === earningsOffset (see companyPath), i.e. ahead === 0.
    if (ahead === 0 && m.sessionFraction === undefined) ahead = 63;
    const last = m.dates[idx] as string;
    const future = datesThrough(cal, isoPlusDays(last, 100));
    return future[idx + ahead];
  }
}

/**
 * Paths kept for history, chains and quotes of recently asked symbols (~40 kB each). The listing of
 * the whole universe keeps only each symbol's quote basis, so a 5,000-symbol scan does not hold
 * 5,000 paths (~190 MB).
 */
const PATH_CACHE = 600;
