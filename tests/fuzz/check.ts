/** What every reply to fuzzed input must be: one clear sentence or a rendered answer, never a stack trace or a ping. */
import { errorSentence as discordError, renderPages } from '../../src/chat/discord/embeds.js';
import { renderText } from '../../src/chat/render/text.js';
import type { Reply } from '../../src/chat/reply.js';
import { errorSentence as slackError, renderBlocks } from '../../src/chat/slack/blocks.js';

const STACK = /\n\s+at\s|\bat .+:\d+:\d+\)?|(?:Type|Reference|Range|Syntax)Error|\bundefined is not\b|\[object Object\]|node_modules|\.ts:\d+/;
/** Mentions that would notify someone in Slack mrkdwn or a Discord message content. */
const SLACK_PING = /<!(?:everyone|here|channel|subteam)|<@[UW][A-Z0-9]+>|(?<!\u200d)@(?:everyone|here|channel)\b/i;
const DISCORD_PING = /(?<!\u200b)@(?:everyone|here)\b|<@[!&]?\d+>/i;

export function problems(reply: unknown, input: string): string[] {
  const out: string[] = [];
  const r = reply as Reply;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return [`not a reply: ${JSON.stringify(reply)?.slice(0, 200)}`];
  if (!r.ok) {
    const e = r.error;
    if (!e || typeof e.code !== 'string' || !e.code) out.push('error reply without a code');
    const msg = e?.message ?? '';
    if (!msg.trim()) out.push('error reply without a sentence');
    if (msg.length > 600) out.push(`error sentence of ${msg.length} chars`);
    if (msg.includes('\n')) out.push('error sentence spans lines');
    if (e?.code === 'INTERNAL') out.push(`INTERNAL error (a command crashed): ${msg}`);
  }
  const text = r.ok ? renderText(r) : (r.error?.message ?? '');
  if (STACK.test(text)) out.push(`stack trace or internals in the reply: ${text.match(STACK)?.[0]}`);
  const slack = JSON.stringify(r.ok ? renderBlocks(r) : slackError(r));
  if (SLACK_PING.test(slack)) out.push(`Slack payload would ping: ${slack.match(SLACK_PING)?.[0]}`);
  const discord = r.ok ? JSON.stringify(renderPages(r).flatMap((p) => p.embeds.map((e) => e.description ?? ''))) : discordError(r);
  if (!r.ok && DISCORD_PING.test(discord)) out.push(`Discord content would ping: ${discord.match(DISCORD_PING)?.[0]}`);
  return out.map((p) => `${input.slice(0, 160)} → ${p}`);
}
