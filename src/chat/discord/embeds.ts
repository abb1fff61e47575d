/**
 * Renders a Reply as Discord messages ("pages") of embeds within Discord's limits: 4,096 chars a
 * description, 25 fields of 1,024 chars, 6,000 chars and 10 embeds a message. Tables become
 * monospace code blocks split across embeds and pages; nothing is dropped — overflow moves on to
 * the next embed or page, which the user reaches with buttons.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import { chunkText, codeBlock, tableChunks } from '../render/split.js';
import { navButtons, type NavButton } from '../render/nav.js';
import { pageButtonId } from '../render/pages.js';
import type { Reply, Severity } from '../reply.js';

export const LIMITS = { description: 4096, fields: 25, field: 1024, fieldName: 256, title: 256, footer: 2048, embed: 6000, embeds: 10, imageUrl: 2048 };
/** Table chunks are kept well under the description limit so a page holds a few of them. */
const TABLE_CHUNK = 1900;
/** Characters of fields per embed, leaving room in the 6,000 for a footer. */
const FIELD_EMBED = 5000;
const COLORS: Record<Severity, number> = { info: 0x3b82f6, success: 0x22c55e, warning: 0xf59e0b, error: 0xef4444 };

export interface DiscordPage {
  embeds: APIEmbed[];
  /** Buttons that re-run the command (e.g. /greeks calls/puts, next expiry), kept on every page. */
  nav?: NavButton[];
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fieldParts(reply: Reply): APIEmbedField[] {
  return (reply.fields ?? []).flatMap((f) =>
    chunkText(f.value || '—', LIMITS.field).map((value, i) => ({
      name: clip(i === 0 ? f.name || '\u200b' : `${f.name} (cont.)`, LIMITS.fieldName),
      value,
      inline: f.inline ?? false,
    })),
  );
}

export interface RenderOptions {
  /** Name of an attached PNG of the chart (`attachment://…`), used when the chart's URL is too long to embed. */
  chartFile?: string;
}

/** Whether the chart needs a rendered attachment: its URL is missing or over Discord's limit, and a config exists. */
export const needsChartFile = (reply: Reply): boolean => !!reply.chart?.config && !(reply.chart.url && reply.chart.url.length <= LIMITS.imageUrl);

/** The reply's content as a flat list of embeds, in reading order. */
function drafts(reply: Reply, opts: RenderOptions): APIEmbed[] {
  const color = COLORS[reply.severity ?? (reply.ok ? 'info' : 'error')];
  const out: APIEmbed[] = [];
  const texts = reply.text ? chunkText(reply.text, LIMITS.description) : [];
  const head: APIEmbed = { color };
  if (reply.title) head.title = clip(reply.title, LIMITS.title);
  if (texts[0]) head.description = texts[0];
  out.push(head);
  for (const t of texts.slice(1)) out.push({ color, description: t });
  // Fields go into the head embed while they fit, then into as many embeds as needed.
  let holder: APIEmbed = head;
  for (const f of fieldParts(reply)) {
    const fields = holder.fields ?? [];
    if (fields.length >= LIMITS.fields || embedSize(holder) + f.name.length + f.value.length > FIELD_EMBED) {
      holder = { color, fields: [] };
      out.push(holder);
    }
    holder.fields = [...(holder.fields ?? []), f];
  }
  if (reply.chart?.url && reply.chart.url.length <= LIMITS.imageUrl) {
    head.image = { url: reply.chart.url };
  } else if (reply.chart && opts.chartFile) {
    head.image = { url: `attachment://${opts.chartFile}` };
  } else if (reply.chart) {
    out.push({ color, description: `Chart "${reply.chart.title}" could not be embedded (its address is too long).` });
  }
  for (const table of reply.tables ?? []) {
    for (const chunk of tableChunks(table, TABLE_CHUNK)) {
      const title = [table.title, chunk.label].filter(Boolean).join(' · ');
      out.push({ color, ...(title ? { title: clip(title, LIMITS.title) } : {}), description: codeBlock(chunk.body) });
    }
  }
  return out.filter((e) => e.title || e.description || e.fields?.length || e.image);
}

export function renderPages(reply: Reply, opts: RenderOptions = {}): DiscordPage[] {
  const footer = reply.footer ? clip(reply.footer, 1900) : '';
  const budget = LIMITS.embed - footer.length - 40;
  const pages: DiscordPage[] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const embed of drafts(reply, opts)) {
    const n = embedSize(embed);
    if (current.length > 0 && (current.length >= LIMITS.embeds || size + n > budget)) {
      pages.push({ embeds: current });
      current = [];
      size = 0;
    }
    current.push(embed);
    size += n;
  }
  if (current.length > 0 || pages.length === 0) pages.push({ embeds: current.length ? current : [{ description: '(no content)' }] });
  pages.forEach((page, i) => {
    const parts = [footer, pages.length > 1 ? `page ${i + 1}/${pages.length}` : ''].filter(Boolean);
    const last = page.embeds[page.embeds.length - 1];
    if (last && parts.length) last.footer = { text: parts.join(' · ') };
    if (i > 0 && reply.title && !page.embeds[0]?.title) page.embeds[0] = { ...page.embeds[0], title: clip(`${reply.title} (cont.)`, LIMITS.title) };
  });
  return pages;
}

/** The reply as pages, each carrying the reply's navigation buttons. */
export function replyPages(reply: Reply, opts: RenderOptions = {}): DiscordPage[] {
  const nav = navButtons(reply);
  return renderPages(reply, opts).map((p) => (nav.length ? { ...p, nav } : p));
}

/** Previous / position / next buttons for page `index` of `count`, stored under `id`. */
export function pagingRow(id: string, index: number, count: number): APIActionRowComponent<APIButtonComponent> {
  const button = (custom_id: string, label: string, disabled: boolean): APIButtonComponent => ({ type: 2, style: 2, custom_id, label, disabled });
  return {
    type: 1,
    components: [
      button(pageButtonId(id, Math.max(0, index - 1), 'prev'), '◀ Prev', index === 0),
      button(pageButtonId(id, index, 'pos'), `${index + 1} / ${count}`, true),
      button(pageButtonId(id, Math.min(count - 1, index + 1), 'next'), 'Next ▶', index >= count - 1),
    ],
  };
}

export function navRow(nav: NavButton[]): APIActionRowComponent<APIButtonComponent> {
  return { type: 1, components: nav.slice(0, 5).map((b) => ({ type: 2, style: 1, custom_id: b.id, label: b.label.slice(0, 80) })) };
}

/** An error reply is one sentence, sent as plain content. */
export const errorSentence = (reply: Reply): string => defuseMentions(clip(reply.error?.message ?? reply.text ?? 'Something went wrong.', 1990));

/**
 * Error sentences go in a message's content, where mention syntax is live; they often quote what
 * the user typed. allowedMentions already stops the ping; this keeps the text from even looking
 * like one (a zero-width space after the `@`), should a message ever be sent without it.
 */
export const defuseMentions = (text: string): string => text.replace(/@(everyone|here)\b/gi, '@\u200b$1').replace(/<@([!&]?\d)/g, '<@\u200b$1');
