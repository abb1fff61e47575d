/** Renders a reply as plain text for the terminal (and as the fallback for any platform). */
import type { Reply, ReplyTable } from '../reply.js';

export function renderText(reply: Reply): string {
  const lines: string[] = [];
  const mark = reply.kind === 'alert' ? '⚠ ALERT ' : reply.kind === 'post' ? '📣 ' : '';
  if (!reply.ok) return `✖ ${reply.error?.message ?? 'Something went wrong.'}`;
  if (reply.title) lines.push(`${mark}${stripMd(reply.title)}`, '');
  if (reply.text) lines.push(stripMd(reply.text), '');
  for (const f of reply.fields ?? []) {
    const value = stripMd(f.value);
    if (value.includes('\n')) lines.push(`${f.name}:`, ...value.split('\n').map((l) => `  ${l}`));
    else lines.push(`${f.name}: ${value}`);
  }
  if (reply.fields?.length) lines.push('');
  for (const t of reply.tables ?? []) lines.push(...table(t), '');
  if (reply.chart?.url) lines.push(`Chart: ${reply.chart.title} — ${reply.chart.url}`, '');
  if (reply.footer) lines.push(reply.footer);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

export function table(t: ReplyTable): string[] {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const cell = (v: string, i: number) => ((t.align?.[i] ?? 'left') === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0));
  const out: string[] = [];
  if (t.title) out.push(t.title);
  out.push(t.columns.map(cell).join('  ').trimEnd());
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of t.rows)
    out.push(
      t.columns
        .map((_, i) => cell(r[i] ?? '', i))
        .join('  ')
        .trimEnd(),
    );
  return out;
}

function stripMd(s: string): string {
  return s.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}
