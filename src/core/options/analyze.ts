/**
 * Per-contract analysis behind /greeks and scan ideas, pure: our own implied vol from the price the
 * quote rule allows (quote.ts: two-sided mid, else a last trade from the current or previous session;
 * never the provider's figure), Greeks by the model that matters (American for US single-stock
 * options), moneyness, time value and theta decay, liquidity, junk flags, breakeven and probability
 * of profit = N(d2) at the breakeven (risk-neutral, at the contract's own IV). A price within a tick
 * of intrinsic has no IV, Greeks or POP (n/a, "at intrinsic"). Breakeven and POP are a buyer's: at
 * the ask (the last trade when there is no ask). Scoring and ranking are in score.ts.
 * Display units: theta per calendar day, vega and rho per 1 point.
 */
import { americanGreeks } from './american-greeks.js';
import { blackScholes, probabilityAbove } from './black-scholes.js';
import { impliedVol } from './implied-vol.js';
import { atIntrinsic, intrinsicValue, optionTick, quotePrice, type PriceBasis, type QuoteInput } from './quote.js';
import type { OptionType } from './types.js';

export interface ContractQuote extends QuoteInput {
  volume: number | null;
  openInterest: number | null;
}

export interface AnalysisInput {
  spot: number;
  years: number;
  rate: number;
  dividendYield: number;
  model: 'european' | 'american';
  /** Earliest acceptable last-trade instant (epoch ms): the previous session's open. Without it no last trade is used. */
  lastTradeFloor?: number | undefined;
}

export interface JunkRules {
  maxSpreadPct: number;
  minOpenInterest: number;
  minVolume: number;
  maxIv: number;
}

export interface ContractAnalysis {
  /** Price the IV was solved from, and whether it is the two-sided mid or a recent last trade. */
  price: number;
  priceBasis: PriceBasis;
  /** Time of the last trade the price came from (priceBasis 'last'). */
  lastTradeAt?: string;
  /** Why IV, Greeks and POP are n/a, when they are (no usable price, at intrinsic, no solution). */
  naReason?: string;
  /** What a buyer pays, which breakeven and POP use: the ask, else the last trade; NaN without either. */
  premium: number;
  premiumBasis: 'ask' | 'last' | 'none';
  /** Spread as a fraction of mid; NaN without a two-sided market. */
  spreadPct: number;
  /** ln(K/S), and K/S − 1. */
  logMoneyness: number;
  strikePct: number;
  moneyness: 'ITM' | 'ATM' | 'OTM';
  /** max(S − K, 0) for a call, max(K − S, 0) for a put; time value = price − intrinsic. */
  intrinsic: number;
  timeValue: number;
  iv: number;
  /** Raw model Greeks (vega per 1.00 vol, theta per year, rho per 1.00 rate). */
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  /** Display units. */
  thetaPerDay: number;
  vegaPerPoint: number;
  rhoPerPoint: number;
  /** Theta per calendar day as a fraction of the premium (negative: the share lost per day). */
  thetaPctOfPremium: number;
  /** Underlying price at expiry where a long position bought at `premium` breaks even: K + premium (call), K − premium (put). */
  breakeven: number;
  /** Risk-neutral probability the long position finishes beyond its breakeven: N(d2) at the breakeven. */
  probabilityOfProfit: number;
  /** 0–1: volume, open interest and spread combined. */
  liquidity: number;
  /** Why the quote is not fit for ranking; empty when it is. */
  junk: string[];
}

const NAN_G = { delta: NaN, gamma: NaN, vega: NaN, theta: NaN, rho: NaN };

export function analyzeContract(q: ContractQuote, inp: AnalysisInput, junk: JunkRules): ContractAnalysis {
  const { spot, years, rate, dividendYield } = inp;
  const bid = q.bid ?? 0,
    ask = q.ask ?? 0;
  const quoted = quotePrice(q, inp.lastTradeFloor);
  const { price } = quoted;
  const twoSided = quoted.basis === 'mid';
  const spreadPct = twoSided ? (ask - bid) / price : NaN;
  const call = q.type === 'call';
  const intrinsic = intrinsicValue(q.type, spot, q.strike);
  const noTimeValue = Number.isFinite(price) && atIntrinsic(q.type, spot, q.strike, price);
  const base = { type: q.type, spot, strike: q.strike, years, rate, dividendYield };
  const iv = Number.isFinite(price) && !noTimeValue ? impliedVol({ ...base, price, style: inp.model }) : NaN;
  const g = Number.isFinite(iv) ? (inp.model === 'american' ? americanGreeks({ ...base, vol: iv }) : blackScholes({ ...base, vol: iv })) : NAN_G;
  const naReason = quoted.reason ?? (noTimeValue ? atIntrinsicReason(price, intrinsic) : !Number.isFinite(iv) ? 'no implied vol' : undefined);
  const logMoneyness = Math.log(q.strike / spot);
  const moneyness = Math.abs(logMoneyness) < 0.02 ? 'ATM' : intrinsic > 0 ? 'ITM' : 'OTM';
  const thetaPerDay = g.theta / 365;
  const premiumBasis = ask > 0 ? 'ask' : quoted.basis === 'last' ? 'last' : 'none';
  const premium = premiumBasis === 'ask' ? ask : premiumBasis === 'last' ? price : NaN;
  const breakeven = call ? q.strike + premium : q.strike - premium;
  const reasons: string[] = [];
  if (bid <= 0) reasons.push('no bid');
  if (ask <= 0) reasons.push('no ask');
  if (twoSided && spreadPct > junk.maxSpreadPct) reasons.push(`spread ${(spreadPct * 100).toFixed(0)}% of mid`);
  if ((q.openInterest ?? 0) < junk.minOpenInterest) reasons.push(`open interest ${q.openInterest ?? 0}`);
  if ((q.volume ?? 0) < junk.minVolume) reasons.push(`volume ${q.volume ?? 0}`);
  if (Number.isFinite(iv) && iv > junk.maxIv) reasons.push(`IV ${(iv * 100).toFixed(0)}%`);
  if (naReason) reasons.push(naReason);
  return {
    price,
    priceBasis: quoted.basis,
    ...(quoted.lastTradeAt ? { lastTradeAt: quoted.lastTradeAt } : {}),
    ...(naReason ? { naReason } : {}),
    premium,
    premiumBasis,
    spreadPct,
    logMoneyness,
    strikePct: q.strike / spot - 1,
    moneyness,
    intrinsic,
    timeValue: price - intrinsic,
    iv,
    delta: g.delta,
    gamma: g.gamma,
    vega: g.vega,
    theta: g.theta,
    rho: g.rho,
    thetaPerDay,
    vegaPerPoint: g.vega / 100,
    rhoPerPoint: g.rho / 100,
    thetaPctOfPremium: price > 0 ? thetaPerDay / price : NaN,
    breakeven,
    probabilityOfProfit: probabilityOfProfit(q.type, breakeven, { spot, years, rate, dividendYield, vol: iv }),
    liquidity: liquidityScore(q.volume ?? 0, q.openInterest ?? 0, spreadPct),
    junk: reasons,
  };
}

function atIntrinsicReason(price: number, intrinsic: number): string {
  if (intrinsic <= 0) return 'price within a tick of zero';
  return price < intrinsic - optionTick(price) - 1e-9 ? 'below intrinsic' : 'at intrinsic';
}

/**
 * P(S_T beyond the breakeven) under the risk-neutral lognormal at `vol`: N(d2) at the breakeven for a
 * long call (P(S_T > K + premium)), 1 − N(d2) = N(−d2) for a long put (P(S_T < K − premium)).
 */
export function probabilityOfProfit(
  type: OptionType,
  breakeven: number,
  m: { spot: number; years: number; rate: number; dividendYield: number; vol: number },
): number {
  if (!Number.isFinite(breakeven) || !(m.vol > 0)) return NaN;
  if (breakeven <= 0) return type === 'call' ? 1 : 0;
  const above = probabilityAbove({ ...m, level: breakeven });
  return type === 'call' ? above : 1 - above;
}

/** Return on the premium of a long contract held to expiry if the underlying ends at `target`. */
export function returnAtExpiry(type: OptionType, strike: number, premium: number, target: number): number {
  if (!(premium > 0) || !Number.isFinite(target)) return NaN;
  const payoff = Math.max(type === 'call' ? target - strike : strike - target, 0);
  return payoff / premium - 1;
}

/** 0–1. Log-scaled volume and open interest, penalised by the spread (a 0 % spread costs nothing, 50 % halves it). */
export function liquidityScore(volume: number, openInterest: number, spreadPct: number): number {
  const vol = Math.min(1, Math.log10(1 + Math.max(0, volume)) / 3);
  const oi = Math.min(1, Math.log10(1 + Math.max(0, openInterest)) / 4);
  const spread = Number.isFinite(spreadPct) ? 1 / (1 + 2 * spreadPct) : 0;
  return (0.35 * vol + 0.65 * oi) * spread;
}
