/**
 * The SQLite connection: one sqlite3 handle per store, WAL and a busy timeout, so several bot
 * processes can share one file. A transaction holds this process's lane (statements from outside
 * it wait; statements from inside — found through AsyncLocalStorage — run in it) and the file's
 * write lock (`BEGIN IMMEDIATE`), so a read-modify-write is atomic across processes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import sqlite3 from 'sqlite3';
import { serialLane, type Sql } from './sql.js';

export const BUSY_TIMEOUT_MS = 15_000;

interface Tx {
  open: boolean;
}

export async function openSqlite(file: string): Promise<Sql> {
  const raw = await new Promise<sqlite3.Database>((ok, fail) => {
    const d = new sqlite3.Database(file, (err) => (err ? fail(err) : ok(d)));
  });
  raw.configure('busyTimeout', BUSY_TIMEOUT_MS);
  const lane = serialLane();
  const current = new AsyncLocalStorage<Tx>();

  const exec = {
    run: (sql: string, params: unknown[]) =>
      new Promise<{ changes: number }>((ok, fail) =>
        raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) fail(err);
          else ok({ changes: this.changes });
        }),
      ),
    get: <T>(sql: string, params: unknown[]) =>
      new Promise<T | undefined>((ok, fail) => raw.get(sql, params, (err, row) => (err ? fail(err) : ok(row as T | undefined)))),
    all: <T>(sql: string, params: unknown[]) => new Promise<T[]>((ok, fail) => raw.all(sql, params, (err, rows) => (err ? fail(err) : ok(rows as T[])))),
  };
  /** Inside this process's open transaction: run now. Outside: wait for the lane. */
  const inLane = <R>(fn: () => Promise<R>): Promise<R> => (current.getStore()?.open ? fn() : lane(fn));

  const sql: Sql = {
    dialect: 'sqlite',
    run: (s, params = []) => inLane(() => exec.run(s, params)),
    get: <T>(s: string, params: unknown[] = []) => inLane(() => exec.get<T>(s, params)),
    all: <T>(s: string, params: unknown[] = []) => inLane(() => exec.all<T>(s, params)),
    transaction<R>(_lock: string, fn: () => Promise<R>): Promise<R> {
      if (current.getStore()?.open) return fn();
      return lane(async () => {
        await exec.run('BEGIN IMMEDIATE', []);
        const tx: Tx = { open: true };
        try {
          const result = await current.run(tx, fn);
          await exec.run('COMMIT', []);
          return result;
        } catch (err) {
          await exec.run('ROLLBACK', []).catch(() => undefined); // already rolled back when COMMIT itself failed
          throw err;
        } finally {
          tx.open = false;
        }
      });
    },
    close: () => lane(() => new Promise<void>((ok) => raw.close(() => ok()))),
  };
  return sql;
}
