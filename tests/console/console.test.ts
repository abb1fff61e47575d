/**
 * Drives the console bot the way a user does: a child process started like `npm start`, with
 * commands piped to its standard input, one JSON reply per line read from its output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runBot(input: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'bot-')), 'db.sqlite')}`,
        TRACKER_CLOCK: '2026-12-01T11:00:00-05:00',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const lines = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);

describe('console adapter (child process, piped input)', () => {
  it('answers /help, /scan and /greeks in --demo --json mode, one JSON reply per line, then exits at end of input', async () => {
    const first = await runBot('/help\n/scan\n', ['--demo', '--json']);
    expect(first.code).toBe(0);
    const [help, scan] = lines(first.stdout);
    expect(help).toMatchObject({ ok: true, command: 'help' });
    expect(scan).toMatchObject({ ok: true, command: 'scan' });
    expect(scan?.data.universe).toBeGreaterThanOrEqual(3000);
    expect(scan?.data.picks.length).toBeGreaterThanOrEqual(5);
    for (const p of scan?.data.picks ?? []) expect(Number.isFinite(p.score)).toBe(true);
    expect(scan?.footer).toContain('simulated data');

    const symbol = scan?.data.picks.find((p: any) => p.symbol)?.symbol as string;
    const second = await runBot(`/greeks ${symbol}\n/greeks NOSUCHTICKER\n/quote ${symbol}\n`, ['--demo', '--json']);
    const [greeks, bad, quote] = lines(second.stdout);
    expect(greeks).toMatchObject({ ok: true, command: 'greeks' });
    expect(greeks?.data.contracts.length).toBeGreaterThan(0);
    const finite = greeks?.data.contracts.filter((c: any) => [c.iv, c.delta, c.gamma, c.theta, c.vega].every(Number.isFinite));
    expect(finite.length).toBeGreaterThan(0);
    expect(bad).toMatchObject({ ok: false, command: 'greeks', error: { code: 'UNKNOWN_SYMBOL' } });
    expect(bad?.error.message).toMatch(/^[^\n]+\.$/);
    expect(quote).toMatchObject({ ok: true, command: 'quote', data: { symbol, source: 'simulated market', simulated: true } });
  }, 120_000);

  it('prints readable text without --json, and an error does not end the session', async () => {
    const r = await runBot('/nosuchcommand\n/quote\n/help greeks\n', ['--demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('There is no /nosuchcommand command; type /help to see them.');
    expect(r.stdout).toContain('/quote needs ticker');
    expect(r.stdout).toContain('/greeks — Option chain Greeks');
  }, 60_000);

  it('stops at start-up with one sentence naming the bad setting', async () => {
    const r = await runBot('/help\n', ['--demo'], { SLACK_PORT: 'not-a-port' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('Config error: SLACK_PORT (chat.slack.port) must be a number, but got "not-a-port".');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('stops at start-up with a clear sentence when the store file is corrupt', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bot-')), 'corrupt.sqlite');
    writeFileSync(file, 'garbage'.repeat(200));
    const r = await runBot('/help\n', ['--demo'], { STORE_URL: `sqlite://${file}` });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^The store file .*corrupt\.sqlite is not a readable SQLite database .*\.$/);
  }, 60_000);
});
