/**
 * Two real bot processes (`src/main.ts`, many-workspace Slack) on one SQLite store and the fake
 * Slack: a workspace installed through one process is served by the other with its own token,
 * and an uninstall heard by one is honoured by the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, FakeSlack, postToBot, SIGNING_SECRET } from './fakes/slack.js';
import { sleep } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const A = { id: 'T0PROCA', name: 'Process A' };
const B = { id: 'T0PROCB', name: 'Process B' };

interface Proc {
  child: ChildProcess;
  base: string;
  stderr: () => string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function startProcess(env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', SLACK_PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const t0 = Date.now();
  while (!err.includes('is online on slack')) {
    if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`the bot did not start:\n${err.slice(-2000)}`);
    await sleep(100);
  }
  return { child, base: `http://127.0.0.1:${port}`, stderr: () => err };
}

describe('Slack for many workspaces: two processes on one store', () => {
  let dir: string;
  let fake: FakeSlack;
  let procs: Proc[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'slack-oauth-procs-'));
    fake = new FakeSlack();
    await fake.listen();
    const env = {
      SLACK_CLIENT_ID: CLIENT_ID,
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: 'state-secret-shared-by-replicas',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      STORE_URL: `sqlite://${join(dir, 'tracker.sqlite')}`,
    };
    procs = await Promise.all([startProcess(env), startProcess(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.child.exitCode !== null ? undefined : new Promise((ok) => p.child.once('exit', ok)))));
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** The installer's browser against one process: install page, approve, redirect back with code, state and cookie. */
  async function install(p: Proc, team: { id: string; name: string }): Promise<number> {
    const page = await fetch(`${p.base}/slack/install`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const href = (/<a href="([^"]+)"/.exec(await page.text())?.[1] ?? '').replace(/&amp;/g, '&');
    const state = new URL(href).searchParams.get('state') ?? '';
    const back = await fetch(`${p.base}/slack/oauth_redirect?code=${fake.grant(team)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
    return back.status;
  }

  const tokenOf = (team: string) => [...fake.issued].filter(([, o]) => o.team === team).map(([t]) => t)[0];

  it('serves a workspace installed through the other process, with its token; an uninstall heard by one holds for both', async () => {
    const [one, two] = procs as [Proc, Proc];
    expect(await install(one, A)).toBe(200);
    expect(await install(one, B)).toBe(200);

    for (const [team, user] of [
      [B, 'U0PB1'],
      [A, 'U0PA1'],
    ] as const) {
      const since = fake.api.length;
      const fields = fake.commandFields('/help', '', { team: team.id, user });
      expect((await postToBot(`${two.base}/slack/events`, fields)).status).toBe(200);
      await fake.waitFor((r) => r.path === new URL(fields.response_url as string).pathname, 30_000);
      expect(fake.api.slice(since).map((c) => [c.path, c.token])).toEqual([['users.info', tokenOf(team.id)]]);
    }

    await postToBot(`${two.base}/slack/events`, {}, { json: fake.eventBody(A.id, { type: 'app_uninstalled' }) });
    const t0 = Date.now();
    while (!two.stderr().includes(`the app was uninstalled for team ${A.id}`) && Date.now() - t0 < 10_000) await sleep(50);

    const since = fake.api.length;
    const responses = fake.responses.length;
    const refused = await postToBot(`${one.base}/slack/events`, fake.commandFields('/help', '', { team: A.id, user: 'U0PA2' }));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^This Slack workspace has not installed/) });
    const t1 = Date.now();
    while (!one.stderr().includes(`slack: no installation for team ${A.id}`) && Date.now() - t1 < 10_000) await sleep(50);
    expect(one.stderr()).toContain(`slack: no installation for team ${A.id}; its command was answered with the install hint`);
    expect(fake.api.slice(since)).toEqual([]);
    expect(fake.responses.length).toBe(responses);
    // No token ever reaches a log line.
    for (const p of procs) for (const token of fake.issued.keys()) expect(p.stderr()).not.toContain(token);
  }, 90_000);
});
