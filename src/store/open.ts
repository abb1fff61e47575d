/**
 * Opens the bot's state store: keyv namespaces over one SQLite file (or memory for tests).
 * The file is checked before keyv touches it, so a corrupt, locked or unwritable file is one
 * clear sentence at start-up instead of a stack trace from deep inside sqlite3.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import Keyv from 'keyv';
import KeyvSqlite from '@keyv/sqlite';

export class StoreError extends Error {
  constructor(
    readonly code: 'STORE_CORRUPT' | 'STORE_UNWRITABLE' | 'STORE_URL' | 'STORE_LOCKED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface Store {
  /** A keyv namespace. Names are lowercase letters and digits only (keyv clears by SQL LIKE). */
  ns<T = unknown>(name: string): Keyv<T>;
  /** Runs `fn` with no other `withLock(key)` caller of this process in between: keyv has no atomic read-modify-write. */
  withLock<R>(key: string, fn: () => Promise<R>): Promise<R>;
  /** Where the data lives, for /status. */
  readonly location: string;
  close(): Promise<void>;
}

const NAMESPACE = /^[a-z0-9]+$/;

/** `sqlite://path` (relative to the working directory), `sqlite://:memory:` or `memory://`. */
export async function openStore(url: string): Promise<Store> {
  if (url === 'memory://' || url === 'sqlite://:memory:') return memoryStore();
  const match = /^sqlite:\/\/(.+)$/.exec(url);
  if (!match?.[1]) {
    throw new StoreError('STORE_URL', `STORE_URL "${url}" is not supported: use sqlite://path/to/file.sqlite or memory://.`);
  }
  const file = resolve(match[1]);
  await checkFile(file);
  const adapters: KeyvSqlite[] = [];
  return build(`sqlite://${file}`, (name) => {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'keyv', busyTimeout: 5000 });
    adapters.push(adapter);
    return new Keyv({ store: adapter, namespace: name });
  }, async () => {
    await Promise.all(adapters.map((a) => a.disconnect().catch(() => undefined)));
  });
}

function memoryStore(): Store {
  return build('memory', (name) => new Keyv({ namespace: name }), async () => undefined);
}

function build(location: string, make: (name: string) => Keyv, close: () => Promise<void>): Store {
  const spaces = new Map<string, Keyv>();
  const locks = new Map<string, Promise<unknown>>();
  return {
    location,
    ns<T>(name: string): Keyv<T> {
      if (!NAMESPACE.test(name)) throw new Error(`store namespace "${name}" must be lowercase letters and digits`);
      let kv = spaces.get(name);
      if (!kv) {
        kv = make(name);
        kv.on('error', () => undefined);
        spaces.set(name, kv);
      }
      return kv as Keyv<T>;
    },
    async withLock<R>(key: string, fn: () => Promise<R>): Promise<R> {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const tail = run.catch(() => undefined);
      locks.set(key, tail);
      try {
        return await run;
      } finally {
        if (locks.get(key) === tail) locks.delete(key);
      }
    },
    close,
  };
}

/** Creates the folder, opens the file, runs `PRAGMA quick_check`, turns WAL on, proves it can write. */
async function checkFile(file: string): Promise<void> {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (cause) {
    throw new StoreError('STORE_UNWRITABLE', `Cannot create the folder for the store file ${file}: ${reason(cause)}.`, { cause });
  }
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const d = new sqlite3.Database(file, (err) => (err ? fail(err) : ok(d)));
  }).catch((cause: unknown) => {
    throw new StoreError('STORE_UNWRITABLE', `Cannot open the store file ${file}: ${reason(cause)}.`, { cause });
  });
  const all = (sql: string) =>
    new Promise<Record<string, unknown>[]>((ok, fail) => db.all(sql, (err, rows) => (err ? fail(err) : ok(rows as Record<string, unknown>[]))));
  try {
    db.configure('busyTimeout', 5000);
    const check = await all('PRAGMA quick_check');
    const verdict = String(Object.values(check[0] ?? {})[0] ?? '');
    if (verdict !== 'ok') throw new StoreError('STORE_CORRUPT', `The store file ${file} is damaged (${verdict}); move it aside or restore a backup.`);
    await all('PRAGMA journal_mode=WAL');
    await all('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    const text = reason(cause);
    if (/not a database|malformed|corrupt/i.test(text)) {
      throw new StoreError('STORE_CORRUPT', `The store file ${file} is not a readable SQLite database (${text}); move it aside or restore a backup.`, { cause });
    }
    if (/locked|busy/i.test(text)) {
      throw new StoreError('STORE_LOCKED', `The store file ${file} is locked by another process.`, { cause });
    }
    throw new StoreError('STORE_UNWRITABLE', `Cannot write the store file ${file}: ${text}.`, { cause });
  } finally {
    await new Promise<void>((ok) => db.close(() => ok()));
  }
}

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/^SQLITE_\w+:\s*/, '');
}
