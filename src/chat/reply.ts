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

export interface Reply {
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
  data?: unknown;
}

export type ReplyBody = Omit<Reply, 'ok' | 'command' | 'error'>;

export function okReply(command: string, body: ReplyBody): Reply {
  return { ok: true, command, severity: 'info', ...body };
}

export function errorReply(command: string, code: string, message: string, extra: ReplyBody = {}): Reply {
  return { ok: false, command, severity: 'error', ephemeral: true, ...extra, error: { code, message }, text: message };
}
