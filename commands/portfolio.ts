import { z } from 'zod';
import { defineCommand, type CommandContext } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { money, pct, qty, stampLine } from '../src/chat/format.js';
import { okReply, type Reply } from '../src/chat/reply.js';
import { positionLabel } from '../src/core/portfolio/index.js';
import { addPosition, bookOwner, closeTrade, editPosition, FAR_FROM_MARKET, loadBook, loadTenant, MAX_NOTIONAL } from '../src/portfolio/index.js';
import { bookSummary, dayLabel, ownerName, positionData, positionsTable, price, rateData, rateLine, signedMoney, todayOf } from './views/portfolio.js';
import { BOUNDS, expiryArg, optionTypeArg, priceArg, quantityArg, tickerArg } from './args.js';
import { portfolioData } from './schemas/portfolio.js';

export { portfolioData as dataSchema };

const args = z.object({
  action: z.enum(['add', 'close', 'edit', 'list', 'show']).default('list').describe('add, close, edit (stop, target, notes), list or show'),
  ticker: tickerArg.optional().describe('Ticker to add, or a position id such as P3 (or its ticker) to close or show'),
  quantity: quantityArg.optional().describe('Shares (fractions kept as entered), or whole contracts for an option; for close, how many (default all)'),
  price: priceArg
    .optional()
    .describe('Entry (add) or exit (close) price per share or option premium; default the market price (an expired option closes at its intrinsic value)'),
  expiry: expiryArg.optional(),
  strike: priceArg.optional().describe('Option strike'),
  type: optionTypeArg.optional(),
  side: z.enum(['long', 'short']).default('long').describe('long or short'),
  stop: priceArg
    .optional()
    .describe(
      'Stop loss in the position’s own price: below the entry for a long, above it for a short (default from trading.stopLossPct; options: trading.optionStopPct of the premium)',
    ),
  target: priceArg
    .optional()
    .describe(
      'Profit target in the position’s own price: above the entry for a long, below it for a short (default from trading.profitTargetPct; options: trading.optionTargetPct of the premium)',
    ),
  notes: z.string().max(300).optional().describe('A note kept with the position'),
  shared: z.boolean().default(false).describe('Act on the server’s shared portfolio (only admins change it)'),
  confirm: z.boolean().default(false).describe('Record an entry price more than 50% away from the market price (a typo check)'),
});
type Args = z.infer<typeof args>;
type PortfolioData = z.input<typeof portfolioData>;

export default defineCommand({
  name: 'portfolio',
  description: 'Your positions: add, close, edit, list or show (stock and options, long or short)',
  category: 'portfolio',
  examples: [
    '/portfolio list',
    '/portfolio add ABCD 100 12.5',
    '/portfolio add ABCD 2 1.35 2026-12-18 25 call',
    '/portfolio add ABCD 100 side=short stop=14 target=10 notes="gap fade"',
    '/portfolio add ABCD 100 25 confirm=true',
    '/portfolio close P3',
    '/portfolio close P3 50 13.1',
    '/portfolio show P3',
    '/portfolio edit P3 stop=11.5 target=15 notes=earnings-12/10',
    '/portfolio list shared=true',
  ],
  args,
  limits: `quantity up to ${BOUNDS.quantity.toLocaleString('en-US')} (whole contracts for options); prices, strikes, stops and targets above $0 and at most $${BOUNDS.price.toLocaleString('en-US')}; a position worth at most $${MAX_NOTIONAL.toLocaleString('en-US')}. A long's stop is below its entry and its target above (a short's the other way round); an entry price more than ${FAR_FROM_MARKET * 100}% away from the market needs confirm=true.`,
  positional: ['action', 'ticker', 'quantity', 'price', 'expiry', 'strike', 'type'],
  dataSchema: portfolioData,
  ephemeral: true,
  async run(ctx, a) {
    const owner = bookOwner(ctx.user, a.shared);
    const reply =
      a.action === 'add'
        ? await add(ctx, a, owner)
        : a.action === 'edit'
          ? await edit(ctx, a, owner)
          : a.action === 'close'
            ? await close(ctx, a, owner)
            : // "/portfolio JJEG" (or P3) asks about that position; listing everything ignored the word.
              a.action === 'show' || (a.action === 'list' && a.ticker)
              ? await show(ctx, a, owner, a.action === 'list')
              : await list(ctx, owner);
    return { ...reply, ephemeral: !a.shared };
  },
});

async function add(ctx: CommandContext, a: Args, owner: string): Promise<Reply<PortfolioData>> {
  // "/portfolio add ABCD 2 2026-12-18 25 call" binds 25 to price (the first open number): with an
  // expiry and a type but no strike, that number is the strike and the entry is the market price.
  if (a.expiry && a.type && a.strike === undefined && a.price !== undefined) a = { ...a, strike: a.price, price: undefined };
  if (!a.ticker) throw new CommandError('MISSING_ARGUMENT', '/portfolio add needs a ticker and a quantity — for example: /portfolio add ABCD 100 12.5.');
  if (a.quantity === undefined) throw new CommandError('MISSING_ARGUMENT', '/portfolio add needs a quantity (shares, or contracts for an option).');
  if (a.price !== undefined && !(a.price > 0)) throw new CommandError('BAD_PRICE', 'Entry price must be a positive number.');
  const actor = { tenant: ctx.tenant, user: ctx.user, isAdmin: ctx.isAdmin };
  const {
    position: p,
    warnings,
    valued,
  } = await addPosition(ctx.services, actor, {
    symbol: a.ticker,
    side: a.side,
    quantity: a.quantity,
    ...(a.price !== undefined ? { price: a.price } : {}),
    ...(a.expiry || a.strike !== undefined || a.type
      ? { option: { ...(a.expiry ? { expiry: a.expiry } : {}), ...(a.strike !== undefined ? { strike: a.strike } : {}), ...(a.type ? { type: a.type } : {}) } }
      : {}),
    ...(a.stop !== undefined ? { stopLoss: a.stop } : {}),
    ...(a.target !== undefined ? { profitTarget: a.target } : {}),
    ...(a.notes ? { notes: a.notes } : {}),
    confirm: a.confirm,
    owner,
  });
  const unit = `${p.option ? 'contract' : 'share'}${p.quantity === 1 ? '' : 's'}`;
  const text = [
    `${p.side === 'long' ? 'Long' : 'Short'} ${qty(p.quantity)} ${unit} of **${positionLabel(p)}** at ${price(p.entryPrice)}${a.price === undefined ? ` (market ${valued.markBasis})` : ''}; ${p.side === 'long' ? 'cost' : p.option ? 'premium received' : 'proceeds'} ${money(p.entryPrice * p.quantity * p.multiplier)}.`,
    `Stop ${price(p.stopLoss)} · target ${price(p.profitTarget)}${a.stop === undefined || a.target === undefined ? ' (defaults from config where not given)' : ''}.`,
    warnings.length
      ? `**Entry checks — ${warnings.length} warning${warnings.length > 1 ? 's' : ''}:**\n${warnings.map((w) => `⚠ ${w.message}`).join('\n')}`
      : 'Entry checks: no warnings.',
  ].join('\n');
  return okReply('portfolio', {
    title: `Added ${p.id} to ${ownerName(owner).toLowerCase()}`,
    text,
    severity: warnings.length ? 'warning' : 'success',
    ...(valued.stamp ? { footer: stampLine(valued.stamp) } : {}),
    data: { action: 'add', owner, position: p, warnings, priceBasis: a.price === undefined ? valued.markBasis : 'given' },
  });
}

async function close(ctx: CommandContext, a: Args, owner: string): Promise<Reply<PortfolioData>> {
  const ref = a.ticker;
  if (!ref) throw new CommandError('MISSING_ARGUMENT', '/portfolio close needs a position id or ticker — for example: /portfolio close P3.');
  const actor = { tenant: ctx.tenant, user: ctx.user, isAdmin: ctx.isAdmin };
  const {
    trade: t,
    remaining,
    priceBasis,
  } = await closeTrade(ctx.services, actor, {
    ref,
    owner,
    ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
    ...(a.price !== undefined ? { price: a.price } : {}),
  });
  return okReply('portfolio', {
    title: `Closed ${qty(t.quantity)} of ${t.positionId} ${t.label}: ${signedMoney(t.pnl)} (${pct(t.returnPct, 1, true)})`,
    text: `Exit ${price(t.exitPrice)}${priceBasis === 'given' ? '' : ` (market ${priceBasis})`} against entry ${price(t.entryPrice)} on ${t.entryDate}. ${remaining > 0 ? `${qty(remaining)} still open.` : 'Position closed.'}`,
    severity: t.pnl >= 0 ? 'success' : 'warning',
    data: { action: 'close', owner, trade: t, remaining },
  });
}

async function list(ctx: CommandContext, owner: string): Promise<Reply<PortfolioData>> {
  const book = await loadBook(ctx.services, ctx.tenant, owner);
  const stamp = book.positions.find((x) => x.valued.stamp)?.valued.stamp;
  return okReply('portfolio', {
    title: `${ownerName(owner)} — ${book.positions.length} open position${book.positions.length === 1 ? '' : 's'}`,
    text: book.positions.length
      ? [bookSummary(book, todayOf(ctx)), rateLine(book.rate, 'Option marks: IV and Greeks solved')].filter(Boolean).join('\n')
      : `No open positions. Add one with /portfolio add ABCD 100${owner === 'shared' ? ' shared=true' : ''}.`,
    ...(book.positions.length ? { tables: [positionsTable(book, 'Open positions', todayOf(ctx))] } : {}),
    ...(stamp ? { footer: stampLine(stamp, ['option marks: mid of bid/ask']) } : {}),
    data: {
      action: 'list',
      owner,
      equity: book.equity,
      unrealized: book.unrealized,
      realized: book.realized,
      daily: book.daily,
      positions: book.positions.map(positionData),
      ...rateData(book.rate),
    },
  });
}

async function show(ctx: CommandContext, a: Args, owner: string, implicit = false): Promise<Reply<PortfolioData>> {
  const ref = (a.ticker ?? '').toUpperCase();
  if (!ref) throw new CommandError('MISSING_ARGUMENT', '/portfolio show needs a position id or ticker — for example: /portfolio show P3.');
  const book = await loadBook(ctx.services, ctx.tenant, owner);
  const hit = book.positions.filter((x) => x.valued.position.id === ref || x.valued.position.symbol === ref);
  if (!hit.length) {
    const elsewhere = (await loadTenant(ctx.services.store, ctx.tenant)).positions.some((p) => p.id === ref);
    throw new CommandError(
      elsewhere ? 'NOT_YOURS' : 'NOT_FOUND',
      elsewhere
        ? `Position ${ref} is not in ${ownerName(owner).toLowerCase()}.`
        : implicit
          ? `"${(a.ticker ?? '').slice(0, 20)}" is neither an action (add, close, edit, list, show) nor an open position in ${ownerName(owner).toLowerCase()}; /portfolio list shows them.`
          : `No open position ${ref} in ${ownerName(owner).toLowerCase()}; /portfolio list shows them.`,
    );
  }
  const x = hit[0] as (typeof hit)[number];
  const v = x.valued;
  const p = v.position;
  const g = v.greeks;
  return okReply('portfolio', {
    title: `${p.id} ${v.label} — ${p.side} ${qty(p.quantity)} ${p.option ? 'contract' : 'share'}${p.quantity === 1 ? '' : 's'}`,
    fields: [
      { name: 'Entry', value: `${price(p.entryPrice)} on ${p.entryDate}`, inline: true },
      { name: 'Mark', value: `${price(v.mark)} (${v.markBasis})`, inline: true },
      { name: 'Value', value: signedMoney(x.value), inline: true },
      { name: 'Unrealized', value: signedMoney(x.unrealized), inline: true },
      { name: dayLabel(book, todayOf(ctx), { capital: true }), value: signedMoney(x.daily), inline: true },
      { name: 'Stop / target', value: `${price(p.stopLoss)} / ${price(p.profitTarget)}`, inline: true },
      ...(p.option ? [{ name: 'Implied vol', value: `${pct(v.iv)} (American model; at entry ${pct(p.entryIv)})`, inline: true }] : []),
      ...(p.option && book.rate ? [{ name: 'Rate', value: `${pct(book.rate.rate, 2)} (${book.rate.source})`, inline: true }] : []),
      ...(g
        ? [
            {
              name: 'Dollar Greeks',
              value: `Δ ${signedMoney(g.deltaDollars)} · Γ ${signedMoney(g.gammaDollars)} per 1% · vega ${signedMoney(g.vegaDollars)} per vol pt · θ ${signedMoney(g.thetaDollars)}/day`,
            },
          ]
        : []),
      ...(p.notes ? [{ name: 'Notes', value: p.notes }] : []),
    ],
    ...(v.stamp ? { footer: stampLine(v.stamp) } : {}),
    data: { action: 'show', owner, position: positionData(x), matches: hit.map((h) => h.valued.position.id), ...rateData(p.option ? book.rate : null) },
  });
}

async function edit(ctx: CommandContext, a: Args, owner: string): Promise<Reply<PortfolioData>> {
  if (!a.ticker) throw new CommandError('MISSING_ARGUMENT', '/portfolio edit needs a position id — for example: /portfolio edit P3 stop=11.5.');
  const actor = { tenant: ctx.tenant, user: ctx.user, isAdmin: ctx.isAdmin };
  const { before, after } = await editPosition(ctx.services, actor, { ref: a.ticker, owner, stopLoss: a.stop, profitTarget: a.target, notes: a.notes });
  const changes = [
    ...(before.stopLoss !== after.stopLoss ? [`stop ${price(before.stopLoss)} → ${price(after.stopLoss)}`] : []),
    ...(before.profitTarget !== after.profitTarget ? [`target ${price(before.profitTarget)} → ${price(after.profitTarget)}`] : []),
    ...(before.notes !== after.notes ? [`notes: ${after.notes ?? '(cleared)'}`] : []),
  ];
  return okReply('portfolio', {
    title: `Edited ${after.id} ${positionLabel(after)}`,
    text: `${changes.length ? changes.join(' · ') : 'Nothing changed.'}\nA moved stop or target re-arms its alert.`,
    data: { action: 'edit', before, position: after },
  });
}
