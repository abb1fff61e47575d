/**
 * The delivery tables (run ledger and outbox) live in the store beside keyv's table and are
 * reached through the store's one connection (see src/store/sql.ts); a claim there is one
 * `INSERT … ON CONFLICT DO NOTHING` or a compare-and-set `UPDATE`, atomic across processes.
 */
import type { Store } from '../store/index.js';
import { openStore, type Sql } from '../store/index.js';

export type Db = Sql;

/** The store's connection, shared by the scheduler, the outbox and the commands of this process. */
export async function deliveryDb(store: Store): Promise<Db> {
  return store.sql;
}

/** Kept for callers that closed the delivery connection separately: the store closes it now. */
export async function closeDeliveryDb(_store: Store): Promise<void> {}

/** A store on a SQLite file (or `:memory:`) with the delivery tables, for tools and tests that need only the tables. */
export async function openDb(file: string): Promise<Db> {
  const store = await openStore(file === ':memory:' ? 'memory://' : `sqlite://${file}`);
  return store.sql;
}
