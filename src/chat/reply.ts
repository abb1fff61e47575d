/**
 * The platform-neutral reply every command returns. Adapters render it (console text or JSON,
 * Discord embeds, Slack blocks) within their own limits; `data` is the structured result the
 * text was rendered from and is what `--json` users and tests read.
 */
export type Severity = 'info' | 'success' | 'warning' | 'error';

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface ReplyTable {
  title?: string;
  columns: string[];
  rows: string[][];
  /** Right-align numeric columns; defaults to left. */
  align?: ('left' | 'right')[];
}

export interface ReplyChart {
  title: string;
  /** A chart URL (quickchart) adapters can embed. */
  url?: string;
  /** The chart.js config the URL was built from, for adapters that render locally. */
  config?: unknown;
}

export interface ReplyError {
  code: string;
  message: string;
}

/**
 * A button under the reply: clicking it runs `command` with these named options (validated by the
 * command's own args schema, like a typed invocation). Adapters render these and nothing else;
 * they never infer buttons from `data`. Paging through a long render stays with the adapter.
 */
export interface ReplyAction {
  /** What the button does: step to another page of results, flip calls/puts, another expiry, or open a scan pick's options. */
  kind: 'page' | 'flip' | 'expiry' | 'pick';
  label: string;
  command: string;
  options: Record<string, string | number | boolean>;
}

/**
 * Whom a scheduled alert is for, when it belongs to one person's book: delivery routes it by that
 * person's preference (DM, mention, channel). Absent: the channel it was addressed to.
 */
export interface ReplyRecipient {
  tenant: string;
  /** Platform-prefixed user id, e.g. `discord:1234`. */
  user: string;
}

export interface Reply<D = unknown> {
  ok: boolean;
  command: string;
  /** Replies to a user have no kind or 'reply'; scheduled posts and alerts say so. */
  kind?: 'reply' | 'post' | 'alert';
  title?: string;
  /** Markdown-lite: **bold**, `code`, line breaks. */
  text?: string;
  fields?: ReplyField[];
  tables?: ReplyTable[];
  chart?: ReplyChart;
  /** Source and as-of line, e.g. "Yahoo Finance · 2026-11-26 10:31 ET · delayed 15 min". */
  footer?: string;
  severity?: Severity;
  /** Only the asking user sees it (personal portfolio, errors). */
  ephemeral?: boolean;
  error?: ReplyError;
  /** Buttons: flip call/put, next expiry, next page of results. */
  actions?: ReplyAction[];
  recipient?: ReplyRecipient;
  /** The structured result; its shape is the command's exported `dataSchema` (the `--json` contract). */
  data?: D;
}

export type ReplyBody<D = unknown> = Omit<Reply<D>, 'ok' | 'command' | 'error'>;

export function okReply<const D>(command: string, body: ReplyBody<D>): Reply<D> {
  return { ok: true, command, severity: 'info', ...body };
}

/** An error reply has no `data`, so it fits any command's `Reply<D>`. */
export function errorReply(command: string, code: string, message: string, extra: ReplyBody<never> = {}): Reply<never> {
  return { ok: false, command, severity: 'error', ephemeral: true, ...extra, error: { code, message }, text: message };
}
