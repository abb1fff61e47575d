/**
 * The PostgreSQL connection (`pg` pool): the store shared by several bot replicas. Statements
 * outside a transaction take any pooled connection; a transaction holds one connection, found by
 * the statements inside it through AsyncLocalStorage, and a transaction-scoped advisory lock on
 * its lock name, so read-modify-writes of one record run one at a time across replicas.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Sql } from './sql.js';

/** `?` placeholders to `$1…` (our statements never contain a literal `?`). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export { redactUrl } from './redact.js';

/** BIGINT (lease times, counts) as a JS number: every value we store fits in 2^53. */
const parser = ((oid: number, format?: 'text' | 'binary') =>
  oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'];

export async function openPostgres(url: string): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000, types: { getTypeParser: parser } });
  // An idle client losing its server must not crash the process; the next query reports the error.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const query = (text: string, params: unknown[]) => (current.getStore() ?? pool).query(numbered(text), params);
  return {
    dialect: 'postgres',
    run: async (text, params = []) => ({ changes: (await query(text, params)).rowCount ?? 0 }),
    get: async <T>(text: string, params: unknown[] = []) => (await query(text, params)).rows[0] as T | undefined,
    all: async <T>(text: string, params: unknown[] = []) => (await query(text, params)).rows as T[],
    async transaction<R>(lock: string, fn: () => Promise<R>): Promise<R> {
      const outer = current.getStore();
      if (outer) {
        await outer.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
        return fn();
      }
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lock]);
        const result = await current.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: unknown) => {
          broken = e;
        });
        throw err;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}
