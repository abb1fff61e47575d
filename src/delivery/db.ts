/**
 * The delivery tables (run ledger and outbox) live in the store's own SQLite file, beside keyv's
 * table, because keyv has no atomic read-modify-write: a claim here is one
 * `INSERT … ON CONFLICT DO NOTHING` or a compare-and-set `UPDATE`, atomic across processes.
 * A memory store gets a private `:memory:` database with the same tables.
 */
import sqlite3 from 'sqlite3';
import type { Store } from '../store/index.js';

export interface Db {
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS tracker_runs(
    key TEXT PRIMARY KEY, job TEXT NOT NULL, slot TEXT NOT NULL, tenant TEXT NOT NULL, channel TEXT NOT NULL,
    state TEXT NOT NULL, owner TEXT, pid INTEGER, host TEXT, lease_until INTEGER,
    claimed_at TEXT, done_at TEXT, note TEXT)`,
  'CREATE INDEX IF NOT EXISTS tracker_runs_job ON tracker_runs(job, tenant, state)',
  `CREATE TABLE IF NOT EXISTS tracker_outbox(
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, tenant TEXT NOT NULL, channel TEXT NOT NULL, day TEXT NOT NULL,
    reply TEXT NOT NULL, state TEXT NOT NULL, owner TEXT, pid INTEGER, host TEXT, lease_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0, not_before INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, sent_at TEXT, last_error TEXT)`,
  'CREATE INDEX IF NOT EXISTS tracker_outbox_state ON tracker_outbox(state, not_before)',
  'CREATE INDEX IF NOT EXISTS tracker_outbox_day ON tracker_outbox(tenant, day)',
];

/** Opens a SQLite file (or `:memory:`) with WAL and a busy timeout, and creates the tables. */
export async function openDb(file: string): Promise<Db> {
  const raw = await new Promise<sqlite3.Database>((ok, fail) => {
    const d = new sqlite3.Database(file, (err) => (err ? fail(err) : ok(d)));
  });
  raw.configure('busyTimeout', 10_000);
  const db: Db = {
    run: (sql, params = []) =>
      new Promise((ok, fail) =>
        raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) fail(err);
          else ok({ changes: this.changes });
        }),
      ),
    get: <T>(sql: string, params: unknown[] = []) => new Promise<T | undefined>((ok, fail) => raw.get(sql, params, (err, row) => (err ? fail(err) : ok(row as T | undefined)))),
    all: <T>(sql: string, params: unknown[] = []) => new Promise<T[]>((ok, fail) => raw.all(sql, params, (err, rows) => (err ? fail(err) : ok(rows as T[])))),
    close: () => new Promise<void>((ok) => raw.close(() => ok())),
  };
  if (file !== ':memory:') await db.all('PRAGMA journal_mode=WAL');
  for (const sql of SCHEMA) await db.run(sql);
  return db;
}

/** The SQLite file behind a store, or `:memory:` for a memory store. */
export function storeFile(store: Store): string {
  return store.location.startsWith('sqlite://') ? store.location.slice('sqlite://'.length) : ':memory:';
}

const shared = new WeakMap<Store, Promise<Db>>();

/** One connection per store, shared by the scheduler, the outbox and the commands of this process. */
export function deliveryDb(store: Store): Promise<Db> {
  let db = shared.get(store);
  if (!db) {
    db = openDb(storeFile(store));
    shared.set(store, db);
  }
  return db;
}

export async function closeDeliveryDb(store: Store): Promise<void> {
  const db = shared.get(store);
  shared.delete(store);
  if (db) await (await db).close();
}
