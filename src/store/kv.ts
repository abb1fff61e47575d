/**
 * keyv's storage adapter over the store's own connection, so keyv's reads and writes join a
 * transaction like any other statement (a second connection, as @keyv/sqlite and @keyv/postgres
 * open, could not). Keys arrive prefixed with keyv's namespace (`portfolios:tenant`), values
 * serialised by keyv; expiry is checked by keyv on read.
 */
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter } from 'keyv';
import type { Sql } from './sql.js';

const CHUNK = 500;

export class SqlKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  namespace?: string | undefined;
  readonly opts = { dialect: 'sql' };

  constructor(private readonly sql: Sql) {
    super();
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    const row = await this.sql.get<{ value: string }>('SELECT value FROM keyv WHERE key = ?', [key]);
    return row?.value as Value | undefined;
  }

  async set(key: string, value: unknown): Promise<boolean> {
    await this.sql.run('INSERT INTO keyv(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
    return true;
  }

  /** One statement per 500 keys: a scan reads thousands of cached quotes at once. */
  async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    const found = new Map<string, string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const part = keys.slice(i, i + CHUNK);
      const rows = await this.sql.all<{ key: string; value: string }>(`SELECT key, value FROM keyv WHERE key IN (${part.map(() => '?').join(', ')})`, part);
      for (const r of rows) found.set(r.key, r.value);
    }
    return keys.map((k) => found.get(k) as Value | undefined);
  }

  /** One upsert statement per 500 entries (a statement is atomic on its own on both engines). */
  async setMany(entries: Array<{ key: string; value: unknown }>): Promise<void> {
    // PostgreSQL refuses to update one row twice in a statement: the last value of a key wins.
    const unique = [...new Map(entries.map((e) => [e.key, e.value])).entries()];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const part = unique.slice(i, i + CHUNK);
      await this.sql.run(
        `INSERT INTO keyv(key, value) VALUES ${part.map(() => '(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        part.flat(),
      );
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM keyv WHERE key = ?', [key])).changes > 0;
  }

  async clear(): Promise<void> {
    await this.sql.run('DELETE FROM keyv WHERE key LIKE ?', [this.namespace ? `${this.namespace}:%` : '%']);
  }

  async has(key: string): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS one FROM keyv WHERE key = ?', [key])) !== undefined;
  }

  async disconnect(): Promise<void> {
    // The connection belongs to the store, which closes it.
  }
}
