/**
 * The bot's own history of daily 30-day constant-maturity at-the-money implied vol, the basis of IV
 * rank and percentile (no provider gives IV history). Stored by src/store/ivhistory.ts.
 *
 * Method: ATM IV of an expiry = mean of the call and put American IVs (solved on clean mids) at the
 * strikes either side of spot, interpolated in strike; the 30-day value interpolates total variance σ²T
 * between the last expiry at most 30 days out (and at least 7, shorter ones are too noisy) and the
 * first beyond 30 days.
 */
import { atIntrinsic, atmIv, constantMaturityIv, type SmilePoint } from '../core/options/index.js';
import { yearsToExpiry } from '../market/expiry.js';
import type { OptionChain } from '../market/index.js';
import type { Services } from '../services.js';
import { putIvPoint, readIvHistory } from '../store/ivhistory.js';
import { riskFreeRate } from './rate.js';
import { impliedVolCached } from './solveCache.js';

const TARGET_DAYS = 30;
const MIN_DAYS = 7;

export { IV_HISTORY_NS, putIvPoint, readIvHistory, type IvPoint } from '../store/ivhistory.js';

export type RecordResult =
  | { stored: true; date: string; iv: number; expiries: [string, string]; days: number }
  | { stored: false; reason: string; date: string; iv?: number; days: number };

/** ATM IV of one expiry's chain from clean two-sided quotes (spread within `maxSpreadPct` of mid). */
export function chainAtmIv(
  chain: OptionChain,
  expiry: string,
  now: Date,
  m: { rate: number; dividendYield: number; maxSpreadPct: number; maxIv: number },
): number {
  const years = yearsToExpiry(expiry, now);
  const spot = chain.spot;
  const contracts = chain.contracts.filter((c) => c.expiry === expiry);
  const strikes = [...new Set(contracts.map((c) => c.strike))].sort((a, b) => a - b);
  const below = strikes.filter((k) => k <= spot).slice(-2);
  const above = strikes.filter((k) => k > spot).slice(0, 2);
  const near = new Set([...below, ...above]);
  const points: SmilePoint[] = [];
  for (const c of contracts) {
    if (!near.has(c.strike) || c.bid === null || c.ask === null || !(c.bid > 0) || !(c.ask >= c.bid)) continue;
    const mid = (c.bid + c.ask) / 2;
    // The quote rule (core/options/quote.ts): clean two-sided mids with time value only.
    if ((c.ask - c.bid) / mid > m.maxSpreadPct || atIntrinsic(c.type, spot, c.strike, mid)) continue;
    const iv = impliedVolCached({ type: c.type, price: mid, spot, strike: c.strike, years, rate: m.rate, dividendYield: m.dividendYield, style: 'american' });
    if (iv > 0 && iv <= m.maxIv) points.push({ type: c.type, strike: c.strike, iv });
  }
  return atmIv(points, spot);
}

/**
 * 30-day constant-maturity ATM IV of `symbol` at `now`; `first` may pass a chain already fetched
 * (any expiry) to save a request.
 */
export async function atmIv30(
  services: Services,
  symbol: string,
  now: Date,
  first?: OptionChain,
): Promise<{ iv: number; expiries: [string, string] } | { reason: string }> {
  const { market, config } = services;
  const chain0 = first ?? (await market.optionChain(symbol));
  const days = (e: string) => yearsToExpiry(e, now) * 365;
  const near = chain0.expiries.filter((e) => days(e) >= MIN_DAYS && days(e) <= TARGET_DAYS).pop();
  const far = chain0.expiries.find((e) => days(e) > TARGET_DAYS);
  if (!near || !far) return { reason: `no expiries either side of ${TARGET_DAYS} days` };
  const dividendYield = await market
    .fundamentals(chain0.symbol)
    .then((f) => f.dividendYield ?? config.options.defaultDividendYield)
    .catch(() => config.options.defaultDividendYield);
  const m = { rate: (await riskFreeRate(services)).rate, dividendYield, maxSpreadPct: config.options.junk.maxSpreadPct, maxIv: config.options.junk.maxIv };
  const chainFor = async (e: string) => (chain0.contracts.some((c) => c.expiry === e) ? chain0 : market.optionChain(symbol, e));
  const v1 = chainAtmIv(await chainFor(near), near, now, m);
  const v2 = chainAtmIv(await chainFor(far), far, now, m);
  const iv = constantMaturityIv(yearsToExpiry(near, now), v1, yearsToExpiry(far, now), v2, TARGET_DAYS / 365);
  return Number.isFinite(iv) ? { iv, expiries: [near, far] } : { reason: 'no clean at-the-money quotes on both expiries' };
}

/**
 * Computes today's 30-day ATM IV of `symbol` and stores it (one point per New York trading day;
 * repeated calls replace the day's value, an intraday call never replaces the close's). The scheduler
 * calls it near the close; /greeks calls it with `source: 'intraday'` so history starts on day one.
 */
export async function recordAtmIv(
  services: Services,
  symbol: string,
  now: Date,
  opts: { source?: 'close' | 'intraday'; chain?: OptionChain } = {},
): Promise<RecordResult> {
  const day = services.calendar.nyDate(now);
  const date = services.calendar.isTradingDay(day) ? day : undefined;
  const before = await readIvHistory(services, symbol);
  if (!date) return { stored: false, reason: 'not a trading day', date: day, days: before.length };
  const r = await atmIv30(services, symbol, now, opts.chain);
  if ('reason' in r) return { stored: false, reason: r.reason, date, days: before.length };
  const iv = Math.round(r.iv * 1e6) / 1e6;
  const source = opts.source ?? 'close';
  // Unchanged since the last reply (the chain is cached): nothing to write, no transaction to take.
  const same = before.find((p) => p.date === date);
  if (same && same.iv === iv && (same.source ?? 'close') === source) return { stored: true, date, iv, expiries: r.expiries, days: before.length };
  const put = await putIvPoint(services, symbol, { date, iv, source });
  return put.stored
    ? { stored: true, date, iv, expiries: r.expiries, days: put.history.length }
    : { stored: false, reason: 'the close value is already stored for today', date, iv, days: put.history.length };
}
