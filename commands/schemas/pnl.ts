/** `/pnl` data: equity, realized/unrealized/today, journal statistics and the equity curve's ratios. */
import { z } from 'zod';
import { day, num, owner } from './common.js';
import { positionData, tradeData } from './book.js';

export const pnlData = z.strictObject({
  owner,
  day,
  equity: z.number(),
  realized: z.number(),
  realizedToday: z.number(),
  unrealized: num,
  daily: num,
  stats: z.strictObject({
    trades: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    winRate: num,
    profitFactor: num,
    averageWin: num,
    averageLoss: num,
    expectancy: num,
    realized: z.number(),
    kelly: num,
  }),
  curve: z.strictObject({ days: z.number().int(), sharpe: num, sortino: num, maxDrawdown: num }),
  positions: z.array(positionData),
  journal: z.array(tradeData),
});
