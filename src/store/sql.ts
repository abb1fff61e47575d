/**
 * The store's one connection to its database, whatever the engine. Every table — keyv's key-value
 * table, the run ledger, the outbox — is read and written through it, so a read-modify-write can
 * be one transaction across all of them.
 *
 * Statements use `?` placeholders and SQL both engines accept (`ON CONFLICT … DO NOTHING`,
 * `IS NOT DISTINCT FROM`); the PostgreSQL connection rewrites the placeholders.
 */
export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in one transaction, atomic across processes: SQLite takes the file's write lock up
   * front (`BEGIN IMMEDIATE`, waiting up to the busy timeout), PostgreSQL a transaction-scoped
   * advisory lock on `lock`. Every statement `fn` makes through this connection (keyv included)
   * joins the transaction; a nested call joins the outer one. `fn` throwing rolls everything back.
   */
  transaction<R>(lock: string, fn: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** Runs promises one after another: the serial lane of a single SQLite connection. */
export function serialLane(): <R>(fn: () => Promise<R>) => Promise<R> {
  let tail: Promise<unknown> = Promise.resolve();
  return <R>(fn: () => Promise<R>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
