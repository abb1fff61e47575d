/**
 * /healthz and /metrics: the parts a health check reads (store, chat connection, scheduler lag),
 * and the real bot serving both on OPS_PORT while connected to the fake Discord.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/chat/router.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { checkHealth, MAX_TICK_AGE_MS } from '../../src/ops/server.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestBot } from '../helpers/bot.js';
import { FakeDiscord } from '../adapters/fakes/discord.js';

const NOW = 1_800_000_000_000;

describe('checkHealth', () => {
  it('is ok with a readable store, connected chat and a recent tick', async () => {
    const store = await openStore('memory://');
    const h = await checkHealth({ store, adapters: [{ platform: 'discord', connected: () => true }], lastTickAt: () => NOW - 30_000, now: () => NOW });
    expect(h).toEqual({ ok: true, store: { ok: true }, chat: [{ platform: 'discord', connected: true }], scheduler: { ok: true, lastTickSecondsAgo: 30 } });
  });

  it('fails on a disconnected platform, a stale scheduler or a store that does not answer', async () => {
    const store = await openStore('memory://');
    const down = await checkHealth({ store, adapters: [{ platform: 'slack', connected: () => false }], now: () => NOW });
    expect(down.ok).toBe(false);
    expect(down.chat).toEqual([{ platform: 'slack', connected: false }]);

    const stale = await checkHealth({ store, adapters: [], lastTickAt: () => NOW - MAX_TICK_AGE_MS - 1000, now: () => NOW });
    expect(stale).toMatchObject({ ok: false, scheduler: { ok: false, lastTickSecondsAgo: 181 } });
    const never = await checkHealth({ store, adapters: [], lastTickAt: () => undefined, now: () => NOW });
    expect(never).toMatchObject({ ok: false, scheduler: { ok: false, lastTickSecondsAgo: null } });

    const broken = {
      ...store,
      ns: () => ({ get: async () => Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file')) }),
    } as unknown as Store;
    const h = await checkHealth({ store: broken, adapters: [], now: () => NOW });
    expect(h).toEqual({ ok: false, store: { ok: false, error: 'SQLITE_CANTOPEN: unable to open database file' }, chat: [] });
  });
});

describe('metrics', () => {
  it('counts and times commands by outcome, and reads provider figures at scrape time', async () => {
    const bot = await createTestBot({ symbols: 100 });
    const metrics = createMetrics({ market: bot.services.market });
    const router = metrics.instrument(createRouter(bot.router.commands));
    const ctx = {
      services: bot.services,
      tenant: 'console:main',
      user: 'console:user',
      channel: 'console:main',
      platform: 'console' as const,
      isAdmin: true,
      progress: async () => undefined,
    };
    expect((await router.handle({ line: '/help' }, ctx)).ok).toBe(true);
    expect((await router.handle({ line: '/quote NOSUCHTICKERX' }, ctx)).ok).toBe(false);
    expect((await router.handle({ line: '/nope' }, ctx)).ok).toBe(false);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^tracker_commands_total\{command="help",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^tracker_commands_total\{command="nope",outcome="UNKNOWN_COMMAND"\} 1$/m);
    expect(text).toMatch(/^tracker_command_duration_seconds_count\{command="help"\} 1$/m);
    expect(text).toMatch(/^tracker_provider_requests\{provider="[^"]+"\} \d+$/m);
    expect(text).toMatch(/^tracker_provider_healthy\{provider="[^"]+"\} 1$/m);
  });
});

const freePort = (): Promise<number> =>
  new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

describe('the running bot', () => {
  let child: ChildProcess | undefined;
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await fake?.close();
  });

  it('serves /healthz (200, Discord connected) and /metrics on OPS_PORT', async () => {
    fake = new FakeDiscord();
    const base = await fake.listen();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        STORE_URL: 'memory://',
        DISCORD_TOKEN: 'x.y.z',
        DISCORD_APP_ID: '100000000000000001',
        DISCORD_API_BASE: base,
        OPS_PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let health: { status: number; body: unknown } | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        health = { status: res.status, body: await res.json() };
        if (res.status === 200) break;
      } catch {
        // not listening yet: the bot is still starting
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(health).toMatchObject({
      status: 200,
      body: { ok: true, store: { ok: true }, chat: [{ platform: 'discord', connected: true }], scheduler: { ok: true } },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^tracker_process_resident_memory_bytes \d+/m);
    expect(metrics).toMatch(/^# TYPE tracker_commands_total counter$/m);
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
  }, 90_000);
});
