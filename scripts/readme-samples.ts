/**
 * Regenerates the README's sample replies from the bot itself: every ```text block right after a
 * `<!-- sample -->` line is re-run. Its `> /command` lines are the input, run in order by the real
 * console bot (`--demo`, the clock at SAMPLE_CLOCK, one fresh store per block, one process per
 * command so each reply is cut exactly), and the block is rewritten with what the bot printed.
 *
 *   npm run readme:samples            rewrite README.md
 *   npm run readme:samples -- --check exit 1 when README.md differs from what the bot prints now
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
// Held (almost) still: at 1× the simulated intraday price would move by a cent during a long /scan.
export const SAMPLE_CLOCK = '2026-12-01T11:00:00-05:00x0.0001';
const BLOCK = /<!-- sample -->\n```text\n([\s\S]*?)```/g;

function run(command: string, store: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
    cwd: ROOT,
    input: `${command}\n`,
    encoding: 'utf8',
    timeout: 300_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', STORE_URL: `sqlite://${store}`, TRACKER_CLOCK: SAMPLE_CLOCK },
  });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

function regenerate(block: string): string {
  const commands = block
    .split('\n')
    .filter((l) => l.startsWith('> '))
    .map((l) => l.slice(2).trim());
  const dir = mkdtempSync(join(tmpdir(), 'readme-samples-'));
  try {
    const out = commands.map((c) => `> ${c}\n${run(c, join(dir, 'store.sqlite'))}`);
    return `${out.join('\n\n')}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const before = readFileSync(README, 'utf8');
let after = before;
for (const m of [...before.matchAll(BLOCK)]) {
  const fresh = regenerate(m[1] ?? '');
  after = after.replace(m[0], `<!-- sample -->\n\`\`\`text\n${fresh}\`\`\``);
  process.stderr.write(
    `regenerated: ${(m[1] ?? '')
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .join(' · ')}\n`,
  );
}
if (process.argv.includes('--check')) {
  if (after !== before) {
    process.stderr.write('README.md sample replies differ from what the bot prints: run npm run readme:samples\n');
    process.exit(1);
  }
  process.stderr.write('README.md sample replies match the bot\n');
} else writeFileSync(README, after);
