/**
 * P&L arithmetic and journal statistics. Marks are per share (option premium per share), P&L in
 * currency. Statistics that need data they do not have are NaN ("n/a"), never a made-up number.
 */
import { maxDrawdown, sharpeRatio, sortinoRatio } from '../risk/index.js';
import { sign, type EquitySnapshot, type Position, type Trade } from './types.js';

/** Unrealized P&L of an open position at `mark`. */
export function unrealizedPnl(p: Position, mark: number): number {
  return sign(p.side) * (mark - p.entryPrice) * p.quantity * p.multiplier;
}

/** Signed market value (a short is negative). */
export function marketValue(p: Position, mark: number): number {
  return sign(p.side) * mark * p.quantity * p.multiplier;
}

/**
 * Today's P&L of an open position: from `previousMark` (yesterday's close, or yesterday's stored
 * snapshot mark), or from entry when it was opened today. NaN when neither is known.
 */
export function dailyPnl(p: Position, mark: number, today: string, previousMark: number | undefined): number {
  const base = p.entryDate >= today ? p.entryPrice : previousMark;
  if (base === undefined || !Number.isFinite(base)) return NaN;
  return sign(p.side) * (mark - base) * p.quantity * p.multiplier;
}

/**
 * The part of a trade closed on `today` that belongs to today's P&L: from `previousMark` (yesterday's
 * close, or the stored mark) to the exit, or the whole realized P&L when it was also opened today.
 * The P&L before today was already in earlier days' P&L. NaN when the previous mark is unknown.
 */
export function closedTradeDailyPnl(t: Trade, today: string, previousMark: number | undefined): number {
  if (t.exitDate !== today) return 0;
  if (t.entryDate >= today) return t.pnl;
  if (previousMark === undefined || !Number.isFinite(previousMark)) return NaN;
  return sign(t.side) * (t.exitPrice - previousMark) * t.quantity * t.multiplier;
}

export interface JournalStats {
  trades: number;
  wins: number;
  losses: number;
  /** Fraction of trades with P&L > 0. */
  winRate: number;
  /** Gross profit / gross loss; NaN without a loss. */
  profitFactor: number;
  averageWin: number;
  /** Average losing P&L as a positive number. */
  averageLoss: number;
  /** Mean P&L per trade. */
  expectancy: number;
  realized: number;
  /** Kelly fraction W − (1 − W)/R with R = average win / average loss; NaN without both wins and losses. */
  kelly: number;
}

export function journalStats(trades: readonly Trade[]): JournalStats {
  const wins = trades.filter((t) => t.pnl > 0);
  const losses = trades.filter((t) => t.pnl < 0);
  const grossWin = wins.reduce((a, t) => a + t.pnl, 0);
  const grossLoss = -losses.reduce((a, t) => a + t.pnl, 0);
  const realized = trades.reduce((a, t) => a + t.pnl, 0);
  const n = trades.length;
  const winRate = n ? wins.length / n : NaN;
  const averageWin = wins.length ? grossWin / wins.length : NaN;
  const averageLoss = losses.length ? grossLoss / losses.length : NaN;
  const payoff = averageWin / averageLoss;
  return {
    trades: n,
    wins: wins.length,
    losses: losses.length,
    winRate,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : NaN,
    averageWin,
    averageLoss,
    expectancy: n ? realized / n : NaN,
    realized,
    kelly: payoff > 0 && Number.isFinite(payoff) ? winRate - (1 - winRate) / payoff : NaN,
  };
}

/** Daily returns of an equity curve (snapshots sorted by date; gaps are simply consecutive snapshots). */
export function equityReturns(snapshots: readonly EquitySnapshot[]): number[] {
  const sorted = [...snapshots].sort((a, b) => a.date.localeCompare(b.date));
  const out: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = (sorted[i - 1] as EquitySnapshot).equity;
    const cur = (sorted[i] as EquitySnapshot).equity;
    if (prev > 0 && Number.isFinite(cur)) out.push(cur / prev - 1);
  }
  return out;
}

export interface EquityStats {
  days: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
}

/** Annualised Sharpe and Sortino (252 days, zero risk-free) and max drawdown of the equity curve. */
export function equityStats(snapshots: readonly EquitySnapshot[]): EquityStats {
  const r = equityReturns(snapshots);
  return { days: snapshots.length, sharpe: sharpeRatio(r), sortino: sortinoRatio(r), maxDrawdown: maxDrawdown(r) };
}

/** Inserts or replaces the snapshot of `s.date`, keeping the list sorted and at most `keep` long. */
export function upsertSnapshot(list: readonly EquitySnapshot[], s: EquitySnapshot, keep = 800): EquitySnapshot[] {
  const out = list.filter((x) => x.date !== s.date);
  out.push(s);
  out.sort((a, b) => a.date.localeCompare(b.date));
  return out.slice(-keep);
}
