/** The pruning specification, run on SQLite (prune.test.ts) and on PostgreSQL (postgres.test.ts). */
import { expect } from 'vitest';
import { processOwner } from '../../src/store/lease.js';
import type { Store } from '../../src/store/index.js';
import { createOutbox } from '../../src/store/outbox.js';
import { pruneStore } from '../../src/store/prune.js';
import { createRunLedger } from '../../src/store/runs.js';

export async function checkPruning(store: Store): Promise<void> {
  const owner = processOwner();
  const outbox = createOutbox(store.sql, owner);
  const ledger = createRunLedger(store.sql, owner);
  const old = new Date('2026-10-01T14:00:00Z');
  const recent = new Date('2026-11-20T14:00:00Z');
  const msg = (id: string) => ({ id, kind: 'alert' as const, tenant: 't', channel: 'c', day: '2026-10-01', reply: { text: id } as never });
  for (const [id, at] of [
    ['old-sent', old],
    ['old-failed', old],
    ['old-pending', old],
    ['new-sent', recent],
  ] as const) {
    await outbox.put(msg(id), at);
  }
  await outbox.markSent('old-sent', old);
  await outbox.markFailed('old-failed', 'refused');
  await outbox.markSent('new-sent', recent);
  const run = (slot: string) => ({ job: 'morning', slot, tenant: 't', channel: 'c' });
  await ledger.claim(run('old-done'), old);
  await ledger.complete(run('old-done'), old);
  await ledger.skip(run('old-skipped'), old, 'missed');
  await ledger.claim(run('old-open'), old);
  await ledger.claim(run('new-done'), recent);
  await ledger.complete(run('new-done'), recent);
  const kv = store.ns<string>('marketcache');
  await kv.set('gone', 'x', 1);
  await kv.set('kept', 'y', 3_600_000);
  await kv.set('forever', 'z');
  await new Promise((r) => setTimeout(r, 20));

  // 30 days before 2026-12-01.
  const pruned = await pruneStore(store.sql, new Date('2026-11-01T00:00:00Z'));
  expect(pruned).toEqual({ outbox: 2, runs: 2, expired: 1 });
  const ids = (await store.sql.all<{ id: string }>('SELECT id FROM tracker_outbox ORDER BY id')).map((r) => r.id);
  expect(ids).toEqual(['new-sent', 'old-pending']);
  const runs = (await store.sql.all<{ slot: string }>('SELECT slot FROM tracker_runs ORDER BY slot')).map((r) => r.slot);
  expect(runs).toEqual(['new-done', 'old-open']);
  expect(await kv.get('kept')).toBe('y');
  expect(await kv.get('forever')).toBe('z');
  const rows = (await store.sql.all<{ key: string }>("SELECT key FROM keyv WHERE key LIKE 'marketcache:%' ORDER BY key")).map((r) => r.key);
  expect(rows).toEqual(['marketcache:forever', 'marketcache:kept']);
  // Running it again (another replica) deletes nothing more.
  expect(await pruneStore(store.sql, new Date('2026-11-01T00:00:00Z'))).toEqual({ outbox: 0, runs: 0, expired: 0 });
}
