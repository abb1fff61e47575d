import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { money, num, pct, qty, stampLine } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { bookOwner, loadBook } from '../src/portfolio/index.js';
import { dayLabel, finite, ownerName, positionData, positionsTable, price, signedMoney, todayOf } from './views/portfolio.js';
import { pnlData } from './schemas/pnl.js';

export { pnlData as dataSchema };

export default defineCommand({
  name: 'pnl',
  description: 'Profit and loss: realized and unrealized, today and total, per position; trade journal and statistics',
  category: 'portfolio',
  examples: ['/pnl', '/pnl trades=25', '/pnl shared=true'],
  args: z.object({
    trades: z.number().int().min(0).max(100).default(10).describe('How many recent journal trades to list'),
    shared: z.boolean().default(false).describe('The server’s shared portfolio instead of yours'),
  }),
  positional: ['trades'],
  dataSchema: pnlData,
  ephemeral: true,
  async run(ctx, a) {
    const owner = bookOwner(ctx.user, a.shared);
    const book = await loadBook(ctx.services, ctx.tenant, owner);
    const today = todayOf(ctx);
    const s = book.stats;
    const c = book.curve;
    const curveNote = c.days < 2 ? `n/a (equity curve: ${c.days} day${c.days === 1 ? '' : 's'} stored)` : undefined;
    const recent = book.trades.slice(-a.trades).reverse();
    const stamp = book.positions.find((x) => x.valued.stamp)?.valued.stamp;
    return okReply('pnl', {
      title: `${ownerName(owner)} — P&L on ${book.day}`,
      ephemeral: !a.shared,
      fields: [
        { name: 'Equity', value: `${money(book.equity)} (account ${money(ctx.services.config.trading.accountSize)} + realized + unrealized)` },
        {
          name: dayLabel(book, today, { capital: true }),
          value: `${signedMoney(book.daily)}${book.dailyUnknown.length ? ` (n/a for ${book.dailyUnknown.join(', ')})` : ''}`,
          inline: true,
        },
        { name: 'Unrealized', value: signedMoney(book.unrealized), inline: true },
        {
          name: 'Realized',
          value: `${signedMoney(book.realized)} (${book.day === today ? 'today' : book.day} ${signedMoney(book.realizedToday)})`,
          inline: true,
        },
        { name: 'Trades', value: `${s.trades} (${s.wins} won, ${s.losses} lost)`, inline: true },
        { name: 'Win rate', value: pct(s.winRate), inline: true },
        { name: 'Profit factor', value: num(s.profitFactor), inline: true },
        { name: 'Average win / loss', value: `${money(s.averageWin)} / ${money(s.averageLoss)}`, inline: true },
        { name: 'Expectancy', value: signedMoney(s.expectancy), inline: true },
        { name: 'Sharpe / Sortino', value: curveNote ?? `${num(c.sharpe)} / ${num(c.sortino)} (annualised, daily equity)`, inline: true },
        { name: 'Max drawdown', value: curveNote ?? `${pct(c.maxDrawdown)} over ${c.days} days`, inline: true },
      ],
      tables: [
        ...(book.positions.length ? [positionsTable(book, 'Open positions', today)] : []),
        ...(recent.length
          ? [
              {
                title: `Journal — last ${recent.length} of ${book.trades.length}`,
                columns: ['Closed', 'Id', 'Position', 'Side', 'Qty', 'Entry', 'Exit', 'P&L', 'Return'],
                align: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'] as ('left' | 'right')[],
                rows: recent.map((t) => [
                  t.exitDate,
                  t.positionId,
                  t.label,
                  t.side,
                  qty(t.quantity),
                  price(t.entryPrice),
                  price(t.exitPrice),
                  signedMoney(t.pnl),
                  pct(t.returnPct, 1, true),
                ]),
              },
            ]
          : []),
      ],
      ...(stamp ? { footer: stampLine(stamp, ['daily P&L of options from the previous session’s stored mark']) } : {}),
      data: {
        owner,
        day: book.day,
        equity: book.equity,
        realized: book.realized,
        realizedToday: book.realizedToday,
        unrealized: book.unrealized,
        daily: book.daily,
        stats: {
          ...s,
          winRate: finite(s.winRate),
          profitFactor: finite(s.profitFactor),
          averageWin: finite(s.averageWin),
          averageLoss: finite(s.averageLoss),
          expectancy: finite(s.expectancy),
          kelly: finite(s.kelly),
        },
        curve: { days: c.days, sharpe: finite(c.sharpe), sortino: finite(c.sortino), maxDrawdown: finite(c.maxDrawdown) },
        positions: book.positions.map(positionData),
        journal: recent,
      },
    });
  },
});
