/**
 * The portfolio model. Prices are per share: a stock's price, or an option's premium per share
 * (one contract = `multiplier` shares, 100 for US equity options). Quantities are positive; the
 * side says long or short. Dates are New York calendar days, `YYYY-MM-DD`.
 */
export type Side = 'long' | 'short';
import type { OptionType } from '../options/types.js';

/** The option right, as everywhere: core/options' OptionType. */
export type OptionRight = OptionType;

export interface OptionSpec {
  type: OptionRight;
  strike: number;
  /** Expiration day, `YYYY-MM-DD`. */
  expiry: string;
}

/** Who a book belongs to: a platform user id, or SHARED for the tenant's shared portfolio. */
export const SHARED = 'shared';

export interface Position {
  /** Tenant-unique id such as `P7`. */
  id: string;
  owner: string;
  /** The underlying ticker (the stock itself for a stock position). */
  symbol: string;
  option?: OptionSpec;
  side: Side;
  /** Open quantity: shares, or contracts for an option. Always > 0 while open. */
  quantity: number;
  /** 1 for stock, 100 for a standard option contract. */
  multiplier: number;
  entryPrice: number;
  entryDate: string;
  /** Stop and target in the position's own price (share price, or option premium). */
  stopLoss: number;
  profitTarget: number;
  notes?: string;
  sector?: string;
  /** Implied vol when opened (options), for the IV-spike rule; absent when it could not be solved. */
  entryIv?: number;
  /** Who added it (differs from owner for the shared book). */
  addedBy: string;
  addedAt: string;
}

/** One closing fill: a closed (part of a) position, in the trade journal. */
export interface Trade {
  positionId: string;
  owner: string;
  symbol: string;
  label: string;
  side: Side;
  quantity: number;
  multiplier: number;
  entryPrice: number;
  exitPrice: number;
  entryDate: string;
  exitDate: string;
  /** Realized P&L in currency. */
  pnl: number;
  /** P&L as a fraction of the capital committed at entry. */
  returnPct: number;
  closedBy: string;
}

/** Everything one tenant keeps: every book's open positions and the journal, one id counter. */
export interface TenantPortfolios {
  version: 1;
  nextId: number;
  positions: Position[];
  journal: Trade[];
}

export const emptyTenant = (): TenantPortfolios => ({ version: 1, nextId: 1, positions: [], journal: [] });

/** One day's end-of-day picture of a book, for daily P&L and the equity curve. */
export interface EquitySnapshot {
  date: string;
  equity: number;
  /** Mark per open position id (per share), for the next day's daily P&L of options. */
  marks: Record<string, number>;
}

/** `ABCD`, or `ABCD 2026-12-18 25 call`. */
export function positionLabel(p: Pick<Position, 'symbol' | 'option'>): string {
  return p.option ? `${p.symbol} ${p.option.expiry} ${p.option.strike} ${p.option.type}` : p.symbol;
}

/** +1 long, −1 short. */
export const sign = (side: Side): 1 | -1 => (side === 'long' ? 1 : -1);
