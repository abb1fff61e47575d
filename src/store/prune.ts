/**
 * Keeps the store from growing without bound (~62 KB a trading day per server otherwise): sent and
 * failed outbox messages and finished runs older than the cut-off, and key-value rows whose keyv
 * expiry has passed (keyv checks expiry only on read, so unread cache rows stayed forever). Pending
 * messages and open claims are never touched. Safe to run from several processes at once.
 */
import type { Sql } from './sql.js';

export interface Pruned {
  outbox: number;
  runs: number;
  expired: number;
}

/** `cutoff` on the bot's clock (rows carry its ISO times); `realNow` for keyv's real-time expiries. */
export async function pruneStore(sql: Sql, cutoff: Date, realNow = Date.now()): Promise<Pruned> {
  const before = cutoff.toISOString();
  const outbox = await sql.run("DELETE FROM tracker_outbox WHERE state IN ('sent', 'failed') AND created_at < ?", [before]);
  const runs = await sql.run("DELETE FROM tracker_runs WHERE state IN ('done', 'skipped') AND COALESCE(done_at, claimed_at) < ?", [before]);
  const expired = await sql.run(
    sql.dialect === 'postgres'
      ? `DELETE FROM keyv WHERE value LIKE '{%"expires":%' AND (value::jsonb->>'expires') ~ '^[0-9]+$' AND (value::jsonb->>'expires')::bigint < ?`
      : `DELETE FROM keyv WHERE json_valid(value) AND json_type(value, '$.expires') = 'integer' AND json_extract(value, '$.expires') < ?`,
    [realNow],
  );
  return { outbox: outbox.changes, runs: runs.changes, expired: expired.changes };
}
