/**
 * Fuzz through the real clients (issue #16): seeded hostile slash commands to the real Slack
 * adapter over signed HTTP and to the real Discord adapter over the gateway, against the fake
 * servers. Each interaction is acknowledged once and answered once, every message goes out with
 * mentions disabled (Discord) or escaped (Slack), and the bot keeps answering afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/chat/command.js';
import { describeOptions } from '../../src/chat/options.js';
import { discordOptionName } from '../../src/chat/discord/definitions.js';
import { APP_ID } from '../adapters/fakes/discord.js';
import { DiscordHarness } from '../adapters/discord-harness.js';
import { SlackHarness } from '../adapters/slack-harness.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { discordOptions, prng, slackText } from './inputs.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const N = 60;
const SLACK_PING = /<!(?:everyone|here|channel|subteam)|<@[UW][A-Z0-9]+>|(?<!\u200d)@(?:everyone|here|channel)\b/i;
const STACK = /\n\s+at\s|(?:Type|Reference|Range)Error|node_modules|\.ts:\d+/;

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 120 });
});
afterAll(async () => bot?.close());

describe('fuzz through the real Slack client (HTTP, signed)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(bot.services, bot.router, 'http');
  }, 30_000);
  afterAll(async () => h?.close());

  it(`acks and answers ${N} hostile slash commands exactly once each, never pinging`, async () => {
    const r = prng(SEED + 11);
    const found: string[] = [];
    for (let i = 0; i < N; i++) {
      const c = bot.router.commands[i % bot.router.commands.length] as Command;
      const text = slackText(r, c);
      const out = await h.command(`/${c.name}`, text);
      const raw = JSON.stringify(out.payloads.map((p) => p.body));
      if (out.ackStatus !== 200) found.push(`/${c.name} ${text}: ack ${out.ackStatus}`);
      const finals = out.payloads.filter((p) => !String(p.body.text ?? '').startsWith('⏳') && p.body.replace_original !== true);
      if (finals.length !== 1) found.push(`/${c.name} ${text}: ${finals.length} answers`);
      if (SLACK_PING.test(raw)) found.push(`/${c.name} ${text}: would ping ${raw.match(SLACK_PING)?.[0]}`);
      if (STACK.test(out.text)) found.push(`/${c.name} ${text}: stack trace`);
    }
    expect(found.slice(0, 10)).toEqual([]);
    expect((await h.command('/help', '')).ok).toBe(true);
  }, 60_000);
});

describe('fuzz through the real Discord client (gateway + REST)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await DiscordHarness.start(bot.services, bot.router);
  }, 30_000);
  afterAll(async () => h?.close());

  it(`defers and answers ${N} hostile interactions exactly once each, with mentions disabled`, async () => {
    const r = prng(SEED + 12);
    const found: string[] = [];
    for (let i = 0; i < N; i++) {
      const c = bot.router.commands[i % bot.router.commands.length] as Command;
      const named = discordOptions(r, c);
      const kinds = new Map(describeOptions(c.args).map((o) => [o.name, o.kind]));
      // Discord delivers typed values; a mistyped one arrives as the type the option declares.
      const options = Object.entries(named)
        .filter(([k, v]) => kinds.has(k) && v !== undefined && v !== null)
        .map(([k, v]) => ({
          name: discordOptionName(k),
          type: { string: 3, integer: 4, boolean: 5, number: 10 }[kinds.get(k) ?? 'string'],
          value: typeof v === 'object' ? JSON.stringify(v) : v,
        }));
      const dm = r() < 0.3;
      const out = await h.command(c.name, options, { dm, admin: r() < 0.5 });
      const label = `/${c.name} ${JSON.stringify(options).slice(0, 120)}`;
      const callbacks = out.payloads.filter((p) => p.method === 'POST' && p.path.endsWith('/callback'));
      if (callbacks.length !== 1) found.push(`${label}: ${callbacks.length} acknowledgements`);
      const messages = out.payloads.filter(
        (p) =>
          (p.method === 'PATCH' || (p.method === 'POST' && p.path === `/webhooks/${APP_ID}/${p.path.split('/')[3]}`)) &&
          !String((p.body as { content?: string }).content ?? '').startsWith('⏳'),
      );
      if (messages.length < 1) found.push(`${label}: no answer`);
      for (const m of messages) {
        const body = (m.body ?? {}) as { allowed_mentions?: { parse?: unknown[] }; content?: string };
        if (!body.allowed_mentions || (body.allowed_mentions.parse ?? []).length) found.push(`${label}: sent without allowed_mentions { parse: [] }`);
        if (/(?<!\u200b)@(?:everyone|here)\b|<@[!&]?\d+>/.test(body.content ?? '')) found.push(`${label}: content looks like a ping`);
      }
      if (STACK.test(out.text)) found.push(`${label}: stack trace`);
    }
    expect(found.slice(0, 10)).toEqual([]);
  }, 90_000);
});
