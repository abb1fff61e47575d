/**
 * Splitting helpers shared by the Discord and Slack renderers. Every platform has a per-block
 * character limit; these cut on line boundaries and never drop content: concatenating the chunks
 * gives back every line (long lines are hard-wrapped, not truncated).
 */
import type { ReplyTable } from '../reply.js';

/** Splits text into chunks of at most `max` characters, preferring line breaks. */
export function chunkText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be positive');
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => hardWrap(l, max))) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= max) {
      current = next;
      continue;
    }
    if (current !== '') chunks.push(current);
    current = line;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}

function hardWrap(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const out: string[] = [];
  for (let i = 0; i < line.length; i += max) out.push(line.slice(i, i + max));
  return out;
}

/** Pads a table into monospace lines: header, rule, one line per row. */
export function tableLines(table: ReplyTable): { header: string[]; rows: string[] } {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string =>
    widths
      .map((w, i) => {
        const cell = (cells[i] ?? '').replace(/\n/g, ' ');
        return table.align?.[i] === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return {
    header: [fmt(table.columns), widths.map((w) => '-'.repeat(w)).join('  ')],
    rows: table.rows.map(fmt),
  };
}

export interface TableChunk {
  /** `rows 1–20 of 57`, or empty when the table fits in one chunk. */
  label: string;
  /** Monospace body (header + rows), without code fences. */
  body: string;
  first: number;
  last: number;
}

/**
 * Cuts a table into chunks whose body (plus `fence` characters of code-block markup) fits in
 * `max` (as measured by `measure`, e.g. the escaped length); each chunk repeats the header so
 * every page reads on its own. Rows are never dropped: a wide row is hard-wrapped, and one wider
 * than a whole chunk continues in the next.
 */
export function tableChunks(table: ReplyTable, max: number, fence = 8, measure: (s: string) => number = (s) => s.length): TableChunk[] {
  const { header, rows } = tableLines(table);
  const budget = max - fence;
  // The header only labels the rows: one wider than an eighth of a chunk is clipped, so rows have room.
  const maxHead = Math.max(10, Math.floor(budget / 8));
  const head = header.map((l) => (measure(l) <= maxHead ? l : `${l.slice(0, Math.floor(maxHead / Math.max(1, measure(l) / l.length)) - 1)}…`)).join('\n');
  const headSize = measure(head);
  const groups: { lines: string[]; first: number; last: number }[] = [];
  let group: { lines: string[]; first: number; last: number } | undefined;
  let size = headSize;
  rows.forEach((row, i) => {
    // Wrap by measured size: a row whose escaped form is longer wraps sooner.
    const ratio = Math.max(1, measure(row) / Math.max(1, row.length));
    const lines = hardWrap(row, Math.max(10, Math.floor((budget - headSize - 1) / ratio)));
    const add = lines.reduce((n, l) => n + measure(l) + 1, 0);
    // Keep a row's lines together when they fit in one chunk; a giant row spans chunks.
    const together = add <= budget - headSize;
    for (const [k, line] of lines.entries()) {
      const need = together && k === 0 ? add : measure(line) + 1;
      if (!group || size + need > budget) {
        group = { lines: [], first: i, last: i };
        groups.push(group);
        size = headSize;
      }
      group.lines.push(line);
      group.last = i;
      size += measure(line) + 1;
    }
  });
  if (groups.length === 0) return [{ label: '', body: `${head}\n(no rows)`, first: 0, last: -1 }];
  const total = rows.length;
  return groups.map((g) => ({
    label: groups.length > 1 ? `rows ${g.first + 1}–${g.last + 1} of ${total}` : '',
    body: [head, ...g.lines].join('\n'),
    first: g.first,
    last: g.last,
  }));
}

/** Code block for a monospace body; neutralises a closing fence inside the data. */
export function codeBlock(body: string): string {
  return '```\n' + body.replace(/```/g, '`\u200b``') + '\n```';
}
