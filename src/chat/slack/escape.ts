/**
 * Slack mrkdwn safety. Slack reads `<…>` as links and mentions (`<!everyone>`, `<@U123>`), so
 * every piece of text the bot did not write itself must have `&`, `<`, `>` escaped; the bare words
 * @everyone/@channel/@here get a zero-width joiner so no client turns them into a broadcast.
 */
const BROADCAST = /@(everyone|channel|here)\b/gi;

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BROADCAST, '@\u200d$1');
}

/** The reply's Markdown-lite (`**bold**`, `` `code` ``) as escaped Slack mrkdwn (`*bold*`). */
export function toMrkdwn(text: string): string {
  return escapeText(text).replace(/\*\*([^*\n]+)\*\*/g, '*$1*');
}
