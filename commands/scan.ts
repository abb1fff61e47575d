import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { PATTERN_NAMES } from '../src/core/scanner/filters.js';
import { filtersFromArgs } from '../src/core/scanner/filter-args.js';
import { BANDS, PRESET_NAMES } from '../src/core/scanner/presets.js';
import { describeSnapshot, scanOrSnapshot } from '../src/scanner/snapshot.js';
import { scanHoldings } from '../src/scanner/holdings.js';
import { watchlists } from '../src/store/watchlist.js';
import { recordPost } from '../src/track/index.js';
import { scanReply } from './views/scan.js';
import { scanData } from './schemas/scan.js';

export { scanData as dataSchema };

const range = (what: string, example: string) => z.string().trim().min(1).max(40).optional().describe(`${what}, e.g. ${example}`);

export default defineCommand({
  name: 'scan',
  description: 'Scan small caps and rank today’s opportunities, each with its reasons and one option idea',
  category: 'market',
  examples: [
    '/scan',
    '/scan momentum limit=5',
    '/scan low-float',
    '/scan micro limit=5',
    '/scan oversold-quality sector=technology',
    '/scan earnings-run-up rsi=50..70',
    '/scan price=2..20 relVolume=2 change=3.. sma=20,50',
    '/scan pattern=breakout,bullFlag fromHigh=10',
    '/scan fresh=true',
  ],
  args: z.object({
    preset: z.enum(PRESET_NAMES).optional().describe('Named scan: default, momentum, low-float, oversold-quality or earnings-run-up'),
    band: z.enum(BANDS).optional().describe('Market-cap band: micro, small, mid or any (default from config)'),
    limit: z.number().int().min(1).max(25).optional().describe('How many picks, 1 to 25'),
    price: range('Price band in $ (min..max, min.. or ..max)', '2..20'),
    volume: z.string().trim().min(1).max(20).optional().describe('Minimum average daily volume in shares, e.g. 500K'),
    relVolume: z.number().min(0).max(100).optional().describe('Minimum relative volume (today ÷ average), e.g. 1.5'),
    float: range('Float in millions of shares', '..20'),
    short: range('Short interest in % of float', '15..'),
    change: range('Today’s change in %', '3..15 or ..-5'),
    gap: range('Gap at the open vs the previous close in %', '2..'),
    earnings: z.number().int().min(-90).max(90).optional().describe('Days to earnings: 14 = reports within 14 days, -7 = no report within 7'),
    sector: z.string().trim().min(1).max(60).optional().describe('Sector name(s), comma-separated, e.g. technology'),
    revenueGrowth: z.number().min(-100).max(1000).optional().describe('Minimum revenue growth, % year over year'),
    epsGrowth: z.number().min(-100).max(1000).optional().describe('Minimum EPS growth, % year over year'),
    pe: range('Trailing P/E band', '5..30'),
    institutional: range('Institutional ownership in %', '20..80'),
    rs: z.number().min(0).max(100).optional().describe('Minimum relative strength: 3-month return percentile among scanned symbols'),
    sma: z.string().trim().min(1).max(20).optional().describe('SMAs the price is above (20, 50, 200; -200 = below), e.g. 50,200'),
    rsi: range('RSI(14) band within 0..100', '30..70'),
    macd: z.boolean().optional().describe('Only symbols with a bullish MACD cross in the last 3 bars'),
    bollinger: z.enum(['squeeze', 'breakout']).optional().describe('Bollinger squeeze, or close above the upper band (breakout)'),
    atr: range('ATR(14) band in % of price', '2..8'),
    fromHigh: z.number().min(0).max(100).optional().describe('Most % below the 52-week high, e.g. 10'),
    pattern: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .describe(`Any of ${PATTERN_NAMES.join(', ')}`),
    fresh: z.boolean().optional().describe('Run a new scan instead of answering from the latest snapshot'),
  }),
  positional: ['preset', 'band', 'limit'],
  dataSchema: scanData,
  async run(ctx, args) {
    const { config, clock, store } = ctx.services;
    const parsed = filtersFromArgs(args);
    if (!parsed.ok) throw new CommandError(parsed.error.code, parsed.error.message);
    const watchlist = await watchlists(store).list(ctx.tenant);
    const holdings = await scanHoldings(store, ctx.tenant, ctx.user);
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const { result, snapshot } = await scanOrSnapshot(
      ctx.services,
      { preset: args.preset, band: args.band, limit: args.limit, filters: parsed.value, watchlist, holdings },
      { scope: ctx.tenant, fresh: args.fresh },
      (done, total, stage) =>
        ctx.progress(
          stage === 'charts'
            ? `reading charts: ${fmt(done)} of ${fmt(total)}`
            : stage === 'options'
              ? `reading option chains: ${fmt(done)} of ${fmt(total)}`
              : stage === 'fundamentals'
                ? `reading fundamentals: ${fmt(done)} of ${fmt(total)}`
                : `scanned ${fmt(done)} of ${fmt(total)}`,
        ),
    );
    const shown = snapshot ? { ...result, notes: [describeSnapshot(snapshot), ...result.notes] } : result;
    const base = scanReply(shown, config);
    const reply = snapshot && base.data ? { ...base, data: { ...base.data, snapshot } } : base;
    // A scan posted in a Discord or Slack channel is a public call: it goes into the track record.
    if (ctx.platform === 'discord' || ctx.platform === 'slack') {
      const custom = Object.keys(parsed.value).length > 0;
      await recordPost(
        ctx.services,
        { ...(reply.data as object), ...(custom ? { preset: 'custom' } : {}) },
        { origin: 'scan', tenant: ctx.tenant, postedAt: clock.now() },
      ).catch((err: unknown) => ctx.services.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'scan not recorded in the track record'));
    }
    return reply;
  },
});
