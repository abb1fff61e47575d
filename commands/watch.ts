import { z } from 'zod';
import { tickerArg } from './args.js';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { okReply } from '../src/chat/reply.js';
import { watchlists, WatchlistFullError } from '../src/store/watchlist.js';
import { watchData } from './schemas/watch.js';

export { watchData as dataSchema };

export default defineCommand({
  name: 'watch',
  description: 'Keep a server-wide watchlist: its symbols are always part of /scan’s universe',
  category: 'market',
  examples: ['/watch list', '/watch add ABCD', '/watch remove ABCD'],
  args: z.object({
    action: z.enum(['add', 'remove', 'list']).describe('add, remove or list'),
    ticker: tickerArg.optional(),
  }),
  positional: ['action', 'ticker'],
  dataSchema: watchData,
  async run(ctx, args) {
    const lists = watchlists(ctx.services.store);
    if (args.action === 'list') {
      const symbols = await lists.list(ctx.tenant);
      return okReply('watch', {
        title: `Watchlist: ${symbols.length} symbol${symbols.length === 1 ? '' : 's'}`,
        text: symbols.length ? symbols.join(', ') : 'Empty. Add one with /watch add TICKER; /scan always includes watchlist symbols.',
        data: { symbols },
      });
    }
    if (!args.ticker) throw new CommandError('MISSING_ARGUMENT', `/watch ${args.action} needs a ticker, e.g. /watch ${args.action} ABCD.`);
    const ticker = args.ticker;
    if (args.action === 'remove') {
      const { symbols, removed } = await lists.remove(ctx.tenant, ticker);
      return okReply('watch', {
        title: removed ? `Removed ${ticker} from the watchlist` : `${ticker} was not on the watchlist`,
        text: symbols.join(', ') || 'The watchlist is empty.',
        data: { symbols, removed },
      });
    }
    const [quote] = await ctx.services.market.quotes([ticker]);
    if (!quote) throw new CommandError('UNKNOWN_SYMBOL', `No quote for "${ticker}"; check the ticker.`);
    try {
      const { symbols, added } = await lists.add(ctx.tenant, quote.symbol);
      return okReply('watch', {
        title: added ? `Added ${quote.symbol} to the watchlist` : `${quote.symbol} is already on the watchlist`,
        text: symbols.join(', '),
        data: { symbols, added },
      });
    } catch (err) {
      if (err instanceof WatchlistFullError) throw new CommandError('WATCHLIST_FULL', err.message);
      throw err;
    }
  },
});
