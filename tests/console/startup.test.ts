/**
 * Start-up failures a user can cause with a wrong setting: each stops the bot with one sentence
 * on stderr and exit code 2, and never echoes the token.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STORE_URL: 'memory://', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
    child.stdin.end();
  });
}

let server: Server;
let base = '';
const seen: string[] = [];
beforeAll(async () => {
  // A Discord REST root that rejects every token, as discord.com does for a wrong one.
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('start-up with wrong chat settings', () => {
  it('a Discord token the server rejects stops the bot with one sentence that does not contain the token', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GgAbCd.wrong-token-value-xyz';
    const r = await start({ DISCORD_TOKEN: token, DISCORD_API_BASE: base });
    expect(r.code).toBe(2);
    expect(seen.some((s) => s.includes('/gateway/bot'))).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Discord could not start: .+\. Check the DISCORD_ settings in \.env or your shell\.\n$/);
    expect(r.stderr + r.stdout).not.toContain(token);
  }, 60_000);

  it('Slack in HTTP mode without a signing secret is refused before anything listens', async () => {
    const r = await start({ SLACK_BOT_TOKEN: 'xoxb-123-456-abc' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'Config error: SLACK_SIGNING_SECRET is needed to verify Slack requests in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }, 60_000);

  it('a malformed TRACKER_CLOCK names the variable and the expected form', async () => {
    const r = await start({ TRACKER_CLOCK: 'tomorrow morning' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^Config error: TRACKER_CLOCK "tomorrow morning" is not an ISO-8601 instant such as 2026-12-01T09:40:00-05:00/);
  }, 60_000);
});
