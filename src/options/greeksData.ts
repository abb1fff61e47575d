/**
 * Everything /greeks shows, gathered and computed (the command only renders): the chain for the
 * chosen expiry, per-contract analysis and score (src/core/options), the IV summary — ATM IV of the
 * expiry, the 30-day ATM IV with IV rank and percentile over the bot's own history (recorded here
 * opportunistically), 20-day realized vol, the expected move both as S·σ·√T (1σ, ATM IV) and as the
 * ATM straddle — and the IV smile points (the command draws the chart).
 */
import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';
import {
  expectedMove,
  ivRankPercentile,
  rankByScore,
  realizedVol,
  returnAtExpiry,
  scoreParts,
  weightedScore,
  type ContractAnalysis,
  type OptionType,
  type ScoreParts,
} from '../core/options/index.js';
import { chooseExpiry, hasExpired, yearsToExpiry } from '../market/expiry.js';
import { MarketDataError, type OptionChain, type OptionContract } from '../market/index.js';
import { nyDate } from '../market/calendar.js';
import type { Services } from '../services.js';
import { atmIv30, chainAtmIv, readIvHistory, recordAtmIv, type IvPoint } from './ivHistory.js';
import { earningsView, type EarningsView } from './earnings.js';
import { riskFreeRate, type RateUsed } from './rate.js';
import { latestSession, lastTradeFloor } from './session.js';
import { analyzeCached } from './solveCache.js';
import { closingQuotes } from './closing.js';

export interface GreeksArgs {
  ticker: string;
  expiry?: string;
  strike?: number;
  type?: OptionType;
  all: boolean;
  /** Rank only the long contracts that profit in this direction: calls when bullish, puts when bearish. */
  bias?: Bias;
}

export type Bias = 'bullish' | 'bearish' | 'neutral';
const BIAS_TYPE: Record<Bias, OptionType | undefined> = { bullish: 'call', bearish: 'put', neutral: undefined };

export interface GreeksRow {
  c: OptionContract;
  a: ContractAnalysis;
  parts: ScoreParts;
  score: number;
  rank: number | null;
  /** Return on premium at expiry if the underlying moves 1σ (expected move) in the contract's favour. */
  returnOnTarget: number;
}

export interface IvSummary {
  /** ATM IV of the shown expiry. */
  atmIv: number;
  /** Today's 30-day constant-maturity ATM IV (NaN when it cannot be formed). */
  iv30: number;
  ivRank: number;
  ivPercentile: number;
  /** Stored days of history, and whether there are enough to rank (config.options.ivHistoryMinDays). */
  historyDays: number;
  historyReady: boolean;
  realizedVol: number;
  realizedVolDays: number;
  /** S·σ_ATM·√T, one standard deviation, in currency. */
  expectedMove: number;
  /** Mid of the ATM call plus the ATM put at the strike nearest spot (NaN without both mids). */
  straddle: number;
  straddleStrike: number;
}

export interface GreeksView {
  chain: OptionChain;
  expiry: string;
  years: number;
  rate: number;
  /** Where the rate came from: the 13-week T-bill, or the labelled config fallback. */
  rateSource: RateUsed;
  dividendYield: number;
  rows: GreeksRow[];
  bias: Bias;
  /** Set when live quotes were empty and the reply uses the last session's stored quotes (their session and time). */
  closing?: { session: string; asOf: string };
  /** Next earnings, whether this expiry spans it, and the implied earnings move; absent when the date is unknown. */
  earnings?: EarningsView;
  summary: IvSummary;
  /** Said to the user when the reply differs from what was asked (e.g. a fallback expiry). */
  note?: string;
  /** Solved IVs by strike for the smile chart. */
  smile: { type: 'call' | 'put'; strike: number; iv: number }[];
}

export async function buildGreeks(services: Services, args: GreeksArgs): Promise<GreeksView> {
  const { market, config, clock } = services;
  const opt = config.options;
  const first = await market.optionChain(args.ticker);
  // Prices are as of the data's own time (a delayed quote, the last close, a replayed recording):
  // time to expiry, the default expiry and the IV history date are measured from it, not from now.
  let now = pricedAt(first.stamp.asOf, clock.now());
  if (args.expiry && !first.expiries.includes(args.expiry)) {
    // An expiry that has gone is no longer listed: "has no 2026-12-18 expiry" would tell a holder it never existed.
    if (hasExpired(services.calendar, args.expiry, clock.now())) {
      throw new DomainError('EXPIRED', `${first.symbol}'s ${args.expiry} options have expired; listed now: ${first.expiries.join(', ') || 'none'}.`);
    }
    throw new DomainError('UNKNOWN_EXPIRY', `${first.symbol} has no ${args.expiry} expiry; listed: ${first.expiries.join(', ') || 'none'}.`);
  }
  const preferred = args.expiry ?? chooseExpiry(first.expiries, now, opt.expiryDays);
  if (!preferred) throw new DomainError('NO_OPTIONS', `${first.symbol} has no listed expiries.`);
  const nearest = first.contracts[0]?.expiry;
  let note: string | undefined;
  let expiry = preferred;
  let chain = first;
  if (!first.contracts.some((c) => c.expiry === preferred)) {
    try {
      chain = await market.optionChain(args.ticker, preferred);
    } catch (err) {
      // The default expiry is a preference: when only it cannot be fetched, show the chain in hand.
      const transient = err instanceof MarketDataError && ['UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT'].includes(err.code);
      if (args.expiry || !transient || !nearest) throw err;
      expiry = nearest;
      note = `The ${preferred} chain (the nearest 20–70 days out) could not be fetched (${err.message.replace(/\.$/, '')}); showing the nearest expiry instead.`;
    }
  }
  const closing = await closingQuotes(services, chain, expiry);
  if (closing) {
    chain = { ...closing.chain, expiries: chain.expiries };
    now = pricedAt(closing.savedAt, clock.now());
  }
  if (expiry < nyDate(now)) throw new DomainError('EXPIRED', `${first.symbol} ${expiry} options expired before the data's as-of time (${nyDate(now)}).`);
  const spot = chain.spot;
  const fundamentals = await market.fundamentals(chain.symbol).catch(() => undefined);
  const dividendYield = fundamentals?.dividendYield ?? opt.defaultDividendYield;
  const years = yearsToExpiry(expiry, now);
  const rateUsed = await riskFreeRate(services);
  const rate = rateUsed.rate;
  const contracts = selectContracts(chain, expiry, args, opt.strikeRangePct);
  const m = { spot, years, rate, dividendYield, model: 'american' as const, lastTradeFloor: lastTradeFloor(services.calendar, now) };
  const analysed = contracts.map((c) => ({ c, a: analyzeCached(c, m, opt.junk) }));

  const atm = chainAtmIv(chain, expiry, now, { rate, dividendYield, maxSpreadPct: opt.junk.maxSpreadPct, maxIv: opt.junk.maxIv });
  const move = expectedMove(spot, atm, years);
  const earnings = await earningsView(market, first, expiry, now, fundamentals?.nextEarnings, {
    rate,
    dividendYield,
    maxSpreadPct: opt.junk.maxSpreadPct,
    maxIv: opt.junk.maxIv,
  });
  const [straddle, straddleStrike] = atmStraddle(chain, expiry, spot);
  const rv = await realized(services, chain.symbol, now, opt.realizedVolDays);
  const hist = await ivHistory(services, chain.symbol, now, first);
  const lookback = hist.points.slice(-opt.ivLookbackDays);
  const historyReady = lookback.length >= opt.ivHistoryMinDays;
  // Today's value; failing that, the one stored for the latest session (e.g. its close), never an older one.
  const last = lookback[lookback.length - 1];
  const current = Number.isFinite(hist.iv30) ? hist.iv30 : last && last.date >= latestSession(services.calendar, now) ? last.iv : NaN;
  const rp = historyReady
    ? ivRankPercentile(
        lookback.map((p) => p.iv),
        current,
      )
    : { rank: NaN, percentile: NaN };

  const scored = analysed.map(({ c, a }) => {
    const parts = scoreParts(a, { realizedVol: rv, ivRank: rp.rank });
    const target = c.type === 'call' ? spot + move : spot - move;
    return { c, a, parts, score: weightedScore(parts, opt.weights, a.junk), returnOnTarget: returnAtExpiry(c.type, c.strike, a.premium, target) };
  });
  const direction = BIAS_TYPE[args.bias ?? 'neutral'];
  const ranks = rankByScore(scored.map((r) => (direction && r.c.type !== direction ? NaN : r.score)));
  const rows = scored
    .map((r, i) => ({ ...r, rank: ranks[i] ?? null }))
    .filter((r) => args.all || args.strike !== undefined || r.a.junk.length === 0 || Number.isFinite(r.a.iv));
  const smile = analysed.filter(({ a }) => a.junk.length === 0 || Number.isFinite(a.iv)).map(({ c, a }) => ({ type: c.type, strike: c.strike, iv: a.iv }));
  return {
    chain,
    expiry,
    note,
    years,
    rate,
    rateSource: rateUsed,
    dividendYield,
    rows,
    bias: args.bias ?? 'neutral',
    ...(closing ? { closing: { session: closing.session, asOf: closing.savedAt } } : {}),
    ...(earnings ? { earnings } : {}),
    summary: {
      atmIv: atm,
      iv30: current,
      ivRank: rp.rank,
      ivPercentile: rp.percentile,
      historyDays: lookback.length,
      historyReady,
      realizedVol: rv,
      realizedVolDays: opt.realizedVolDays,
      expectedMove: move,
      straddle,
      straddleStrike,
    },
    smile,
  };
}

function selectContracts(chain: OptionChain, expiry: string, args: GreeksArgs, range: number): OptionContract[] {
  const all = chain.contracts.filter((c) => c.expiry === expiry || !c.expiry);
  let out = all.filter((c) => (args.type ? c.type === args.type : true));
  if (args.strike !== undefined) {
    const k = args.strike;
    out = out.filter((c) => Math.abs(c.strike - k) < 1e-6);
    if (!out.length) {
      const strikes = [...new Set(all.map((c) => c.strike))].sort((a, b) => a - b);
      const near = [...strikes]
        .sort((a, b) => Math.abs(a - k) - Math.abs(b - k))
        .slice(0, 8)
        .sort((a, b) => a - b);
      throw new DomainError(
        'UNKNOWN_STRIKE',
        `${chain.symbol} ${expiry} has no ${k} strike; nearest listed: ${near.join(', ')} (${strikes.length} strikes from ${strikes[0]} to ${strikes[strikes.length - 1]}).`,
      );
    }
  } else if (!args.all) {
    out = out.filter((c) => Math.abs(c.strike / chain.spot - 1) <= range);
  }
  return out.sort((a, b) => a.strike - b.strike || a.type.localeCompare(b.type));
}

function atmStraddle(chain: OptionChain, expiry: string, spot: number): [number, number] {
  const list = chain.contracts.filter((c) => c.expiry === expiry || !c.expiry);
  const strikes = [...new Set(list.map((c) => c.strike))];
  if (!strikes.length) return [NaN, NaN];
  const k = strikes.reduce((b, s) => (Math.abs(s - spot) < Math.abs(b - spot) ? s : b));
  const mid = (type: OptionType) => {
    const c = list.find((x) => x.type === type && x.strike === k);
    return c && c.bid !== null && c.ask !== null && c.bid > 0 && c.ask >= c.bid ? (c.bid + c.ask) / 2 : NaN;
  };
  return [mid('call') + mid('put'), k];
}

async function realized(services: Services, symbol: string, now: Date, days: number): Promise<number> {
  const from = DateTime.fromJSDate(now, { zone: 'America/New_York' })
    .minus({ days: Math.ceil(days * 1.6) + 10 })
    .toISODate() as string;
  try {
    const bars = await services.market.history(symbol, { from });
    return realizedVol(
      bars.bars.map((b) => b.close),
      days,
    );
  } catch {
    return NaN;
  }
}

/** Records today's 30-day ATM IV when it can (intraday; never over the close's), then reads the history. */
async function ivHistory(services: Services, symbol: string, now: Date, first: OptionChain): Promise<{ points: IvPoint[]; iv30: number }> {
  let iv30 = NaN;
  try {
    const r = await recordAtmIv(services, symbol, now, { source: 'intraday', chain: first });
    if (r.iv !== undefined) iv30 = r.iv;
    else if (!r.stored && r.reason === 'not a trading day') {
      const live = await atmIv30(services, symbol, now, first);
      if ('iv' in live) iv30 = live.iv;
    }
  } catch (err) {
    services.logger.debug({ err, symbol }, 'IV history not recorded');
  }
  return { points: await readIvHistory(services, symbol), iv30 };
}

/** The instant prices were observed: the stamp's as-of when it is valid and not in the future, else now. */
export function pricedAt(asOf: string, now: Date): Date {
  const t = Date.parse(asOf);
  return Number.isFinite(t) && t < now.getTime() ? new Date(t) : now;
}
