import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { money, num, pct, stampLine } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { positionLabel, sizePosition, type Position } from '../src/core/portfolio/index.js';
import type { OptionType } from '../src/core/options/index.js';
import { bookOwner, loadBook, valuePositions } from '../src/portfolio/index.js';
import { finite } from './views/portfolio.js';
import { BOUNDS, expiryArg, optionTypeArg, priceArg, tickerArg } from './args.js';
import { sizeData } from './schemas/size.js';

export { sizeData as dataSchema };

/** Journal trades needed before the Kelly fraction is trusted as a cap. */
const MIN_TRADES = 10;

export default defineCommand({
  name: 'size',
  description: 'Position size from risk per trade and the stop distance, capped by position size and Kelly',
  category: 'portfolio',
  examples: ['/size ABCD', '/size ABCD 12.5 11.4', '/size ABCD 2026-12-18 25 call', '/size ABCD 2026-12-18 25 call premium=1.2 stop=0.6'],
  args: z.object({
    ticker: tickerArg,
    entry: priceArg.optional().describe('Entry price per share (stock; default the market price); for an option without strike=, the strike'),
    stop: z
      .number()
      .nonnegative()
      .max(BOUNDS.price)
      .optional()
      .describe('Stop price (stock) or stop premium (option); default from trading.stopLossPct, or the whole premium for options'),
    expiry: expiryArg.optional(),
    strike: priceArg.optional().describe('Option strike'),
    type: optionTypeArg.optional(),
    premium: priceArg.optional().describe('Option premium per share; default the chain’s mid'),
    shared: z.boolean().default(false).describe('Size against the shared portfolio’s equity and journal'),
  }),
  positional: ['ticker', 'entry', 'stop', 'expiry', 'strike', 'type'],
  dataSchema: sizeData,
  ephemeral: true,
  async run(ctx, a) {
    const { config } = ctx.services;
    const isOption = a.expiry !== undefined || a.strike !== undefined || a.type !== undefined;
    // "/size ABCD 2026-12-18 25 call" binds 25 to entry (the first open number); options size from the premium, so it is the strike.
    if (isOption && a.strike === undefined && a.entry !== undefined) a = { ...a, strike: a.entry, entry: undefined };
    if (isOption && (a.expiry === undefined || a.strike === undefined || a.type === undefined)) {
      throw new CommandError('MISSING_ARGUMENT', 'Sizing an option needs all of expiry, strike and type (call or put).');
    }
    const [quote] = await ctx.services.market.quotes([a.ticker]);
    if (!quote) throw new CommandError('UNKNOWN_SYMBOL', `No quote found for "${a.ticker}"; check the ticker.`);
    const draft: Position = {
      id: 'size',
      owner: ctx.user,
      symbol: quote.symbol,
      side: 'long',
      quantity: 1,
      multiplier: isOption ? 100 : 1,
      entryPrice: NaN,
      entryDate: '',
      stopLoss: NaN,
      profitTarget: NaN,
      addedBy: ctx.user,
      addedAt: '',
      ...(isOption ? { option: { expiry: a.expiry as string, strike: a.strike as number, type: a.type as OptionType } } : {}),
    };
    const book = await loadBook(ctx.services, ctx.tenant, bookOwner(ctx.user, a.shared), { snapshot: false });
    const kelly = book.stats.trades >= MIN_TRADES ? book.stats.kelly : NaN;
    const rules = config.trading;
    let price: number;
    let stop: number;
    if (isOption) {
      const [v] = await valuePositions(ctx.services, [draft]);
      price = a.premium ?? v?.mark ?? NaN;
      // Without a premium, say why first: no options at all, or no such expiry, is not "give one with premium=".
      if (!(price > 0) && a.premium === undefined) await ctx.services.market.optionChain(quote.symbol, a.expiry);
      if (!(price > 0)) throw new CommandError('NO_PRICE', `${positionLabel(draft)} has no market premium right now; give one with premium=.`);
      stop = a.stop ?? 0;
    } else {
      price = a.entry ?? quote.price;
      stop = a.stop ?? price * (1 - rules.stopLossPct);
    }
    if (stop === price) throw new CommandError('INVALID_ARGUMENT', 'The stop equals the entry: there is no risk distance to size from.');
    // /size sizes a long (a bought stock or option): a stop above the entry would be hit at once, and
    // sizing from |entry − stop| answered "500 shares" for a stop $2 on the wrong side.
    if (stop > price) {
      throw new CommandError(
        'INVALID_ARGUMENT',
        isOption
          ? `The stop premium ${money(stop)} is above the premium ${money(price)}; /size sizes a bought option, whose stop is below what it costs.`
          : `The stop ${money(stop)} is above the entry ${money(price)}; /size sizes a long, whose stop is below its entry.`,
      );
    }
    const m = isOption ? 100 : 1;
    const r = sizePosition(book.equity, price * m, Math.abs(price - stop) * m, rules, kelly);
    const unit = isOption ? 'contracts' : 'shares';
    const kellyText =
      book.stats.trades < MIN_TRADES
        ? `n/a (${book.stats.trades} trades in the journal; need ${MIN_TRADES})`
        : Number.isFinite(book.stats.kelly)
          ? `${pct(book.stats.kelly)} raw, capped at ${pct(rules.kellyCap)} → ${num(r.byKelly, 0)} ${unit}`
          : 'n/a (the journal needs both wins and losses)';
    return okReply('size', {
      title: `${positionLabel(draft)}: ${num(r.units, 0)} ${unit} (${r.binding} binds)`,
      text: `Risking ${pct(rules.riskPerTrade)} of equity ${money(book.equity)} = ${money(r.riskBudget)} with ${isOption ? `premium ${money(price)} and stop premium ${money(stop)}${a.stop === undefined ? ' (the whole premium at risk)' : ''}` : `entry ${money(price)} and stop ${money(stop)}`}: ${money(r.riskPerUnit)} at risk per ${isOption ? 'contract' : 'share'}.`,
      fields: [
        { name: 'By risk', value: `${num(r.byRisk, 0)} ${unit}`, inline: true },
        { name: 'Position cap', value: `${num(r.byPositionCap, 0)} ${unit} (${pct(rules.maxPositionPct)} of equity)`, inline: true },
        { name: 'Kelly cap', value: kellyText, inline: true },
        { name: 'Position value', value: money(r.positionValue), inline: true },
        { name: 'Loss at stop', value: money(r.units * r.riskPerUnit), inline: true },
      ],
      footer: stampLine(quote.stamp),
      data: {
        symbol: quote.symbol,
        option: draft.option ?? null,
        price,
        stop,
        equity: book.equity,
        ...r,
        byRisk: finite(r.byRisk),
        byKelly: finite(r.byKelly),
        kellyFraction: finite(r.kellyFraction),
        journalTrades: book.stats.trades,
      },
    });
  },
});
