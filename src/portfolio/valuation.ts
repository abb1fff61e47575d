/**
 * Marks every open position through the market gateway: stocks at their quote, options at the
 * chain's mid (last trade when there is no two-sided quote), with our own American implied vol.
 * Nothing is invented: a mark or IV that cannot be had is NaN and shown as "n/a".
 */
import { DateTime } from 'luxon';
import { atIntrinsic, impliedVol, quotePrice } from '../core/options/index.js';
import { dollarGreeks, positionLabel, type DollarGreeks, type OptionHolding, type Position } from '../core/portfolio/index.js';
import { yearsToExpiry } from '../market/expiry.js';
import type { OptionChain, Quote, Stamp } from '../market/types.js';
import { pricedAt } from '../options/greeksData.js';
import { riskFreeRate, type RateUsed } from '../options/rate.js';
import { lastTradeFloor } from '../options/session.js';
import type { Services } from '../services.js';

export interface ValuedPosition {
  position: Position;
  label: string;
  /** Per share (option premium per share); NaN when unknown. */
  mark: number;
  markBasis: 'quote' | 'mid' | 'last' | 'expired (intrinsic)' | 'n/a';
  spot: number;
  previousClose?: number;
  sector?: string;
  dividendYield: number;
  /** Option only. */
  years?: number;
  iv?: number;
  bid?: number | null;
  ask?: number | null;
  openInterest?: number | null;
  greeks?: DollarGreeks;
  stamp?: Stamp;
}

/** The trading day a valuation at `now` belongs to: today once the session opened, else the last session. */
export function tradingDayOf(services: Services, now: Date): string {
  const cal = services.calendar;
  const today = cal.nyDate(now);
  const session = cal.session(today);
  return session && now.getTime() >= session.open.toMillis() ? today : cal.previousTradingDay(today);
}

/**
 * The rate /greeks uses (the day's 13-week T-bill, or the labelled config rate), read only when an
 * option needs it: null for a book of stocks alone, whose value no rate changes.
 */
export async function bookRate(services: Services, positions: readonly Position[]): Promise<RateUsed | null> {
  return positions.some((p) => p.option) ? riskFreeRate(services) : null;
}

/** `used`: the rate already read for these positions (bookRate), so a reply prints the one its marks used. */
export async function valuePositions(services: Services, positions: readonly Position[], used?: RateUsed | null): Promise<ValuedPosition[]> {
  const { market, config, clock } = services;
  const now = clock.now();
  const rate = (used === undefined ? await bookRate(services, positions) : used)?.rate ?? config.options.riskFreeRate;
  const symbols = [...new Set(positions.map((p) => p.symbol))];
  // A failed quote leaves that position unpriced (n/a, with the reason in the reply); the provider logs its failure.
  const quotes = new Map<string, Quote>((await market.quotes(symbols).catch(() => [] as Quote[])).map((q) => [q.symbol, q]));
  const dividends = new Map<string, { q: number; sector?: string }>();
  await Promise.all(
    symbols.map(async (s) => {
      const f = await market.fundamentals(s).catch(() => undefined);
      dividends.set(s, { q: f?.dividendYield ?? config.options.defaultDividendYield, ...(f?.sector ? { sector: f.sector } : {}) });
    }),
  );
  const chains = new Map<string, Promise<OptionChain | undefined>>();
  const chainOf = (symbol: string, expiry: string) => {
    const key = `${symbol}|${expiry}`;
    if (!chains.has(key))
      chains.set(
        key,
        market.optionChain(symbol, expiry).catch(() => undefined),
      );
    return chains.get(key) as Promise<OptionChain | undefined>;
  };
  const today = services.calendar.nyDate(now);
  const settlements = new Map<string, Promise<number>>();
  const settlementOf = (symbol: string, expiry: string) => {
    const key = `${symbol}|${expiry}`;
    if (!settlements.has(key)) settlements.set(key, settlementSpot(services, symbol, expiry));
    return settlements.get(key) as Promise<number>;
  };
  return Promise.all(
    positions.map(async (p): Promise<ValuedPosition> => {
      const q = quotes.get(p.symbol);
      const info = dividends.get(p.symbol) ?? { q: config.options.defaultDividendYield };
      const base = {
        position: p,
        label: positionLabel(p),
        spot: q?.price ?? NaN,
        ...(q?.previousClose !== undefined ? { previousClose: q.previousClose } : {}),
        ...((info.sector ?? p.sector) ? { sector: info.sector ?? p.sector } : {}),
        dividendYield: info.q,
        ...(q ? { stamp: q.stamp } : {}),
      };
      if (!p.option) return { ...base, mark: q?.price ?? NaN, markBasis: q ? 'quote' : 'n/a' };
      const o = p.option;
      if (o.expiry < today) {
        // Settled on the underlying's close of the expiry day, not on today's price.
        const settle = await settlementOf(p.symbol, o.expiry);
        const intrinsic = Math.max(o.type === 'call' ? settle - o.strike : o.strike - settle, 0);
        return { ...base, mark: intrinsic, markBasis: Number.isFinite(intrinsic) ? 'expired (intrinsic)' : 'n/a', years: 0 };
      }
      const chain = await chainOf(p.symbol, o.expiry);
      const c = chain?.contracts.find((x) => x.type === o.type && Math.abs(x.strike - o.strike) < 1e-6);
      const spot = chain?.spot ?? base.spot;
      // Time to expiry from when the quote was made (a delayed quote, the last close before the open),
      // as /greeks does: the IV and Greeks must describe the price they were solved from.
      const at = chain ? pricedAt(chain.stamp.asOf, now) : now;
      const years = yearsToExpiry(o.expiry, at);
      // The quote rule of /greeks (core/options/quote.ts): two-sided mid, else a last trade from this or
      // the previous session; a mark at intrinsic is a fair value but determines no IV.
      const quoted = c ? quotePrice(c, lastTradeFloor(services.calendar, at)) : undefined;
      const mark = quoted?.price ?? NaN;
      const markBasis: ValuedPosition['markBasis'] = quoted && quoted.basis !== 'none' ? quoted.basis : 'n/a';
      const iv =
        Number.isFinite(mark) && !atIntrinsic(o.type, spot, o.strike, mark)
          ? impliedVol({ type: o.type, price: mark, spot, strike: o.strike, years, rate, dividendYield: info.q, style: 'american' })
          : NaN;
      const out: ValuedPosition = { ...base, spot, mark, markBasis, years, iv, ...(chain ? { stamp: chain.stamp } : {}) };
      if (c) Object.assign(out, { bid: c.bid, ask: c.ask, openInterest: c.openInterest });
      if (Number.isFinite(iv)) out.greeks = dollarGreeks(optionHolding(out, iv, rate));
      return out;
    }),
  ).then((list) =>
    list.map((v) =>
      v.position.option || !Number.isFinite(v.spot)
        ? v
        : { ...v, greeks: dollarGreeks({ kind: 'stock', underlying: 0, units: signedUnits(v.position), spot: v.spot }) },
    ),
  );
}

/**
 * The underlying's close on an option's expiry day (the last session on or before it, when the
 * expiry fell on a closure): what an expired option settles on. NaN when the history cannot be had.
 */
export async function settlementSpot(services: Services, symbol: string, expiry: string): Promise<number> {
  const from = DateTime.fromISO(expiry).minus({ days: 10 }).toISODate() as string;
  try {
    const bars = await services.market.history(symbol, { from, to: expiry });
    const last = bars.bars.filter((b) => b.date <= expiry).pop();
    return last && last.close > 0 ? last.close : NaN;
  } catch {
    return NaN;
  }
}

export const signedUnits = (p: Position): number => (p.side === 'long' ? 1 : -1) * p.quantity * p.multiplier;

/** The option holding of a valued option position at volatility `vol` (implied, or a labelled stand-in). */
export function optionHolding(v: ValuedPosition, vol: number, rate: number, underlying = 0): OptionHolding {
  const o = v.position.option;
  if (!o) throw new Error(`${v.label} is not an option`);
  return {
    kind: 'option',
    underlying,
    units: signedUnits(v.position),
    spot: v.spot,
    type: o.type,
    strike: o.strike,
    years: v.years ?? 0,
    rate,
    dividendYield: v.dividendYield,
    vol,
  };
}
