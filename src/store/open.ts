/**
 * Opens the bot's state store: keyv namespaces, the run ledger and the outbox over ONE connection
 * — a SQLite file (the embedded default), SQLite in memory (tests), or PostgreSQL (several
 * replicas). Every write is checked: a failed one throws `STORE_WRITE_FAILED` (logged here), never
 * a quiet `false`.
 */
import Keyv from 'keyv';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { SqlKeyvAdapter } from './kv.js';
import { redactUrl } from './redact.js';
import { migrate } from './schema.js';
import type { Sql } from './sql.js';
import { checkFile, sqliteFileOf } from './sqliteFile.js';
import { openSqlite } from './sqlite.js';

export class StoreError extends Error {
  constructor(
    readonly code: 'STORE_CORRUPT' | 'STORE_UNWRITABLE' | 'STORE_URL' | 'STORE_LOCKED' | 'STORE_UNREACHABLE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export const STORE_WRITE_FAILED = 'STORE_WRITE_FAILED';

/** A write the store refused (disk full, read-only file, database gone): nothing was saved. */
export class StoreWriteError extends DomainError {
  constructor(cause: unknown) {
    super(STORE_WRITE_FAILED, 'Nothing was saved: the bot could not write to its storage (tell the bot operator); try again later.', { cause });
    this.name = 'StoreWriteError';
  }
}

export interface Store {
  /** A keyv namespace. Names are lowercase letters and digits only (keyv clears by SQL LIKE). */
  ns<T = unknown>(name: string): Keyv<T>;
  /**
   * Runs a read-modify-write atomically across every process on this store (see Sql.transaction):
   * reads and writes `fn` makes through `ns()` or `sql` commit together or not at all.
   */
  transaction<R>(lock: string, fn: () => Promise<R>): Promise<R>;
  /** The store's one connection, for the run ledger and the outbox. */
  readonly sql: Sql;
  /** Where the data lives, for /status (a PostgreSQL URL without its password). */
  readonly location: string;
  /** Other processes can open this store (a file or a server): state every replica must agree on goes here, not in memory. */
  readonly shared: boolean;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Where failed writes are logged. */
  logger?: Pick<Logger, 'error'>;
}

const NAMESPACE = /^[a-z0-9]+$/;

/** `sqlite://path` (relative to the working directory), `sqlite://:memory:`, `memory://` or `postgres://user:password@host:port/db`. */
export async function openStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  let sql: Sql;
  let location: string;
  if (url === 'memory://' || url === 'sqlite://:memory:') {
    sql = await openSqlite(':memory:');
    location = 'memory';
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    // pg is loaded only for a PostgreSQL store: SQLite and the demo start without it.
    const { openPostgres } = await import('./postgres.js');
    sql = await openPostgres(url).catch((cause: unknown) => {
      throw new StoreError('STORE_UNREACHABLE', `Cannot reach the PostgreSQL store at ${redactUrl(url)}: ${reason(cause, url)}.`, { cause });
    });
    location = redactUrl(url);
  } else {
    const file = sqliteFileOf(url);
    if (!file)
      throw new StoreError(
        'STORE_URL',
        `STORE_URL "${redactUrl(url)}" is not supported: use sqlite://path/to/file.sqlite, postgres://user:password@host:port/db or memory://.`,
      );
    await checkFile(file);
    sql = await openSqlite(file);
    location = `sqlite://${file}`;
  }
  try {
    await migrate(sql);
  } catch (cause) {
    await sql.close();
    throw new StoreError('STORE_UNWRITABLE', `Cannot create the store's tables at ${location}: ${reason(cause, url)}.`, { cause });
  }
  return build(location, checked(sql, opts.logger));
}

function build(location: string, sql: Sql): Store {
  const spaces = new Map<string, Keyv>();
  return {
    location,
    shared: location !== 'memory',
    sql,
    ns<T>(name: string): Keyv<T> {
      if (!NAMESPACE.test(name)) throw new Error(`store namespace "${name}" must be lowercase letters and digits`);
      let kv = spaces.get(name);
      if (!kv) {
        kv = new Keyv({ store: new SqlKeyvAdapter(sql), namespace: name, throwOnErrors: true });
        // Errors are thrown to the caller (throwOnErrors) and failed writes logged by `checked`; an
        // unhandled 'error' event would crash the process instead.
        kv.on('error', () => undefined);
        spaces.set(name, kv);
      }
      return kv as Keyv<T>;
    },
    transaction: (lock, fn) => sql.transaction(lock, fn),
    close: () => sql.close(),
  };
}

/** Turns every failed write (a statement, BEGIN or COMMIT) into a logged StoreWriteError. */
function checked(sql: Sql, logger: StoreOptions['logger']): Sql {
  const fail = (statement: string, cause: unknown): never => {
    if (cause instanceof StoreWriteError) throw cause;
    logger?.error({ err: cause instanceof Error ? cause.message : String(cause), statement: statement.slice(0, 80) }, 'store write failed');
    throw new StoreWriteError(cause);
  };
  return {
    dialect: sql.dialect,
    run: (s, params) => sql.run(s, params).catch((cause: unknown) => fail(s, cause)),
    get: (s, params) => sql.get(s, params),
    all: (s, params) => sql.all(s, params),
    async transaction(lock, fn) {
      let inner: { error: unknown } | undefined;
      try {
        return await sql.transaction(lock, () =>
          fn().catch((error: unknown) => {
            inner = { error };
            throw error;
          }),
        );
      } catch (cause) {
        if (inner && inner.error === cause) throw cause; // the caller's own error (rolled back), not the store's
        return fail(`transaction ${lock}`, cause);
      }
    },
    close: () => sql.close(),
  };
}

export function reason(err: unknown, url?: string): string {
  const msg = err instanceof Error ? err.message : String(err);
  const text = msg.replace(/^SQLITE_\w+:\s*/, '');
  return url ? text.split(url).join(redactUrl(url)) : text;
}
