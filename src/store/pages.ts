/**
 * Rendered pages of long replies in the store, so a paging button clicked on any replica shows the
 * page another rendered. One row per reply: its pages as JSON and when they expire. Expired rows
 * and the oldest beyond `capacity` are deleted as new ones arrive (at most once a minute per
 * process), so the table stays small without a job.
 */
import type { Store } from './open.js';

const TABLES = [
  'CREATE TABLE IF NOT EXISTS tracker_pages(id TEXT PRIMARY KEY, pages TEXT NOT NULL, created BIGINT NOT NULL, expires BIGINT NOT NULL)',
  'CREATE INDEX IF NOT EXISTS tracker_pages_created ON tracker_pages(created)',
];
const PRUNE_EVERY_MS = 60_000;

export interface StoredPages {
  put(id: string, pages: unknown[], now: number, expires: number): Promise<void>;
  /** The pages of `id` and when they expire, unless expired at `now`. */
  get(id: string, now: number): Promise<{ pages: unknown[]; expires: number } | undefined>;
}

/** Pages in the store, or undefined when the store is this process's alone (memory://): memory does. */
export function storedPages(store: Store, capacity: number): StoredPages | undefined {
  if (!store.shared) return undefined;
  const { sql } = store;
  let ready: Promise<void> | undefined;
  let prunedAt = -Infinity;
  // Created on first use, under the schema lock replicas starting together share.
  const tables = () =>
    (ready ??= store
      .transaction('tracker-schema', async () => {
        for (const t of TABLES) await sql.run(t);
      })
      .catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
  return {
    async put(id, pages, now, expires) {
      await tables();
      await sql.run('INSERT INTO tracker_pages(id, pages, created, expires) VALUES (?, ?, ?, ?)', [id, JSON.stringify(pages), now, expires]);
      if (now - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = now;
      await sql.run('DELETE FROM tracker_pages WHERE expires < ?', [now]);
      // Beyond capacity: everything older than the capacity-th newest row.
      await sql.run('DELETE FROM tracker_pages WHERE created < (SELECT created FROM tracker_pages ORDER BY created DESC LIMIT 1 OFFSET ?)', [capacity - 1]);
    },
    async get(id, now) {
      await tables();
      const row = await sql.get<{ pages: string; expires: number }>('SELECT pages, expires FROM tracker_pages WHERE id = ?', [id]);
      if (!row || Number(row.expires) < now) return undefined;
      const pages = JSON.parse(row.pages) as unknown;
      return Array.isArray(pages) ? { pages, expires: Number(row.expires) } : undefined;
    },
  };
}
