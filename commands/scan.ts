import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { compact, money, num, stampLine } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { runScan } from '../src/scanner/pipeline.js';

export default defineCommand({
  name: 'scan',
  description: 'Scan small caps and rank today’s opportunities',
  category: 'market',
  examples: ['/scan', '/scan micro', '/scan small limit=5', '/scan mid sector=technology'],
  args: z.object({
    band: z.enum(['micro', 'small', 'mid']).optional().describe('Market-cap band'),
    limit: z.number().int().min(1).max(25).optional().describe('How many picks'),
    sector: z.string().max(40).optional().describe('Only this sector, e.g. technology'),
    minPrice: z.number().nonnegative().optional().describe('Lowest share price'),
    maxPrice: z.number().positive().optional().describe('Highest share price'),
  }),
  positional: ['band', 'limit'],
  async run(ctx, args) {
    const { market, config, clock } = ctx.services;
    const band = args.band ?? config.trading.defaultBand;
    const result = await runScan(
      market,
      config,
      { band, limit: args.limit ?? config.scanner.limit, sector: args.sector, minPrice: args.minPrice, maxPrice: args.maxPrice },
      clock.now(),
      (done, total) => ctx.progress(`scanned ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`),
    );
    const picks = result.picks;
    return okReply('scan', {
      title: `Scan — ${band} caps: top ${picks.length} of ${result.universe.toLocaleString('en-US')} symbols`,
      text: picks.length
        ? `${result.afterListingFilters.toLocaleString('en-US')} passed the cap/price/volume filters; ${result.deepDived} were analysed in depth.`
        : `No symbol passed the filters (${result.afterListingFilters} after cap/price/volume).`,
      tables: [
        {
          columns: ['#', 'Symbol', 'Price', 'Cap', 'Score', 'Why'],
          align: ['right', 'left', 'right', 'right', 'right', 'left'],
          rows: picks.map((p, i) => [String(i + 1), p.symbol, money(p.price), compact(p.marketCap), num(p.score, 1), p.reasons.slice(0, 2).join('; ')]),
        },
      ],
      footer: result.stamp ? stampLine(result.stamp) : undefined,
      data: {
        universe: result.universe,
        band,
        afterListingFilters: result.afterListingFilters,
        deepDived: result.deepDived,
        asOf: result.stamp?.asOf,
        source: result.stamp?.source,
        picks: picks.map((p) => ({ symbol: p.symbol, name: p.name, sector: p.sector, price: p.price, marketCap: p.marketCap, score: p.score, components: p.components, reasons: p.reasons })),
      },
    });
  },
});
