/** Contract harnesses for Discord and Slack, and the bots the contract runs on. */
import { parseLine } from '../../src/chat/parse.js';
import { describeOptions } from '../../src/chat/options.js';
import { discordOptionName } from '../../src/chat/discord/definitions.js';
import { createRouter } from '../../src/chat/router.js';
import type { Bot, Harness } from './contract.js';
import { DiscordHarness, type DiscordOutcome } from './discord-harness.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices } from './support.js';

const TYPES = { string: 3, integer: 4, boolean: 5, number: 10 } as const;

/** What a Discord user fills in for `/name a b k=v`: bare words fill positional options in order. */
export function discordOptions(bot: Bot, line: string): { name: string; options: { name: string; type: number; value: unknown }[] } {
  const parsed = parseLine(line);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const command = bot.router.find(parsed.value.name);
  const infos = command ? describeOptions(command.args) : [];
  const open = [...(command?.positional ?? [])];
  const options = parsed.value.tokens.map((token) => {
    const kv = /^([a-zA-Z]\w*)=(.*)$/.exec(token);
    const name = kv?.[1] ?? open.shift() ?? 'extra';
    if (kv) open.splice(open.indexOf(name), 1);
    const info = infos.find((o) => o.name === name);
    const raw = kv ? (kv[2] ?? '') : token;
    const value = info?.kind === 'number' || info?.kind === 'integer' ? Number(raw) : info?.kind === 'boolean' ? raw === 'true' : raw;
    return { name: discordOptionName(name), type: TYPES[info?.kind ?? 'string'], value };
  });
  return { name: parsed.value.name, options };
}

/** Every Discord payload that can carry text sets allowed_mentions to parse nothing. */
export function discordMentionSafe(out: Pick<DiscordOutcome, 'payloads'>): boolean {
  return out.payloads.every((c) => {
    const body = (c.body ?? {}) as { data?: Record<string, unknown> } & Record<string, unknown>;
    const m = (body.data ?? body) as Record<string, unknown>;
    if (m.content === undefined && m.embeds === undefined) return true;
    const am = m.allowed_mentions as { parse?: unknown[]; users?: unknown[]; roles?: unknown[] } | undefined;
    return !!am && Array.isArray(am.parse) && am.parse.length === 0 && !am.users?.length && !am.roles?.length;
  });
}

export async function discordHarness(bot: Bot): Promise<Harness> {
  const h = await DiscordHarness.start(bot.services, bot.router);
  return {
    async run(line) {
      const { name, options } = discordOptions(bot, line);
      const out = await h.command(name, options);
      return { ackMs: out.ackMs, ok: out.ok, ephemeral: out.finalEphemeral, text: out.text, pages: out.pages, mentionSafe: discordMentionSafe(out) };
    },
    close: () => h.close(),
  };
}

export function slackHarness(mode: 'http' | 'socket') {
  return async (bot: Bot): Promise<Harness> => {
    const h = await SlackHarness.start(bot.services, bot.router, mode);
    return {
      async run(line) {
        const [head = '', ...rest] = line.trim().split(/\s+/);
        const out = await h.command(head, rest.join(' '));
        const raw = JSON.stringify(out.payloads.map((p) => p.body));
        const mentionSafe = !/<!(everyone|channel|here)\b|<@[UW]|@(everyone|channel|here)\b/i.test(raw);
        return { ackMs: out.ackMs, ok: out.ok, ephemeral: out.ephemeral, text: out.text, pages: out.pages, mentionSafe };
      },
      close: () => h.close(),
    };
  };
}

export async function fakeBot(delayMs = 0): Promise<Bot> {
  return { services: await fakeServices(delayMs), router: createRouter(fakeCommands) };
}

/** The contract's scenarios with the fake commands: exact tables, a long scan, a note to echo. */
export const fakeScenarios = {
  makeBot: fakeBot,
  greeks: '/greeks ABCD',
  scan: '/scan',
  badTicker: '/greeks ZZZZ',
  long: '/scan 400',
  ping: ['/greeks @everyone', '/greeks <!everyone>', '/scan note=@here', '/scan note=<!channel>', '/scan note=<@U0OTHER>'],
};
