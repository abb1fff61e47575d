/**
 * Checks a SQLite store file before the store opens it, so a corrupt, locked or unwritable file is
 * one clear sentence at start-up instead of a stack trace from deep inside sqlite3. Turns WAL on
 * (recorded in the file, so every later connection uses it).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { reason, StoreError } from './open.js';
import { BUSY_TIMEOUT_MS } from './sqlite.js';

/** The absolute file of a `sqlite://path` URL, or undefined for any other URL. */
export function sqliteFileOf(url: string): string | undefined {
  const match = /^sqlite:\/\/(.+)$/.exec(url);
  return match?.[1] ? resolve(match[1]) : undefined;
}

/** Creates the folder, opens the file, runs `PRAGMA quick_check`, turns WAL on, proves it can write. */
export async function checkFile(file: string): Promise<void> {
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
    db.configure('busyTimeout', BUSY_TIMEOUT_MS);
    const check = await all('PRAGMA quick_check');
    const verdict = String(Object.values(check[0] ?? {})[0] ?? '');
    if (verdict !== 'ok') throw new StoreError('STORE_CORRUPT', `The store file ${file} is damaged (${verdict}); move it aside or restore a backup.`);
    await all('PRAGMA journal_mode=WAL');
    await all('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    const text = reason(cause);
    if (/not a database|malformed|corrupt/i.test(text)) {
      throw new StoreError('STORE_CORRUPT', `The store file ${file} is not a readable SQLite database (${text}); move it aside or restore a backup.`, {
        cause,
      });
    }
    if (/locked|busy/i.test(text)) {
      throw new StoreError('STORE_LOCKED', `The store file ${file} is locked by another process.`, { cause });
    }
    throw new StoreError('STORE_UNWRITABLE', `Cannot write the store file ${file}: ${text}.`, { cause });
  } finally {
    await new Promise<void>((ok) => db.close(() => ok()));
  }
}
