/**
 * Sense checks on a new position, before anything is written: levels on the right side of the
 * entry, an entry price near the market unless confirmed, whole option contracts, a position size
 * a person could hold. Each failure is a DomainError with its own code and one sentence.
 */
import { DomainError } from '../errors.js';
import type { Side } from '../core/portfolio/index.js';

/** Largest position value accepted, in dollars (quantity × price × multiplier). */
export const MAX_NOTIONAL = 1_000_000_000;
/** An entry price further than this fraction from the market needs confirm=true. */
export const FAR_FROM_MARKET = 0.5;

export interface SenseInput {
  side: Side;
  quantity: number;
  entryPrice: number;
  /** The market's price for the same instrument (stock price or option mid); NaN when unknown. */
  mark: number;
  /** The entry was typed by the user (not taken from the market). */
  priceGiven: boolean;
  isOption: boolean;
  multiplier: number;
  stopLoss?: number;
  profitTarget?: number;
  confirm?: boolean;
}

const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;

export function checkSense(p: SenseInput): void {
  if (p.isOption && !Number.isInteger(p.quantity)) {
    throw new DomainError('BAD_QUANTITY', `Options trade in whole contracts; ${p.quantity} is not a whole number.`);
  }
  const notional = p.quantity * p.entryPrice * p.multiplier;
  if (!(notional <= MAX_NOTIONAL)) {
    throw new DomainError(
      'TOO_LARGE',
      `That position would be worth ${usd(notional)}, over the $${MAX_NOTIONAL.toLocaleString('en-US')} limit; check the quantity and price.`,
    );
  }
  const long = p.side === 'long';
  if (p.stopLoss !== undefined && (long ? p.stopLoss >= p.entryPrice : p.stopLoss <= p.entryPrice)) {
    throw new DomainError(
      'STOP_WRONG_SIDE',
      `A ${p.side}'s stop must be ${long ? 'below' : 'above'} its entry: stop ${usd(p.stopLoss)}, entry ${usd(p.entryPrice)}.`,
    );
  }
  if (p.profitTarget !== undefined && (long ? p.profitTarget <= p.entryPrice : p.profitTarget >= p.entryPrice)) {
    throw new DomainError(
      'TARGET_WRONG_SIDE',
      `A ${p.side}'s target must be ${long ? 'above' : 'below'} its entry: target ${usd(p.profitTarget)}, entry ${usd(p.entryPrice)}.`,
    );
  }
  if (p.priceGiven && !p.confirm && p.mark > 0 && Number.isFinite(p.mark) && Math.abs(p.entryPrice / p.mark - 1) > FAR_FROM_MARKET) {
    const away = p.entryPrice / p.mark - 1;
    throw new DomainError(
      'PRICE_FAR_FROM_MARKET',
      `Entry ${usd(p.entryPrice)} is ${Math.round(Math.abs(away) * 100).toLocaleString('en-US')}% ${away > 0 ? 'above' : 'below'} the market price ${usd(p.mark)}; check it, or add confirm=true to record it anyway.`,
    );
  }
}
