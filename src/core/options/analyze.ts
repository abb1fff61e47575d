/**
 * Per-contract analysis behind /greeks: mid, our own implied vol (never the provider's figure),
 * Greeks by the model that matters (American for US single-stock options), moneyness, liquidity.
 * Pure: numbers in, numbers out. Display units: theta per calendar day, vega and rho per 1 point.
 */
import { americanGreeks, blackScholes, impliedVol } from './index.js';

export interface ContractQuote {
  type: 'call' | 'put';
  strike: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  volume: number | null;
  openInterest: number | null;
}

export interface AnalysisInput {
  spot: number;
  years: number;
  rate: number;
  dividendYield: number;
  model: 'european' | 'american';
}

export interface JunkRules {
  maxSpreadPct: number;
  minOpenInterest: number;
  minVolume: number;
  maxIv: number;
}

export interface ContractAnalysis {
  /** Price the IV was solved from, and whether it is the two-sided mid or the last trade. */
  price: number;
  priceBasis: 'mid' | 'last' | 'none';
  /** Spread as a fraction of mid; NaN without a two-sided market. */
  spreadPct: number;
  /** ln(K/S). */
  logMoneyness: number;
  moneyness: 'ITM' | 'ATM' | 'OTM';
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
  /** 0–1: volume, open interest and spread combined. */
  liquidity: number;
  /** Why the quote is not fit for ranking; empty when it is. */
  junk: string[];
}

export function analyzeContract(q: ContractQuote, inp: AnalysisInput, junk: JunkRules): ContractAnalysis {
  const twoSided = (q.bid ?? 0) > 0 && (q.ask ?? 0) > 0 && (q.ask as number) >= (q.bid as number);
  const mid = twoSided ? ((q.bid as number) + (q.ask as number)) / 2 : NaN;
  const price = twoSided ? mid : (q.last ?? 0) > 0 ? (q.last as number) : NaN;
  const priceBasis = twoSided ? 'mid' : Number.isFinite(price) ? 'last' : 'none';
  const spreadPct = twoSided ? ((q.ask as number) - (q.bid as number)) / mid : NaN;
  const base = { type: q.type, spot: inp.spot, strike: q.strike, years: inp.years, rate: inp.rate, dividendYield: inp.dividendYield };
  const iv = Number.isFinite(price) ? impliedVol({ ...base, price, style: inp.model }) : NaN;
  const g = Number.isFinite(iv)
    ? inp.model === 'american'
      ? americanGreeks({ ...base, vol: iv })
      : blackScholes({ ...base, vol: iv })
    : { delta: NaN, gamma: NaN, vega: NaN, theta: NaN, rho: NaN };
  const logMoneyness = Math.log(q.strike / inp.spot);
  const itm = q.type === 'call' ? q.strike < inp.spot : q.strike > inp.spot;
  const moneyness = Math.abs(logMoneyness) < 0.02 ? 'ATM' : itm ? 'ITM' : 'OTM';
  const reasons: string[] = [];
  if (!twoSided) reasons.push((q.bid ?? 0) <= 0 ? 'no bid' : 'no ask');
  if (twoSided && spreadPct > junk.maxSpreadPct) reasons.push(`spread ${(spreadPct * 100).toFixed(0)}% of mid`);
  if ((q.openInterest ?? 0) < junk.minOpenInterest) reasons.push(`open interest ${q.openInterest ?? 0}`);
  if ((q.volume ?? 0) < junk.minVolume) reasons.push(`volume ${q.volume ?? 0}`);
  if (Number.isFinite(iv) && iv > junk.maxIv) reasons.push(`IV ${(iv * 100).toFixed(0)}%`);
  if (!Number.isFinite(iv)) reasons.push('no implied vol');
  return {
    price,
    priceBasis,
    spreadPct,
    logMoneyness,
    moneyness,
    iv,
    delta: g.delta,
    gamma: g.gamma,
    vega: g.vega,
    theta: g.theta,
    rho: g.rho,
    thetaPerDay: g.theta / 365,
    vegaPerPoint: g.vega / 100,
    rhoPerPoint: g.rho / 100,
    liquidity: liquidityScore(q.volume ?? 0, q.openInterest ?? 0, spreadPct),
    junk: reasons,
  };
}

/** 0–1. Log-scaled volume and open interest, penalised by the spread (a 0 % spread costs nothing, 50 % halves it). */
export function liquidityScore(volume: number, openInterest: number, spreadPct: number): number {
  const vol = Math.min(1, Math.log10(1 + volume) / 3);
  const oi = Math.min(1, Math.log10(1 + openInterest) / 4);
  const spread = Number.isFinite(spreadPct) ? 1 / (1 + 2 * spreadPct) : 0;
  return (0.35 * vol + 0.65 * oi) * spread;
}
