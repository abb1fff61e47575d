/**
 * Which price an option's numbers may be built on — one rule for /greeks, scan ideas, portfolio
 * marks, VaR repricing and IV history. Pure: the caller passes the earliest acceptable trade time.
 *
 * 1. The mid of a two-sided quote (bid > 0, ask ≥ bid).
 * 2. Otherwise the last trade, only when its time is known and falls in the current or previous
 *    session (`lastTradeFloor` = that previous session's open, epoch ms). An older or undated trade
 *    prices nothing: a four-month-old print gives a made-up IV.
 * 3. Otherwise no price, with the reason.
 *
 * A price within one tick of intrinsic value carries no time value: every σ from 0 up reproduces it
 * (to the tick), so the IV — and the Greeks and probability built on it — is undetermined.
 */
import type { OptionType } from './types.js';

export interface QuoteInput {
  type: OptionType;
  strike: number;
  bid: number | null;
  ask: number | null;
  last: number | null;
  /** ISO instant of the last trade, when the provider gives it. */
  lastTradeAt?: string | undefined;
}

export type PriceBasis = 'mid' | 'last' | 'none';

export interface QuotePrice {
  price: number;
  basis: PriceBasis;
  /** Set when basis is 'last'. */
  lastTradeAt?: string;
  /** Why there is no price, when basis is 'none'. */
  reason?: string;
}

/** US option minimum tick: $0.01 under $3, $0.05 from $3 (penny-pilot classes). */
export function optionTick(price: number): number {
  return price < 3 ? 0.01 : 0.05;
}

export function quotePrice(q: QuoteInput, lastTradeFloor: number | undefined): QuotePrice {
  const bid = q.bid ?? 0,
    ask = q.ask ?? 0;
  if (bid > 0 && ask > 0 && ask >= bid) return { price: (bid + ask) / 2, basis: 'mid' };
  if (!((q.last ?? 0) > 0)) return { price: NaN, basis: 'none', reason: 'no two-sided quote and no last trade' };
  const at = q.lastTradeAt ? Date.parse(q.lastTradeAt) : NaN;
  if (!Number.isFinite(at)) return { price: NaN, basis: 'none', reason: 'no two-sided quote; last trade undated' };
  if (lastTradeFloor === undefined || at < lastTradeFloor) {
    return { price: NaN, basis: 'none', reason: `no two-sided quote; last trade ${(q.lastTradeAt as string).slice(0, 10)} is older than the previous session` };
  }
  return { price: q.last as number, basis: 'last', lastTradeAt: q.lastTradeAt as string };
}

/** max(S − K, 0) for a call, max(K − S, 0) for a put. */
export function intrinsicValue(type: OptionType, spot: number, strike: number): number {
  return Math.max(type === 'call' ? spot - strike : strike - spot, 0);
}

/** True when `price` is within one tick of intrinsic (or below it): no time value, IV undetermined. */
export function atIntrinsic(type: OptionType, spot: number, strike: number, price: number): boolean {
  const intrinsic = intrinsicValue(type, spot, strike);
  return price - intrinsic <= optionTick(price) + 1e-9;
}
