/**
 * The daily IV snapshot near the close: 30-day constant-maturity at-the-money implied
 * volatility per symbol, appended to `ivhistory` (key: symbol, value: [{ date, iv }] ascending)
 * for IV rank and percentile. Method: ATM IV of an expiry is the mean of the call and put IVs
 * (American model, solved on the mid) at the strikes either side of spot, interpolated
 * linearly in strike; the 30-day value interpolates the two expiries around 30 days in total
 * variance (σ²T), then σ = √(w/T30). No bracketing expiries or no clean quotes → no value stored.
 */
import { impliedVol } from '../../core/options/index.js';
import { yearsToExpiry } from '../../market/expiry.js';
import type { OptionChain, OptionContract } from '../../market/index.js';
import type { Services } from '../../services.js';

export interface IvPoint {
  date: string;
  iv: number;
}

export const IV_NS = 'ivhistory';
const T30 = 30 / 365;
const MIN_DAYS = 7;
const KEEP = 600;

export interface AtmInputs {
  rate: number;
  dividendYield: number;
  maxSpreadPct: number;
  maxIv: number;
}

/** ATM IV of one expiry's chain, or NaN when no clean quote brackets the spot. */
export function atmIv(chain: OptionChain, expiry: string, now: Date, inp: AtmInputs): number {
  const years = yearsToExpiry(expiry, now);
  const spot = chain.spot;
  const ivOf = (c: OptionContract): number => {
    if (c.bid === null || c.ask === null || !(c.bid > 0) || !(c.ask >= c.bid)) return NaN;
    const mid = (c.bid + c.ask) / 2;
    if ((c.ask - c.bid) / mid > inp.maxSpreadPct) return NaN;
    const iv = impliedVol({ type: c.type, price: mid, spot, strike: c.strike, years, rate: inp.rate, dividendYield: inp.dividendYield, style: 'american' });
    return Number.isFinite(iv) && iv > 0 && iv <= inp.maxIv ? iv : NaN;
  };
  const byStrike = new Map<number, number[]>();
  for (const c of chain.contracts) {
    if (c.expiry !== expiry) continue;
    const iv = ivOf(c);
    if (Number.isFinite(iv)) byStrike.set(c.strike, [...(byStrike.get(c.strike) ?? []), iv]);
  }
  const strikes = [...byStrike.keys()].sort((a, b) => a - b);
  const mean = (k: number) => {
    const v = byStrike.get(k) ?? [];
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const below = strikes.filter((k) => k <= spot).pop();
  const above = strikes.find((k) => k >= spot);
  if (below === undefined || above === undefined) return NaN;
  if (above === below) return mean(below);
  return mean(below) + ((mean(above) - mean(below)) * (spot - below)) / (above - below);
}

/** 30-day constant-maturity ATM IV of a symbol, or a reason it has none today. */
export async function constantMaturityIv(services: Services, symbol: string, now: Date): Promise<{ iv: number; expiries: [string, string] } | { reason: string }> {
  const { market, config } = services;
  const first = await market.optionChain(symbol);
  const days = (e: string) => yearsToExpiry(e, now) * 365;
  const near = first.expiries.filter((e) => days(e) >= MIN_DAYS && days(e) <= 30).pop();
  const far = first.expiries.find((e) => days(e) > 30);
  if (!near || !far) return { reason: 'no expiries either side of 30 days' };
  const fundamentals = await market.fundamentals(symbol).catch(() => undefined);
  const inp: AtmInputs = {
    rate: config.options.riskFreeRate,
    dividendYield: fundamentals?.dividendYield ?? config.options.defaultDividendYield,
    maxSpreadPct: config.options.junk.maxSpreadPct,
    maxIv: config.options.junk.maxIv,
  };
  const chainFor = async (e: string) => (first.contracts.some((c) => c.expiry === e) ? first : market.optionChain(symbol, e));
  const [t1, t2] = [yearsToExpiry(near, now), yearsToExpiry(far, now)];
  const [v1, v2] = [atmIv(await chainFor(near), near, now, inp), atmIv(await chainFor(far), far, now, inp)];
  if (!Number.isFinite(v1) || !Number.isFinite(v2)) return { reason: 'no clean at-the-money quotes' };
  const w = v1 * v1 * t1 + ((v2 * v2 * t2 - v1 * v1 * t1) * (T30 - t1)) / (t2 - t1);
  if (!(w > 0)) return { reason: 'total variance not positive' };
  return { iv: Math.sqrt(w / T30), expiries: [near, far] };
}

/** Appends (or replaces) today's point in a symbol's history; writers are serialised per symbol. */
export async function recordIv(services: Services, symbol: string, point: IvPoint): Promise<IvPoint[]> {
  const { store } = services;
  return store.withLock(`${IV_NS}:${symbol}`, async () => {
    const kv = store.ns<IvPoint[]>(IV_NS);
    const history = ((await kv.get(symbol)) ?? []).filter((p) => p.date !== point.date);
    const next = [...history, point].sort((a, b) => a.date.localeCompare(b.date)).slice(-KEEP);
    await kv.set(symbol, next);
    return next;
  });
}

export async function snapshotIv(services: Services, symbols: readonly string[], date: string): Promise<{ stored: string[]; skipped: { symbol: string; reason: string }[] }> {
  const stored: string[] = [];
  const skipped: { symbol: string; reason: string }[] = [];
  for (const symbol of symbols) {
    try {
      const r = await constantMaturityIv(services, symbol, services.clock.now());
      if ('reason' in r) skipped.push({ symbol, reason: r.reason });
      else {
        await recordIv(services, symbol, { date, iv: Math.round(r.iv * 1e6) / 1e6 });
        stored.push(symbol);
      }
    } catch (err) {
      skipped.push({ symbol, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { stored, skipped };
}
