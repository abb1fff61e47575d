import { describe, expect, it } from 'vitest';
import { embedSize, LIMITS as D, renderPages } from '../../src/chat/discord/embeds.js';
import { chunkText, tableChunks, tableLines } from '../../src/chat/render/split.js';
import type { Reply, ReplyTable } from '../../src/chat/reply.js';
import { LIMITS as S, renderBlocks } from '../../src/chat/slack/blocks.js';
import { escapeText, toMrkdwn } from '../../src/chat/slack/escape.js';
import { missingRows } from './contract.js';

const rows = (n: number, width = 1) => Array.from({ length: n }, (_, i) => [String(i + 1), `SYM${i}`, 'x'.repeat(width), `<${i}> & ok`]);

/** Rows wider than any block are hard-wrapped: joined back, each is whole. */
function wideRowsMissing(all: string): string[] {
  const flat = all.replace(/\n/g, '');
  return tableLines(huge.tables?.[1] as ReplyTable).rows.filter((r) => !flat.includes(r));
}

/** A reply over every limit at once. */
const huge: Reply = {
  ok: true,
  command: 'scan',
  title: 'T'.repeat(400),
  text: Array.from({ length: 900 }, (_, i) => `line ${i} ${'y'.repeat(20)}`).join('\n'),
  fields: Array.from({ length: 60 }, (_, i) => ({ name: `field ${i}`, value: `v${i} `.repeat(700) })),
  tables: [
    { title: 'Picks', columns: ['#', 'symbol', 'pad', 'why'], rows: rows(700) },
    { title: 'Wide', columns: ['#', 'symbol', 'pad', 'why'], rows: rows(40, 1000) },
  ],
  chart: { title: 'chart', url: 'https://quickchart.io/chart?c=x' },
  footer: 'Simulated market · 2026-12-01 11:00 ET',
};

describe('splitting', () => {
  it('chunks text on lines without losing any', () => {
    const text = ['a'.repeat(10), 'b'.repeat(25), 'c'.repeat(3)].join('\n');
    const chunks = chunkText(text, 12);
    expect(chunks.every((c) => c.length <= 12)).toBe(true);
    expect(chunks.join('').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
  });

  it('chunks a table under the limit, repeating the header, keeping every row once', () => {
    const chunks = tableChunks({ columns: ['#', 'sym', 'pad', 'why'], rows: rows(300) }, 500);
    expect(chunks.every((c) => c.body.length <= 492)).toBe(true);
    expect(chunks.every((c) => c.body.startsWith('#'))).toBe(true);
    expect(chunks.map((c) => c.last - c.first + 1).reduce((a, b) => a + b)).toBe(300);
    expect(chunks[1]?.label).toMatch(/^rows \d+–\d+ of 300$/);
  });

  it('spreads a row wider than a whole chunk over several chunks, losing no character', () => {
    const giant = {
      columns: ['#', 'why'],
      rows: [
        ['1', 'z'.repeat(5000)],
        ['2', 'ok'],
      ],
    };
    const chunks = tableChunks(giant, 1000);
    expect(chunks.every((c) => c.body.length <= 992)).toBe(true);
    const body = chunks.map((c) => c.body.split('\n').slice(2).join('')).join('');
    expect(body).toBe(tableLines(giant).rows.join(''));
  });
});

describe('Discord rendering', () => {
  const pages = renderPages(huge);
  const embeds = pages.flatMap((p) => p.embeds);

  it('keeps every page inside Discord limits', () => {
    for (const p of pages) {
      expect(p.embeds.length).toBeLessThanOrEqual(D.embeds);
      expect(p.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(D.embed);
    }
    for (const e of embeds) {
      expect((e.description ?? '').length).toBeLessThanOrEqual(D.description);
      expect((e.title ?? '').length).toBeLessThanOrEqual(D.title);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(D.fields);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(D.field);
    }
  });

  it('loses nothing: all text, every field value and every row', () => {
    const all = embeds.map((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)].join('\n')).join('\n');
    expect(missingRows({ ...huge, tables: huge.tables?.slice(0, 1) }, all)).toEqual([]);
    expect(wideRowsMissing(all)).toEqual([]);
    for (let i = 0; i < 900; i += 97) expect(all).toContain(`line ${i} `);
    const f59 = embeds.flatMap((e) => e.fields ?? []).filter((f) => f.name.startsWith('field 59'));
    expect(
      f59
        .map((f) => f.value)
        .join('')
        .replace(/\n/g, ''),
    ).toBe('v59 '.repeat(700));
    expect(pages[0]?.embeds[0]?.image?.url).toBe(huge.chart?.url);
    expect(pages.at(-1)?.embeds.at(-1)?.footer?.text).toMatch(/Simulated market .* page \d+\/\d+$/);
  });
});

describe('Slack rendering', () => {
  const pages = renderBlocks(huge);

  it('keeps every page inside Slack limits', () => {
    for (const p of pages) {
      expect(p.blocks.length).toBeLessThanOrEqual(S.blocks - 1);
      for (const b of p.blocks as { type: string; text?: { text: string }; fields?: unknown[] }[]) {
        if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(S.section);
        if (b.fields) expect(b.fields.length).toBeLessThanOrEqual(S.fields);
      }
    }
  });

  it('loses no row, and escapes user text', () => {
    const all = pages
      .flatMap((p) => p.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? '')
      .join('\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(missingRows({ ...huge, tables: huge.tables?.slice(0, 1) }, all)).toEqual([]);
    expect(wideRowsMissing(all)).toEqual([]);
    expect(JSON.stringify(pages)).not.toMatch(/<\d+>/);
  });

  it('neutralises broadcasts and converts bold', () => {
    expect(escapeText('<!everyone> @here & <@U1>')).toBe('&lt;!everyone&gt; @\u200dhere &amp; &lt;@U1&gt;');
    expect(toMrkdwn('**IV** 42%')).toBe('*IV* 42%');
  });
});
