/**
 * Issue #16's number and quoting attacks through the real clients, against the fake Slack and
 * Discord: the reply each user gets, and the one position that is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenant } from '../../src/portfolio/index.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { GUILD_ID } from './fakes/discord.js';
import { TEAM } from './fakes/slack.js';
import { DiscordHarness } from './discord-harness.js';
import { SlackHarness } from './slack-harness.js';

let bot: TestBot;
let symbol: string;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 120 });
  symbol = (await bot.services.market.universe()).find((u) => (u.price ?? 0) > 5 && (u.price ?? 0) < 100)?.symbol as string;
});
afterAll(async () => bot?.close());

describe('Slack: numbers and quotes', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(bot.services, bot.router, 'http');
  }, 30_000);
  afterAll(async () => h?.close());

  it('refuses 1e308 shares at $1e308 with one sentence and stores nothing', async () => {
    const out = await h.command('/portfolio', `add ${symbol} 1e308 1e308`);
    expect(out.ok).toBe(false);
    expect(out.text).toBe('"1e308" is not a valid quantity for /portfolio: expected a number above 0, at most 10,000,000.');
    expect((await loadTenant(bot.services.store, `slack:${TEAM}`)).positions).toHaveLength(0);
  });

  it('keeps notes="breakout retest" whole and shows 1.5 shares as 1.5', async () => {
    const out = await h.command('/portfolio', `add ${symbol} 1.5 notes="breakout retest"`);
    expect(out.text).toMatch(new RegExp(`^Added P\\d+ to your portfolio\\nLong 1\\.5 shares of \\*${symbol}\\* at`));
    const [p] = (await loadTenant(bot.services.store, `slack:${TEAM}`)).positions;
    expect(p).toMatchObject({ quantity: 1.5, notes: 'breakout retest' });
  });
});

describe('Discord: numbers', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await DiscordHarness.start(bot.services, bot.router);
  }, 30_000);
  afterAll(async () => h?.close());

  it('registers the bounds with Discord, so the client itself refuses them', () => {
    const portfolio = h.fake.commands.find((c) => c.name === 'portfolio') as unknown as { options: { name: string; max_value?: number; min_value?: number }[] };
    expect(portfolio.options.find((o) => o.name === 'quantity')).toMatchObject({ min_value: 0, max_value: 10_000_000 });
    expect(portfolio.options.find((o) => o.name === 'price')).toMatchObject({ max_value: 1_000_000 });
  });

  it('refuses 1e12 shares sent past the client, and an entry 1,000× the market, privately', async () => {
    const add = (extra: { name: string; type: number; value: unknown }[]) =>
      h.command('portfolio', [{ name: 'action', type: 3, value: 'add' }, { name: 'ticker', type: 3, value: symbol }, ...extra]);
    const huge = await add([{ name: 'quantity', type: 10, value: 1e12 }]);
    expect(huge.finalEphemeral).toBe(true);
    expect(huge.text).toBe('1000000000000 is not a valid quantity for /portfolio: expected a number above 0, at most 10,000,000.');
    const q = (await bot.services.market.quotes([symbol]))[0]?.price as number;
    const far = await add([
      { name: 'quantity', type: 10, value: 10 },
      { name: 'price', type: 10, value: Number((q * 1000).toFixed(2)) },
    ]);
    expect(far.text).toMatch(/^Entry \$[\d,.]+ is 99,9\d\d% above the market price \$[\d.]+; check it, or add confirm=true to record it anyway\.$/);
    expect((await loadTenant(bot.services.store, `discord:${GUILD_ID}`)).positions).toHaveLength(0);
  });
});
