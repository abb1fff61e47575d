/**
 * The README's table of environment variables lists every variable the bot reads: the config's
 * (src/config/load.ts) and any other `env.NAME` read in src/; config/.env.example lists the same.
 * A new variable without a row, or without a line in the template, fails here.
 * Reference: the README itself, its "## Environment variables" section.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_VARIABLES } from '../../src/config/load.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Read by the code but not settings a user sets; each says why it has no row. */
const NOT_SETTINGS: Record<string, string> = {
  TRACKER_PAUSE_AT: 'the crash tests’ hook that holds the scheduler where a test kills it',
};

/** The names in the first column of the README's environment-variable table (a row may name two). */
function readmeTable(): Set<string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /^## Environment variables\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  const names = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] as string));
  return new Set(names);
}

/** `env.NAME` and `env['NAME']` reads anywhere in src/. */
function readInSource(): Set<string> {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const names = files.flatMap((f) =>
    [...readFileSync(join(ROOT, 'src', f), 'utf8').matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)].map(
      (m) => (m[1] ?? m[2]) as string,
    ),
  );
  return new Set(names);
}

describe("README's environment-variable table", () => {
  it('has a row for every variable the config reads', () => {
    const table = readmeTable();
    expect(table.size).toBeGreaterThan(20);
    expect(CONFIG_ENV_VARIABLES).toContain('SLACK_REDIRECT_URI');
    expect(CONFIG_ENV_VARIABLES.filter((name) => !table.has(name))).toEqual([]);
  });

  it('matches config/.env.example, the template a user copies: the same variables, none missing from either', () => {
    const example = readFileSync(join(ROOT, 'config', '.env.example'), 'utf8');
    const names = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string);
    expect(names).toContain('STORE_URL');
    expect(new Set(names)).toEqual(readmeTable());
  });

  it('has a row for every other variable read in src/ (LOG_LEVEL, TRACKER_CLOCK…), test hooks excepted', () => {
    const read = readInSource();
    expect([...read]).toEqual(expect.arrayContaining(['LOG_LEVEL', 'TRACKER_CLOCK', 'TRACKER_CONFIG']));
    const table = readmeTable();
    expect([...read].filter((name) => !table.has(name) && !(name in NOT_SETTINGS))).toEqual([]);
  });
});
