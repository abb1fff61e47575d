/**
 * Shared test scaffolding: a small set of fake commands (until the real ones exist they stand in,
 * afterwards they add what real commands cannot easily produce: an exact long table, a slow data
 * call) and services over a counting, optionally slow market.
 */
import { z } from 'zod';
import { defineCommand, type Command } from '../../src/chat/command.js';
import { CommandError } from '../../src/chat/errors.js';
import { okReply } from '../../src/chat/reply.js';
import { chainActions, showingType } from '../../commands/views/chain-actions.js';
import { silentLogger } from '../../src/logger.js';
import { loadConfig } from '../../src/config/index.js';
import { manualClock } from '../../src/clock.js';
import type { MarketGateway } from '../../src/market/gateway.js';
import { MarketDataError, type OptionChain } from '../../src/market/types.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';
import { createCalendar } from '../../src/market/calendar.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const UNIVERSE = ['ABCD', 'ABEX', 'BCDE', 'XYZ'];

export interface Counting {
  calls: Record<string, number>;
  delayMs: number;
}

/** A tiny provider: knows UNIVERSE, waits `delayMs` on every call, counts calls per method. */
export function fakeMarket(state: Counting): MarketGateway {
  const stamp = { source: 'fake', asOf: '2026-12-01T16:00:00Z', delayed: false, stale: false, simulated: true };
  const count = async (op: string, symbol?: string) => {
    state.calls[op] = (state.calls[op] ?? 0) + 1;
    await sleep(state.delayMs);
    if (symbol && !UNIVERSE.includes(symbol.toUpperCase()))
      throw new MarketDataError('UNKNOWN_SYMBOL', `There is no ticker ${symbol.toUpperCase().slice(0, 12)}.`, 'fake');
  };
  const chain = (symbol: string): OptionChain => ({
    symbol,
    spot: 20,
    expiries: ['2026-12-18', '2027-01-15'],
    contracts: [15, 20, 25].flatMap((strike) =>
      (['call', 'put'] as const).map((type) => ({
        contractSymbol: `${symbol}${strike}${type}`,
        type,
        strike,
        expiry: '2026-12-18',
        bid: 1,
        ask: 1.1,
        last: 1.05,
        volume: 10,
        openInterest: 100,
      })),
    ),
    stamp,
  });
  return {
    id: 'fake',
    mode: 'fake market',
    status: () => [],
    close: async () => undefined,
    quotes: async () => (await count('quotes'), []),
    history: async (s: string) => (await count('history', s), { symbol: s, bars: [], stamp }),
    optionChain: async (s: string) => (await count('optionChain', s), chain(s.toUpperCase())),
    fundamentals: async (s: string) => (await count('fundamentals', s), { symbol: s, stamp }),
    universe: async () => (await count('universe'), UNIVERSE.map((symbol) => ({ symbol, name: `${symbol} Corp` }))),
  };
}

export async function fakeServices(delayMs = 0): Promise<Services & { counting: Counting }> {
  const counting: Counting = { calls: {}, delayMs };
  const config = loadConfig({ env: {}, overrides: { store: { url: 'memory://' } } });
  return {
    config,
    calendar: createCalendar(),
    market: fakeMarket(counting),
    store: await openStore('memory://'),
    clock: manualClock(new Date('2026-12-01T16:00:00Z')),
    logger: silentLogger,
    counting,
  };
}

const ticker = z
  .string()
  .regex(/^[A-Za-z]{1,6}$/, 'a ticker such as ABCD')
  .transform((s) => s.toUpperCase())
  .describe('Ticker symbol, e.g. ABCD');

export const fakeGreeks = defineCommand({
  name: 'greeks',
  description: 'Option Greeks for a ticker',
  category: 'options',
  examples: ['/greeks ABCD'],
  args: z.object({
    ticker,
    expiry: z.string().optional().describe('Expiry date as YYYY-MM-DD'),
    type: z.enum(['call', 'put']).optional().describe('call or put'),
  }),
  positional: ['ticker', 'expiry', 'type'],
  async run(ctx, args) {
    const chain = await ctx.services.market.optionChain(args.ticker, args.expiry);
    const rows = chain.contracts.filter((c) => !args.type || c.type === args.type).map((c) => [c.type, String(c.strike), String(c.bid), String(c.ask)]);
    const expiry = args.expiry ?? chain.expiries[0] ?? '';
    const contracts = chain.contracts.filter((c) => !args.type || c.type === args.type).map((c) => ({ type: c.type, strike: c.strike }));
    return okReply('greeks', {
      title: `${chain.symbol} options ${expiry}${args.type ? ` ${args.type}s` : ''}`,
      tables: [{ columns: ['type', 'strike', 'bid', 'ask'], rows }],
      footer: 'fake · 2026-12-01 11:00 ET',
      actions: chainActions({ command: 'greeks', symbol: chain.symbol, expiry, expiries: chain.expiries, showing: showingType(contracts.map((c) => c.type)) }),
      data: { symbol: chain.symbol, expiry, expiries: chain.expiries, contracts },
    });
  },
});

export const fakeScan = defineCommand({
  name: 'scan',
  description: 'Ranked picks',
  category: 'market',
  examples: ['/scan', '/scan limit=400'],
  args: z.object({ limit: z.number().int().min(1).max(2000).default(10).describe('How many picks'), note: z.string().optional().describe('A note to echo') }),
  positional: ['limit'],
  async run(ctx, args) {
    await ctx.progress('scanning');
    const universe = await ctx.services.market.universe();
    const rows = Array.from({ length: args.limit }, (_, i) => [
      String(i + 1),
      `SYM${String(i + 1).padStart(4, '0')}`,
      (100 - i / 10).toFixed(1),
      `reason <${i}> & more`,
    ]);
    return okReply('scan', {
      title: 'Scan',
      text: args.note ? `Note: ${args.note}` : `Considered ${universe.length} symbols.`,
      tables: [{ title: 'Picks', columns: ['#', 'symbol', 'score', 'why'], rows }],
      footer: 'fake · 2026-12-01 11:00 ET',
      data: { universe: universe.length, picks: rows.length },
    });
  },
});

export const fakeSettings = defineCommand({
  name: 'settings',
  description: 'Server settings',
  category: 'bot',
  examples: ['/settings'],
  args: z.object({}),
  positional: [],
  adminOnly: true,
  ephemeral: true,
  async run() {
    return okReply('settings', { text: 'settings ok' });
  },
});

export const fakeBroken = defineCommand({
  name: 'broken',
  description: 'Always fails with a coded error',
  category: 'bot',
  examples: ['/broken'],
  args: z.object({}),
  positional: [],
  async run() {
    throw new CommandError('BROKEN', 'This command is broken on purpose.');
  },
});

export const fakeWhoami = defineCommand({
  name: 'whoami',
  description: 'Who and where the bot thinks you are',
  category: 'bot',
  examples: ['/whoami'],
  args: z.object({}),
  positional: [],
  ephemeral: true,
  async run(ctx) {
    return okReply('whoami', { text: `tenant=${ctx.tenant} user=${ctx.user} channel=${ctx.channel} admin=${ctx.isAdmin}` });
  },
});

export const fakeCommands: Command[] = [fakeGreeks, fakeScan, fakeSettings, fakeBroken, fakeWhoami] as unknown as Command[];
