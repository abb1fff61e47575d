/**
 * Pure book-keeping over a tenant's portfolios: open, close (whole or part), find. Every function
 * returns a new document and never mutates its input, so a failed command changes nothing.
 */
import { positionLabel, sign, type OptionSpec, type Position, type Side, type TenantPortfolios, type Trade } from './types.js';

export type BookErrorCode = 'NOT_FOUND' | 'NOT_YOURS' | 'OVER_CLOSE' | 'AMBIGUOUS' | 'BAD_QUANTITY' | 'BAD_PRICE';

/** A user error in book-keeping; the command layer turns it into a CommandError with the same code. */
export class BookError extends Error {
  constructor(
    readonly code: BookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BookError';
  }
}

export interface NewPosition {
  owner: string;
  symbol: string;
  option?: OptionSpec;
  side: Side;
  quantity: number;
  entryPrice: number;
  entryDate: string;
  stopLoss?: number;
  profitTarget?: number;
  notes?: string;
  sector?: string;
  entryIv?: number;
  addedBy: string;
  addedAt: string;
}

/**
 * Default stop and target from the entry price: a long is stopped `stopLossPct` below entry and
 * targeted `profitTargetPct` above it; a short the other way round. For options the same fractions
 * apply to the premium.
 */
export function defaultLevels(side: Side, entry: number, stopLossPct: number, profitTargetPct: number): { stopLoss: number; profitTarget: number } {
  const s = sign(side);
  return { stopLoss: round4(entry * (1 - s * stopLossPct)), profitTarget: round4(Math.max(0, entry * (1 + s * profitTargetPct))) };
}

/**
 * `optionStopPct` / `optionTargetPct` (when given) are the option defaults as a share of the premium,
 * consistent with /size, which counts the premium as the option's risk.
 */
export function openPosition(
  doc: TenantPortfolios,
  input: NewPosition,
  defaults: { stopLossPct: number; profitTargetPct: number; optionStopPct?: number; optionTargetPct?: number },
): { doc: TenantPortfolios; position: Position } {
  if (!(input.quantity > 0) || !Number.isFinite(input.quantity)) throw new BookError('BAD_QUANTITY', 'Quantity must be a positive number.');
  if (!(input.entryPrice > 0) || !Number.isFinite(input.entryPrice)) throw new BookError('BAD_PRICE', 'Entry price must be a positive number.');
  const levels = input.option
    ? defaultLevels(input.side, input.entryPrice, defaults.optionStopPct ?? defaults.stopLossPct, defaults.optionTargetPct ?? defaults.profitTargetPct)
    : defaultLevels(input.side, input.entryPrice, defaults.stopLossPct, defaults.profitTargetPct);
  const position: Position = {
    id: `P${doc.nextId}`,
    owner: input.owner,
    symbol: input.symbol,
    ...(input.option ? { option: { ...input.option } } : {}),
    side: input.side,
    quantity: input.quantity,
    multiplier: input.option ? 100 : 1,
    entryPrice: input.entryPrice,
    entryDate: input.entryDate,
    stopLoss: input.stopLoss ?? levels.stopLoss,
    profitTarget: input.profitTarget ?? levels.profitTarget,
    ...(input.notes ? { notes: input.notes } : {}),
    ...(input.sector ? { sector: input.sector } : {}),
    ...(input.entryIv !== undefined && Number.isFinite(input.entryIv) ? { entryIv: input.entryIv } : {}),
    addedBy: input.addedBy,
    addedAt: input.addedAt,
  };
  return { doc: { ...doc, nextId: doc.nextId + 1, positions: [...doc.positions, position] }, position };
}

/**
 * Finds an open position of `owner` by id (`P7`, case-insensitive) or by label/ticker when that is
 * unique. Another book's id is NOT_YOURS (the position exists but the caller may not touch it).
 */
export function findPosition(doc: TenantPortfolios, owner: string, ref: string): Position {
  const key = ref.trim().toUpperCase();
  if (/^P\d+$/.test(key)) {
    const p = doc.positions.find((x) => x.id === key);
    if (!p) throw new BookError('NOT_FOUND', `There is no open position ${key}; /portfolio list shows your ids.`);
    if (p.owner !== owner) throw new BookError('NOT_YOURS', `Position ${key} is not in ${owner === 'shared' ? 'the shared portfolio' : 'your portfolio'}.`);
    return p;
  }
  const mine = doc.positions.filter((x) => x.owner === owner && (x.symbol === key || positionLabel(x).toUpperCase() === key));
  if (mine.length === 1) return mine[0] as Position;
  if (mine.length > 1)
    throw new BookError('AMBIGUOUS', `You hold ${mine.length} positions in ${key} (${mine.map((m) => m.id).join(', ')}); name one by its id.`);
  throw new BookError('NOT_FOUND', `You hold no open position in ${key}; /portfolio list shows your positions.`);
}

/**
 * Closes `quantity` (default all) of position `id` at `exitPrice`, adding a Trade to the journal;
 * a partial close keeps the rest open. Closing more than is held is OVER_CLOSE.
 */
export function closePosition(
  doc: TenantPortfolios,
  id: string,
  exit: { quantity?: number; price: number; date: string; by: string },
): { doc: TenantPortfolios; trade: Trade; remaining: number } {
  const p = doc.positions.find((x) => x.id === id);
  if (!p) throw new BookError('NOT_FOUND', `There is no open position ${id}.`);
  const qty = exit.quantity ?? p.quantity;
  if (!(qty > 0) || !Number.isFinite(qty)) throw new BookError('BAD_QUANTITY', 'Quantity to close must be a positive number.');
  if (qty > p.quantity + 1e-9) throw new BookError('OVER_CLOSE', `${p.id} holds ${p.quantity}; you cannot close ${qty}.`);
  if (!(exit.price >= 0) || !Number.isFinite(exit.price)) throw new BookError('BAD_PRICE', 'Exit price must be zero or more.');
  const trade = tradeOf(p, qty, exit.price, exit.date, exit.by);
  const remaining = round4(p.quantity - qty);
  const positions = remaining > 0 ? doc.positions.map((x) => (x.id === id ? { ...x, quantity: remaining } : x)) : doc.positions.filter((x) => x.id !== id);
  return { doc: { ...doc, positions, journal: [...doc.journal, trade] }, trade, remaining };
}

export function tradeOf(p: Position, quantity: number, exitPrice: number, exitDate: string, by: string): Trade {
  const pnl = sign(p.side) * (exitPrice - p.entryPrice) * quantity * p.multiplier;
  return {
    positionId: p.id,
    owner: p.owner,
    symbol: p.symbol,
    label: positionLabel(p),
    side: p.side,
    quantity,
    multiplier: p.multiplier,
    entryPrice: p.entryPrice,
    exitPrice,
    entryDate: p.entryDate,
    exitDate,
    pnl,
    returnPct: pnl / (p.entryPrice * quantity * p.multiplier),
    closedBy: by,
  };
}

export const booksOf = (doc: TenantPortfolios): string[] => [...new Set(doc.positions.map((p) => p.owner))];

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
