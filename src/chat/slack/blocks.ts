/**
 * Renders a Reply as Slack Block Kit messages ("pages") within Slack's limits: 50 blocks a
 * message, 3,000 characters a section, 10 fields a section. Tables become code blocks split into
 * sections and pages; nothing is dropped — overflow goes to the next page, reached with buttons.
 */
import type { types } from '@slack/bolt';
import type { NavButton } from '../render/nav.js';
import { pageButtonId } from '../render/pages.js';
import { chunkText, codeBlock, tableChunks } from '../render/split.js';
import type { Reply } from '../reply.js';
import { escapeText, toMrkdwn } from './escape.js';

export const LIMITS = { blocks: 50, section: 3000, fields: 10, field: 2000, header: 150, imageUrl: 3000 };
/** Blocks and characters per page, leaving room for the footer and the paging buttons. */
const PAGE_BLOCKS = 45;
const PAGE_CHARS = 12_000;
const TABLE_CHUNK = 2900;

export type SlackBlock = types.KnownBlock | types.Block;

export interface SlackPage {
  /** Notification / fallback text. */
  text: string;
  blocks: SlackBlock[];
  /** Buttons that re-run the command (e.g. /greeks calls/puts, next expiry), kept on every page. */
  nav?: NavButton[];
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const size = (b: SlackBlock): number => JSON.stringify(b).length;

export interface RenderOptions {
  /** The chart's URL is too long for an image block and a rendered PNG is uploaded after the message. */
  chartUploaded?: boolean;
}

/** Whether the chart needs an uploaded PNG: its URL is missing or over Slack's limit, and a config exists. */
export const needsChartUpload = (reply: Reply): boolean => !!reply.chart?.config && !(reply.chart.url && reply.chart.url.length <= LIMITS.imageUrl);

function drafts(reply: Reply, opts: RenderOptions): SlackBlock[] {
  const out: SlackBlock[] = [];
  if (reply.title) out.push({ type: 'header', text: { type: 'plain_text', text: clip(reply.title, LIMITS.header), emoji: true } });
  if (reply.text) for (const chunk of chunkText(toMrkdwn(reply.text), LIMITS.section)) out.push(section(chunk));
  const fields = (reply.fields ?? []).flatMap((f) =>
    chunkText(toMrkdwn(f.value || '—'), LIMITS.field - 300).map((v, i) => ({
      type: 'mrkdwn' as const,
      text: `*${escapeText(clip(f.name, 250))}${i ? ' (cont.)' : ''}*\n${v}`,
    })),
  );
  for (let i = 0; i < fields.length; i += LIMITS.fields) out.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fields) });
  if (reply.chart?.url && reply.chart.url.length <= LIMITS.imageUrl) {
    out.push({
      type: 'image',
      image_url: reply.chart.url,
      alt_text: clip(reply.chart.title || 'chart', 2000),
      title: { type: 'plain_text', text: clip(reply.chart.title || 'Chart', 2000) },
    });
  } else if (reply.chart && opts.chartUploaded) {
    out.push(section(`Chart "${escapeText(reply.chart.title)}" follows as an image.`));
  } else if (reply.chart) {
    out.push(section(`Chart "${escapeText(reply.chart.title)}" could not be shown (its address is too long).`));
  }
  for (const table of reply.tables ?? []) {
    // Measured escaped, so escaping never pushes a section past its limit.
    for (const chunk of tableChunks(table, TABLE_CHUNK - 200, 8, (s) => escapeText(s).length)) {
      const label = [table.title ? `*${escapeText(clip(table.title, 150))}*` : '', chunk.label].filter(Boolean).join(' · ');
      out.push(section(`${label ? `${label}\n` : ''}${codeBlock(escapeText(chunk.body))}`));
    }
  }
  return out;
}

export function renderBlocks(reply: Reply, opts: RenderOptions = {}): SlackPage[] {
  const text = escapeText(clip(reply.title ?? reply.text ?? reply.command, 300));
  const groups: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const block of drafts(reply, opts)) {
    const n = size(block);
    if (current.length > 0 && (current.length >= PAGE_BLOCKS || chars + n > PAGE_CHARS)) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += n;
  }
  if (current.length || groups.length === 0) groups.push(current);
  return groups.map((blocks, i) => {
    const parts = [reply.footer ? escapeText(reply.footer) : '', groups.length > 1 ? `page ${i + 1}/${groups.length}` : ''].filter(Boolean);
    const footer: SlackBlock[] = parts.length ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: clip(parts.join(' · '), 3000) }] }] : [];
    return { text, blocks: [...blocks, ...footer] };
  });
}

/** Prev / Next buttons for page `index` of `count` (Slack has no disabled buttons: ends omit them). */
export function pagingBlock(id: string, index: number, count: number): SlackBlock {
  const elements = [];
  if (index > 0)
    elements.push({
      type: 'button' as const,
      action_id: 'page_prev',
      text: { type: 'plain_text' as const, text: '◀ Prev' },
      value: pageButtonId(id, index - 1),
    });
  if (index < count - 1)
    elements.push({
      type: 'button' as const,
      action_id: 'page_next',
      text: { type: 'plain_text' as const, text: 'Next ▶' },
      value: pageButtonId(id, index + 1),
    });
  return { type: 'actions', block_id: 'paging', elements };
}

export function navBlock(nav: NavButton[]): SlackBlock {
  return {
    type: 'actions',
    block_id: 'nav',
    elements: nav
      .slice(0, 5)
      .map((b, i) => ({ type: 'button' as const, action_id: `nav_${i}`, text: { type: 'plain_text' as const, text: b.label.slice(0, 75) }, value: b.id })),
  };
}

/** An error reply is one escaped sentence. */
export const errorSentence = (reply: Reply): string => escapeText(clip(reply.error?.message ?? reply.text ?? 'Something went wrong.', 2900));
