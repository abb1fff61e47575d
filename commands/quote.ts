import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { compact, money, pct, stampLine } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { tickerArg } from './args.js';
import { quoteData } from './schemas/quote.js';

export { quoteData as dataSchema };

export default defineCommand({
  name: 'quote',
  description: 'Price, change, volume and range of a stock',
  category: 'market',
  examples: ['/quote ABCD'],
  args: z.object({ ticker: tickerArg }),
  positional: ['ticker'],
  dataSchema: quoteData,
  async run(ctx, { ticker }) {
    const [q] = await ctx.services.market.quotes([ticker]);
    if (!q) throw new CommandError('UNKNOWN_SYMBOL', `No quote found for "${ticker}"; check the ticker.`);
    const arrow = q.change === undefined ? '' : q.change > 0 ? '▲ ' : q.change < 0 ? '▼ ' : '• ';
    return okReply('quote', {
      title: `${q.symbol}${q.name ? ` — ${q.name}` : ''}`,
      // Without the change or a previous close the change is unknown: n/a, never a made-up 0. The arrow
      // carries the sign ("▼ -$0.67" read as a double negative); the percent keeps its own.
      text: `**${money(q.price)}** ${arrow}${money(q.change === undefined ? undefined : Math.abs(q.change))} (${q.changePercent === undefined ? 'n/a' : pct(q.changePercent / 100, 2, true)})`,
      fields: [
        { name: 'Day range', value: `${money(q.dayLow)} – ${money(q.dayHigh)}`, inline: true },
        { name: '52-week range', value: `${money(q.fiftyTwoWeekLow)} – ${money(q.fiftyTwoWeekHigh)}`, inline: true },
        { name: 'Volume', value: `${compact(q.volume)} (avg ${compact(q.avgVolume)})`, inline: true },
        { name: 'Market cap', value: q.marketCap ? `$${compact(q.marketCap)}` : 'n/a', inline: true },
        { name: 'Previous close', value: money(q.previousClose), inline: true },
        { name: 'Exchange', value: q.exchange ?? 'n/a', inline: true },
      ],
      footer: stampLine(q.stamp),
      data: {
        symbol: q.symbol,
        name: q.name,
        price: q.price,
        change: q.change ?? null,
        changePercent: q.changePercent ?? null,
        previousClose: q.previousClose,
        volume: q.volume,
        avgVolume: q.avgVolume,
        marketCap: q.marketCap,
        asOf: q.stamp.asOf,
        source: q.stamp.source,
        delayed: q.stamp.delayed,
        stale: q.stamp.stale,
        simulated: q.stamp.simulated,
      },
    });
  },
});
