/**
 * The Slack HTTP endpoint under attack (issue #16): a flood body, a replay, a future timestamp,
 * an unreachable Slack at start-up. Each is refused with the status a client sees.
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../src/chat/slack/index.js';
import { createRouter } from '../../src/chat/router.js';
import { postToBot, SIGNING_SECRET } from './fakes/slack.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices, sleep } from './support.js';

/** Streams `total` bytes of one reused 64 KB chunk; resolves with the status (or 0 when cut off first). */
function flood(url: string, total: number, opts: { declareLength: boolean; signed?: boolean }): Promise<{ status: number; sent: number }> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const u = new URL(url);
  return new Promise((resolve) => {
    let sent = 0;
    let status = 0;
    const headers: Record<string, string | number> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (opts.declareLength) headers['content-length'] = total;
    if (opts.signed) {
      headers['x-slack-request-timestamp'] = Math.floor(Date.now() / 1000);
      headers['x-slack-signature'] = `v0=${'0'.repeat(64)}`;
    }
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers });
    const done = () => resolve({ status, sent });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', done);
    });
    req.on('error', done);
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('Slack HTTP endpoint against hostile requests', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(await fakeServices(), createRouter(fakeCommands), 'http');
  }, 30_000);
  afterAll(async () => h?.close());

  it.each([true, false])(
    'answers a 50 MB unsigned POST with 413, RSS rising less than 20 MB (content-length declared: %s)',
    async (declareLength) => {
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const out = await flood(h.eventsUrl, 50 * 1024 * 1024, { declareLength });
      clearInterval(watch);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(out.status).toBe(413);
      expect((peak - before) / 1024 / 1024).toBeLessThan(20);
    },
    30_000,
  );

  it('refuses a body over 64 KB even when signed-looking, before checking the signature', async () => {
    expect((await flood(h.eventsUrl, 65 * 1024 + 1, { declareLength: true, signed: true })).status).toBe(413);
  });

  it('runs a signed request once and refuses the same request replayed 1 s later', async () => {
    const fields = h.fake.commandFields('/greeks', 'ABCD');
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postToBot(h.eventsUrl, fields, { timestamp });
    await sleep(1000);
    const again = await postToBot(h.eventsUrl, fields, { timestamp });
    await sleep(300);
    expect([first.status, again.status]).toEqual([200, 401]);
    const path = new URL(fields.response_url as string).pathname;
    expect(h.fake.responses.filter((r) => r.path === path && !String(r.body.text ?? '').startsWith('⏳'))).toHaveLength(1);
  });

  it.each([
    ['6 minutes in the future', 6 * 60],
    ['6 minutes old', -6 * 60],
  ])('refuses a correctly signed request timestamped %s', async (_label, offset) => {
    const fields = h.fake.commandFields('/greeks', 'ABCD');
    const res = await postToBot(h.eventsUrl, fields, { timestamp: Math.floor(Date.now() / 1000) + offset });
    await sleep(200);
    expect(res.status).toBe(401);
    expect(h.fake.responses.some((r) => r.path === new URL(fields.response_url as string).pathname)).toBe(false);
  });

  it('accepts a timestamp 4 minutes ahead (clock skew inside the window)', async () => {
    const fields = h.fake.commandFields('/greeks', 'ABCD');
    expect((await postToBot(h.eventsUrl, fields, { timestamp: Math.floor(Date.now() / 1000) + 4 * 60 })).status).toBe(200);
  });

  it('answers 404 to anything but POST /slack/events', async () => {
    const res = await fetch(h.eventsUrl.replace('/slack/events', '/other'), { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('Slack start-up', () => {
  let silent: Server;
  let port = 0;
  beforeAll(async () => {
    // Accepts connections and never answers: an API that hangs.
    silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    silent.close();
  });

  it.each(['http', 'socket'] as const)(
    'gives up with one sentence when Slack never answers (%s mode)',
    async (mode) => {
      const adapter = new SlackAdapter(await fakeServices(), createRouter(fakeCommands), {
        botToken: 'xoxb-fake',
        signingSecret: SIGNING_SECRET,
        port: 0,
        host: '127.0.0.1',
        apiUrl: `http://127.0.0.1:${port}/api/`,
        startTimeoutMs: 1500,
        ...(mode === 'socket' ? { appToken: 'xapp-fake' } : {}),
      });
      const t0 = Date.now();
      const err = await adapter.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(Date.now() - t0).toBeLessThan(4000);
      expect((err as Error).message).toMatch(/^Slack did not answer within 1\.5 s \(auth\.test.*\); check SLACK_BOT_TOKEN, SLACK_API_URL and the network\.$/);
      await adapter.stop().catch(() => undefined);
    },
    15_000,
  );
});
