import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { manualClock } from '../../src/clock.js';
import { openDb, type Db } from '../../src/delivery/db.js';
import { SendError } from '../../src/chat/adapter.js';
import { discordSendFailure } from '../../src/chat/discord/errors.js';
import { slackSendFailure } from '../../src/chat/slack/errors.js';
import { channelSender, createDispatcher, rateLimitDelay } from '../../src/delivery/dispatcher.js';
import { processOwner, type Liveness } from '../../src/store/lease.js';
import { createOutbox, type OutboxMessage } from '../../src/store/outbox.js';
import { silentLogger } from '../../src/logger.js';
import { createRunLedger } from '../../src/store/runs.js';

const at = new Date('2026-12-01T14:45:00Z');
const run = { job: 'morning', slot: '2026-12-01T09:45', tenant: 'discord:1', channel: 'discord:2' };
const reply: Reply = { ok: true, command: 'alert', kind: 'alert', text: 'ABCD crossed its stop' };
const msg = (id = 'alert|discord:1|k1'): OutboxMessage => ({ id, kind: 'alert', tenant: 'discord:1', channel: 'discord:2', day: '2026-12-01', reply });
const dead: Liveness = () => false;

let dir: string;
let dbs: Db[];
const open = async () => {
  const db = await openDb(join(dir, 'store.sqlite'));
  dbs.push(db);
  return db;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-delivery-'));
  dbs = [];
});
afterEach(async () => {
  await Promise.all(dbs.map((d) => d.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('run ledger', () => {
  it('lets exactly one of two processes (two connections, two owners) claim a run, and remembers it is done', async () => {
    const [a, b] = [createRunLedger(await open(), processOwner()), createRunLedger(await open(), processOwner())];
    const results = await Promise.all([a.claim(run, at), b.claim(run, at)]);
    expect(results.sort()).toEqual(['busy', 'claimed']);
    const winner = results[0] === 'claimed' ? a : b;
    await winner.complete(run, at, 'posted');
    expect(await a.claim(run, at)).toBe('done');
    expect((await b.last('morning', 'discord:1'))?.note).toBe('posted');
  });

  it('takes over the claim of a holder that died, once', async () => {
    const crashed = createRunLedger(await open(), processOwner());
    expect(await crashed.claim(run, at)).toBe('claimed');
    const [x, y] = [createRunLedger(await open(), processOwner(), { liveness: dead }), createRunLedger(await open(), processOwner(), { liveness: dead })];
    expect(await x.claim(run, at)).toBe('claimed');
    expect(await createRunLedger(await open(), processOwner()).claim(run, at)).toBe('busy'); // x is alive (real lease, this pid)
    await x.complete(run, at);
    expect(await y.claim(run, at)).toBe('done');
  });

  it('records a missed slot once, so the skip is logged once', async () => {
    const l = createRunLedger(await open(), processOwner());
    expect(await l.skip(run, at, 'missed')).toBe(true);
    expect(await createRunLedger(await open(), processOwner()).skip(run, at, 'missed')).toBe(false);
    expect(await l.claim(run, at)).toBe('skipped');
  });
});

describe('outbox and dispatcher', () => {
  const clock = manualClock(at);
  const noSleep = async () => undefined;

  it('keeps one row per idempotency key and sends it once', async () => {
    const outbox = createOutbox(await open(), processOwner());
    expect(await outbox.put(msg(), at)).toBe(true);
    expect(await outbox.put(msg(), at)).toBe(false);
    const sent: string[] = [];
    const d = createDispatcher({ outbox, send: async (c, r) => void sent.push(`${c} ${r.text}`), clock, logger: silentLogger });
    expect(await d.flush()).toBe(1);
    expect(await d.flush()).toBe(0);
    expect(sent).toEqual(['discord:2 ABCD crossed its stop']);
    expect((await outbox.get(msg().id))?.state).toBe('sent');
  });

  it('resends a message whose sender died after claiming it, and only once across two dispatchers', async () => {
    const first = createOutbox(await open(), processOwner());
    await first.put(msg(), at);
    expect(await first.claim(msg().id)).toBe(true); // then the process is killed
    const sent: string[] = [];
    const send = async (c: string) => void sent.push(c);
    const [a, b] = [createOutbox(await open(), processOwner(), { liveness: dead }), createOutbox(await open(), processOwner(), { liveness: dead })];
    const da = createDispatcher({ outbox: a, send, clock, logger: silentLogger });
    const db = createDispatcher({ outbox: b, send, clock, logger: silentLogger });
    await Promise.all([da.flush(), db.flush()]);
    expect(sent).toEqual(['discord:2']);
  });

  it('waits out a 429 for the delay the platform asks and resends the same message', async () => {
    const outbox = createOutbox(await open(), processOwner());
    await outbox.put(msg(), at);
    const waits: number[] = [];
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('rate limited'), { status: 429, retryAfter: 2 });
    };
    const d = createDispatcher({ outbox, send, clock, logger: silentLogger, sleep: async (ms) => void waits.push(ms) });
    expect(await d.flush()).toBe(1);
    expect(waits).toEqual([2000]);
    expect(calls).toBe(2);
  });

  it('reads the delay of Slack, Discord (classified by their adapters) and plain 429 errors', () => {
    expect(rateLimitDelay(new SendError(slackSendFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 }), 'slack'))).toBe(3000);
    expect(rateLimitDelay(new SendError(discordSendFailure({ status: 429, rawError: { retry_after: 1.5 } }), 'discord'))).toBe(1500);
    expect(rateLimitDelay(new SendError(discordSendFailure({ status: 403, code: 50007 }), 'discord'))).toBeUndefined();
    expect(rateLimitDelay({ statusCode: 429 })).toBe(1000);
    expect(rateLimitDelay(new Error('boom'))).toBeUndefined();
  });

  it('backs off on other errors and gives up after the last attempt', async () => {
    let realNow = 0;
    const outbox = createOutbox(await open(), processOwner(), { realNow: () => realNow });
    await outbox.put(msg(), at);
    const d = createDispatcher({ outbox, send: async () => Promise.reject(new Error('500')), clock, logger: silentLogger, sleep: noSleep, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await d.flush();
      realNow += 10 * 60_000;
    }
    const item = await outbox.get(msg().id);
    expect(item?.state).toBe('failed');
    expect(item?.attempts).toBe(3);
  });

  it('keeps a message pending while its platform has no running adapter', async () => {
    const outbox = createOutbox(await open(), processOwner());
    await outbox.put(msg(), at);
    const send = channelSender([{ platform: 'console', send: async () => undefined }]);
    const d = createDispatcher({ outbox, send, clock, logger: silentLogger });
    expect(await d.flush()).toBe(0);
    const item = await outbox.get(msg().id);
    expect(item?.state).toBe('pending');
    expect(item?.attempts).toBe(0);
  });
});
