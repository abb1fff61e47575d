/** `/portfolio` data, by action: add, close, list, show. */
import { z } from 'zod';
import { num, owner, rateFields } from './common.js';
import { markBasis, positionData, storedPosition, tradeData } from './book.js';

const warning = z.strictObject({
  code: z.enum(['PORTFOLIO_RISK', 'MAX_POSITIONS', 'POSITION_SIZE', 'DUPLICATE', 'SECTOR', 'CORRELATION', 'GREEKS', 'LIQUIDITY']),
  message: z.string(),
});

export const portfolioData = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('add'),
    owner,
    position: storedPosition,
    warnings: z.array(warning),
    priceBasis: z.union([markBasis, z.literal('given')]),
  }),
  z.strictObject({ action: z.literal('close'), owner, trade: tradeData, remaining: z.number().nonnegative() }),
  z.strictObject({
    action: z.literal('list'),
    owner,
    equity: z.number(),
    unrealized: num,
    realized: z.number(),
    daily: num,
    positions: z.array(positionData),
    /** The rate option marks were solved at (null without options). */
    ...rateFields,
  }),
  z.strictObject({ action: z.literal('show'), owner, position: positionData, matches: z.array(z.string()), ...rateFields }),
  /** The position before and after the edit (stop, target, notes). */
  z.strictObject({ action: z.literal('edit'), before: storedPosition, position: storedPosition }),
]);
