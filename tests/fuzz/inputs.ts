/**
 * Seeded generators of hostile input, in the shapes each platform delivers: a Slack slash
 * command's text line (with Slack's &lt; &gt; &amp; escaping), Discord's typed named options, and
 * button ids / action values. The same seed gives the same inputs, so a failure is reproducible.
 */
import type { Command } from '../../src/chat/command.js';
import { describeOptions } from '../../src/chat/options.js';
import { tokenize } from '../../src/chat/parse.js';
import { mulberry32 } from '../../src/core/random.js';

/** The project's seeded generator (src/core/random.ts). */
export const prng = (seed: number): (() => number) => mulberry32(seed);

export type Rand = ReturnType<typeof prng>;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Strings people and attackers type: mentions, quotes, huge numbers, prototype keys, control characters. */
export const HOSTILE = [
  '@everyone',
  '@here',
  '@channel',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<@U0ABCDEF>',
  '<#123456789012345678>',
  '<https://evil.example|click>',
  '"',
  "'",
  '“',
  '”',
  '""',
  "''",
  '"unclosed words',
  'notes="two words"',
  '=',
  '==',
  '--',
  '--x',
  'x=',
  '1e308',
  '-1e308',
  '1e-320',
  '0',
  '-0',
  '-5',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b11',
  '1_000',
  '$12.50',
  '12%',
  '1,000,000',
  '9'.repeat(400),
  '__proto__',
  'constructor',
  'toString',
  'prototype',
  '__proto__=1',
  'constructor=x',
  'hasOwnProperty',
  '$' + '{process.env}',
  '%s%s%n',
  '{{7*7}}',
  '\u202eRTL',
  '\u200b',
  '🚀🚀',
  'ÅBCD',
  'abcd',
  'ABCD',
  'XYZ',
  'P1',
  'P999999',
  'shared=true',
  'confirm=true',
  'here',
  'dm',
  'mention',
  '2026-12-18',
  '2026-02-30',
  '9999-99-99',
  '1969-12-31',
  'call',
  'put',
  'long',
  'short',
  'show',
  'list',
  'add',
  'close',
  'mute',
  '```',
  '**bold**',
  '||spoiler||',
  '\\',
  '/',
  '//',
  '\t',
  'a\u0000b',
  'x'.repeat(3000),
  'discord:dm:123456789012345678',
  'slack:C0X@U0Y',
] as const;

/** Every word and option the command's examples and schema know, to get past the first check. */
function vocabulary(c: Command): string[] {
  const words = c.examples.flatMap((e) => tokenize(e).slice(1));
  for (const o of describeOptions(c.args)) {
    words.push(...(o.choices ?? []));
    words.push(`${o.name}=`);
  }
  return words;
}

/** A Slack-shaped text line for `c`: mostly plausible words, some hostile ones, Slack's own escaping. */
export function slackText(r: Rand, c: Command): string {
  const vocab = vocabulary(c).concat(['help']);
  const n = Math.floor(r() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.45) parts.push(pick(r, vocab));
    else if (roll < 0.6) parts.push(`${pick(r, vocab).replace(/=.*$/, '')}=${pick(r, HOSTILE)}`);
    else parts.push(pick(r, HOSTILE));
  }
  const text = parts.join(r() < 0.1 ? '  ' : ' ');
  // Slack sends the user's <, > and & escaped in a slash command's text.
  return r() < 0.5 ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

const WEIRD_VALUES: unknown[] = [
  null,
  undefined,
  '',
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1,
  0,
  1.5,
  2 ** 53 + 1,
  true,
  false,
  {},
  [],
  ['ABCD'],
  { toString: 'x' },
  'ABCD',
  '__proto__',
];

/** Discord-shaped named options for `c`: known names with typed and mistyped values, some unknown names. */
export function discordOptions(r: Rand, c: Command): Record<string, unknown> {
  const options = describeOptions(c.args);
  const out: Record<string, unknown> = {};
  for (const o of options) {
    if (r() < 0.5) continue;
    const roll = r();
    if (roll < 0.5) {
      if (o.choices) out[o.name] = pick(r, o.choices);
      else if (o.kind === 'number' || o.kind === 'integer') out[o.name] = pick(r, [1, 10, 12.5, 100, 0.01, 1e6, 2e7, -3, 0, 1.5]);
      else if (o.kind === 'boolean') out[o.name] = r() < 0.5;
      else
        out[o.name] = pick(
          r,
          vocabulary(c)
            .filter((w) => !w.endsWith('='))
            .concat(['ABCD', 'here']),
        );
    } else if (roll < 0.8) out[o.name] = pick(r, HOSTILE);
    else out[o.name] = pick(r, WEIRD_VALUES);
  }
  if (r() < 0.15) out[pick(r, ['__proto__', 'constructor', 'unknown', 'Ticker', 'x'])] = pick(r, HOSTILE);
  return out;
}

/** A button id / action value as a client could forge it. */
export function buttonValue(r: Rand, names: readonly string[]): string {
  const parts = [
    'nav',
    pick(r, names),
    pick(r, ['ABCD', '@everyone', '<@1>', '', 'A'.repeat(30)]),
    pick(r, ['2026-12-18', 'x', '']),
    pick(r, ['c', 'p', 'a', 'z']),
  ];
  const roll = r();
  if (roll < 0.4) return parts.join(':');
  if (roll < 0.6) return `page:${pick(r, ['abc', '__proto__', '-', 'x'.repeat(200)])}:${pick(r, ['0', '1', '99999', '-1'])}`;
  return pick(r, HOSTILE);
}
