/**
 * The request ledger every replica on one store shares, so their rate limiters together keep a
 * provider's limit: one row per request (`started`, and `finished` once its answer arrived), and a
 * take that counts the rows still in the window and inserts a new one in ONE transaction under one
 * lock. A request counts until one window after it *finished* (the rule of market/gateway/limiter.ts);
 * a row never finished (its process died) counts as finished `staleMs` after it started.
 *
 * Our own table rather than rate-limiter-flexible: that library consumes points when a request
 * starts and frees them a fixed time later, which cannot express "a window after the finish", nor
 * a reserve background work may not use.
 *
 * Where the ledger lives:
 * - PostgreSQL: a table in the store's database, under a transaction-scoped advisory lock per
 *   provider, timed by the server's clock (replicas on several hosts agree on it). Its statements
 *   run outside any transaction of the caller (no caller should fetch inside one, but a slot must
 *   never wait on one): another replica must not wait for that transaction to see the slot.
 * - SQLite: a small file beside the store's (`<store>.ratelimit`), with its own connection. On the
 *   store's own file a take would queue behind this process's open transaction, which would deadlock if it
 *   were ever waiting for the request. Same host, so Date.now() is the clock.
 * - memory: none; the process's own limiter is the whole truth.
 */
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { SharedSlot, SharedWindow, SlotReading, SlotRequest, SlotTake } from '../market/gateway/shared.js';
import type { Store } from './open.js';
import type { Sql } from './sql.js';
import { openSqlite } from './sqlite.js';

const TABLES = [
  'CREATE TABLE IF NOT EXISTS tracker_slots(id TEXT PRIMARY KEY, provider TEXT NOT NULL, bg INTEGER NOT NULL, started BIGINT NOT NULL, finished BIGINT)',
  'CREATE INDEX IF NOT EXISTS tracker_slots_provider ON tracker_slots(provider, started)',
];
/** Between a request's finish and its slot's return: the server's clock may tick a little behind ours. */
const MARGIN_MS = 5;
/** A full window whose slots are all in flight elsewhere is asked again this often (no finish event reaches us). */
const POLL_MS = 100;
const HOUR_MS = 3_600_000;
const PRUNE_EVERY_MS = 60_000;

interface Row {
  id: string;
  bg: number;
  started: number;
  finished: number | null;
}

export interface RequestLedger {
  /** The shared window of one provider; `staleMs` bounds how long an unfinished row counts as in flight. */
  window(provider: string, staleMs: number): SharedWindow;
  close(): Promise<void>;
}

/** The ledger for this store, or undefined when nothing else can share it (an in-memory store). */
export async function openRequestLedger(store: Store): Promise<RequestLedger | undefined> {
  if (store.sql.dialect === 'postgres') {
    const sql = store.sql;
    // Bound here, at start-up, outside any transaction: every ledger statement runs in this context.
    const outside = AsyncResource.bind(<R>(fn: () => Promise<R>): Promise<R> => fn());
    await createTables(sql);
    const clock = async () => Number((await sql.get<{ now: number }>('SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT AS now'))?.now);
    return { window: (provider, staleMs) => ledgerWindow({ sql, clock, outside, provider, staleMs }), close: async () => undefined };
  }
  const file = /^sqlite:\/\/(.+)$/.exec(store.location)?.[1];
  if (!file) return undefined;
  const sql = await openSqlite(`${file}.ratelimit`);
  await sql.run('PRAGMA journal_mode=WAL');
  // A lost last slot after a power cut only frees budget early by a few requests; the fsync per take is not worth it.
  await sql.run('PRAGMA synchronous=NORMAL');
  await createTables(sql);
  const clock = async () => Date.now();
  return { window: (provider, staleMs) => ledgerWindow({ sql, clock, outside: (fn) => fn(), provider, staleMs }), close: () => sql.close() };
}

async function createTables(sql: Sql): Promise<void> {
  await sql.transaction('tracker-schema', async () => {
    for (const t of TABLES) await sql.run(t);
  });
}

interface LedgerDeps {
  sql: Sql;
  clock: () => Promise<number>;
  outside: <R>(fn: () => Promise<R>) => Promise<R>;
  provider: string;
  staleMs: number;
}

function ledgerWindow({ sql, clock, outside, provider, staleMs }: LedgerDeps): SharedWindow {
  let prunedAt = -Infinity;
  /** When a row stops counting: one window after its finish (or its presumed finish). */
  const end = (r: Row, windowMs: number) => (r.finished ?? r.started + staleMs) + windowMs + MARGIN_MS;
  const inFlight = (r: Row, now: number) => r.finished === null && r.started + staleMs > now;
  const view = (rows: Row[], now: number, windowMs: number): SharedSlot[] =>
    rows.map((r) => ({ id: r.id, bg: r.bg === 1, freeInMs: inFlight(r, now) ? null : end(r, windowMs) - now }));
  const inWindow = async (now: number, windowMs: number): Promise<Row[]> => {
    const cutoff = now - windowMs - MARGIN_MS;
    // `started >` bounds the index scan: a row that ended in the window started at most staleMs before it.
    const rows = await sql.all<Row>(
      'SELECT id, bg, started, finished FROM tracker_slots WHERE provider = ? AND started > ? AND COALESCE(finished, started + ?) > ?',
      [provider, cutoff - staleMs, staleMs, cutoff],
    );
    return rows.map((r) => ({ ...r, bg: Number(r.bg), started: Number(r.started), finished: r.finished === null ? null : Number(r.finished) }));
  };

  return {
    take: (req: SlotRequest): Promise<SlotTake> =>
      outside(() =>
        sql.transaction(`ratelimit:${provider}`, async () => {
          const now = await clock();
          if (now - prunedAt > PRUNE_EVERY_MS) {
            prunedAt = now;
            await sql.run('DELETE FROM tracker_slots WHERE provider = ? AND started < ?', [provider, now - HOUR_MS - staleMs]);
          }
          const rows = await inWindow(now, req.windowMs);
          const bgUsed = rows.filter((r) => r.bg === 1).length;
          const full = rows.length >= req.requests || (req.bg && bgUsed >= req.bgRequests);
          if (!full) {
            const id = randomUUID();
            await sql.run('INSERT INTO tracker_slots(id, provider, bg, started, finished) VALUES (?, ?, ?, ?, NULL)', [id, provider, req.bg ? 1 : 0, now]);
            return { id, window: view([...rows, { id, bg: req.bg ? 1 : 0, started: now, finished: null }], now, req.windowMs) };
          }
          // The slot that frees first among those this priority competes for (as the local limiter's pump).
          const freeIn = rows
            .filter((r) => !req.bg || r.bg === 1 || rows.length >= req.requests)
            .map((r) => (inFlight(r, now) ? Infinity : end(r, req.windowMs) - now));
          const soonest = Math.min(...freeIn);
          return { waitMs: soonest === Infinity ? POLL_MS : Math.max(1, soonest + 1), window: view(rows, now, req.windowMs) };
        }),
      ),
    finish: (id: string): Promise<void> =>
      outside(async () => {
        await sql.run('UPDATE tracker_slots SET finished = ? WHERE id = ?', [await clock(), id]);
      }),
    read: (windowMs: number): Promise<SlotReading> =>
      outside(async () => {
        const now = await clock();
        const rows = await inWindow(now, windowMs);
        const starts = await sql.all<{ started: number }>('SELECT started FROM tracker_slots WHERE provider = ? AND started > ?', [provider, now - HOUR_MS]);
        return { window: view(rows, now, windowMs), startedAgoMs: starts.map((s) => now - Number(s.started)) };
      }),
  };
}
