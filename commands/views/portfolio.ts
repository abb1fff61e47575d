/** Row formatting shared by /portfolio and /pnl: the same position looks the same everywhere. */
import { money, pct, qty } from '../../src/chat/format.js';
import type { CommandContext } from '../../src/chat/command.js';
import type { ReplyTable } from '../../src/chat/reply.js';
import type { RateUsed } from '../../src/options/rate.js';
import type { BookView, PositionPnl } from '../../src/portfolio/book.js';

/**
 * A per-share price; a half cent (an option's mid between cent quotes) keeps its third decimal:
 * "$1.83" beside a cost of $365.00 for 2 contracts (a $1.825 mid) contradicted itself.
 */
export function price(x: number): string {
  const halfCent = Number.isFinite(x) && Math.abs(x * 200 - Math.round(x * 200)) < 1e-6 && Math.abs(x * 100 - Math.round(x * 100)) > 1e-6;
  return money(x, halfCent ? 3 : 2);
}

export const signedMoney = (x: number): string => (Number.isFinite(x) ? `${x > 0 ? '+' : x < 0 ? '−' : ''}${money(Math.abs(x))}` : 'n/a');

/** Where the mark stands against the position's levels: past its stop (a long at or below, a short at or above), past its target, or null. */
export function levelStatus(x: PositionPnl): 'stop breached' | 'target reached' | null {
  const p = x.valued.position;
  const m = x.valued.mark;
  if (!Number.isFinite(m)) return null;
  const long = p.side === 'long';
  if (long ? m <= p.stopLoss : m >= p.stopLoss) return 'stop breached';
  if (long ? m >= p.profitTarget : m <= p.profitTarget) return 'target reached';
  return null;
}

/**
 * What the daily P&L covers: "Today" once today's session has opened, else the last session's day
 * (before the open, on a weekend or a holiday the figures are that session's, not today's).
 */
export function dayLabel(book: BookView, today: string, opts: { capital?: boolean } = {}): string {
  const label = book.day === today ? 'today' : `last session (${book.day})`;
  return opts.capital ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

export function positionsTable(book: BookView, title: string, today: string): ReplyTable {
  return {
    title,
    columns: ['Id', 'Position', 'Side', 'Qty', 'Entry', 'Mark', 'Unrealized', book.day === today ? 'Today' : `Day ${book.day.slice(5)}`, 'Stop', 'Target'],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: book.positions.map((x) => {
      const p = x.valued.position;
      const status = levelStatus(x);
      const stop = status === 'stop breached' ? `${price(p.stopLoss)} ⚠ BREACHED` : price(p.stopLoss);
      const target = status === 'target reached' ? `${price(p.profitTarget)} ✓ REACHED` : price(p.profitTarget);
      return [
        p.id,
        x.valued.label,
        p.side,
        qty(p.quantity),
        price(p.entryPrice),
        price(x.valued.mark),
        signedMoney(x.unrealized),
        signedMoney(x.daily),
        stop,
        target,
      ];
    }),
  };
}

/** The structured form of a position for `data` (what --json users and tests read). */
export function positionData(x: PositionPnl) {
  const v = x.valued;
  const p = v.position;
  return {
    id: p.id,
    owner: p.owner,
    symbol: p.symbol,
    label: v.label,
    option: p.option ?? null,
    side: p.side,
    quantity: p.quantity,
    multiplier: p.multiplier,
    entryPrice: p.entryPrice,
    entryDate: p.entryDate,
    stopLoss: p.stopLoss,
    profitTarget: p.profitTarget,
    levelStatus: levelStatus(x),
    notes: p.notes ?? null,
    sector: v.sector ?? null,
    mark: finite(v.mark),
    markBasis: v.markBasis,
    spot: finite(v.spot),
    iv: v.iv === undefined ? null : finite(v.iv),
    value: finite(x.value),
    unrealized: finite(x.unrealized),
    daily: finite(x.daily),
    greeks: v.greeks ?? null,
  };
}

export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function bookSummary(book: BookView, today: string): string {
  const parts = [
    `Equity ${money(book.equity)}`,
    `unrealized ${signedMoney(book.unrealized)}`,
    `realized ${signedMoney(book.realized)}`,
    `${dayLabel(book, today)} ${signedMoney(book.daily)}${book.dailyUnknown.length ? ` (n/a for ${book.dailyUnknown.join(', ')}: no previous mark stored)` : ''}`,
  ];
  if (book.unmarked.length) parts.push(`no price for ${book.unmarked.join(', ')}`);
  return parts.join(' · ');
}

/** The rate option figures used, as /greeks words it; empty for a book without options. */
export const rateLine = (rate: RateUsed | null, what: string): string => (rate ? `${what} at rate ${pct(rate.rate, 2)} (${rate.source}).` : '');

/** The rate in `data`: the same three fields as /greeks (`rate`, `rateSource`, `rateKind`), null without options. */
export const rateData = (rate: RateUsed | null) => ({ rate: rate?.rate ?? null, rateSource: rate?.source ?? null, rateKind: rate?.kind ?? null });

export const ownerName = (owner: string): string => (owner === 'shared' ? 'Shared portfolio' : 'Your portfolio');

export { pct };

/** Today's New York date on the bot's clock. */
export const todayOf = (ctx: CommandContext): string => ctx.services.calendar.nyDate(ctx.services.clock.now());
