/**
 * The store's tables, created at start on either engine (idempotent: `IF NOT EXISTS` only, so any
 * number of replicas may run it at once). `keyv` has @keyv/sqlite's and @keyv/postgres's layout,
 * so existing store files keep their data.
 */
import type { Sql } from './sql.js';

const TABLES = (dialect: Sql['dialect']) => [
  dialect === 'postgres'
    ? 'CREATE TABLE IF NOT EXISTS keyv(key TEXT PRIMARY KEY, value TEXT)'
    : 'CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)',
  `CREATE TABLE IF NOT EXISTS tracker_runs(
    key TEXT PRIMARY KEY, job TEXT NOT NULL, slot TEXT NOT NULL, tenant TEXT NOT NULL, channel TEXT NOT NULL,
    state TEXT NOT NULL, owner TEXT, pid INTEGER, host TEXT, lease_until BIGINT,
    claimed_at TEXT, done_at TEXT, note TEXT)`,
  'CREATE INDEX IF NOT EXISTS tracker_runs_job ON tracker_runs(job, tenant, state)',
  `CREATE TABLE IF NOT EXISTS tracker_outbox(
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, tenant TEXT NOT NULL, channel TEXT NOT NULL, day TEXT NOT NULL,
    reply TEXT NOT NULL, state TEXT NOT NULL, owner TEXT, pid INTEGER, host TEXT, lease_until BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0, not_before BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, sent_at TEXT, last_error TEXT)`,
  'CREATE INDEX IF NOT EXISTS tracker_outbox_state ON tracker_outbox(state, not_before)',
  'CREATE INDEX IF NOT EXISTS tracker_outbox_day ON tracker_outbox(tenant, day)',
];

export async function migrate(sql: Sql): Promise<void> {
  // Replicas starting together would race on the catalog; one transaction under one lock runs them in turn.
  await sql.transaction('tracker-schema', async () => {
    for (const statement of TABLES(sql.dialect)) await sql.run(statement);
  });
}
