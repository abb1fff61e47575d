/**
 * Keeps rendered pages of long replies for a while so paging buttons can show them. A page is a
 * view of a reply already sent: after expiry the button answers "run the command again" instead of
 * showing something stale. In memory for this process; on a shared store (a file, PostgreSQL) also
 * in the store, so a click that reaches another replica shows the same page.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/index.js';
import { storedPages, type StoredPages } from '../../store/pages.js';

export interface PageStoreOptions {
  ttlMs?: number;
  capacity?: number;
  now?: () => number;
  /** Share pages through this store when other processes can open it. */
  store?: Store;
}

export class PageStore<P> {
  private readonly entries = new Map<string, { pages: P[]; expires: number }>();
  private readonly ttlMs: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly stored: StoredPages | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(opts: PageStoreOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 30 * 60_000;
    this.capacity = opts.capacity ?? 500;
    this.now = opts.now ?? Date.now;
    this.stored = opts.store ? storedPages(opts.store, this.capacity) : undefined;
  }

  /** Stores the pages and returns a short id for button custom ids (the store write follows; see settled()). */
  put(pages: P[]): string {
    const id = randomBytes(6).toString('base64url');
    const now = this.now();
    this.remember(id, { pages, expires: now + this.ttlMs });
    if (this.stored) {
      // A page the store missed only makes a click on another replica say "run the command again".
      const write = this.stored.put(id, pages, now, now + this.ttlMs).catch(() => undefined);
      this.writes = Promise.all([this.writes, write]);
    }
    return id;
  }

  async get(id: string, index: number): Promise<{ page: P; count: number } | undefined> {
    let entry = this.entries.get(id);
    if (!entry && this.stored) {
      // Rendered by another replica (or before a restart of this one).
      const found = await this.stored.get(id, this.now()).catch(() => undefined);
      if (found) {
        entry = { pages: found.pages as P[], expires: found.expires };
        this.remember(id, entry);
      }
    }
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    const page = entry.pages[index];
    return page === undefined ? undefined : { page, count: entry.pages.length };
  }

  /** Resolves when every page put so far is in the store (tests; shutdown). */
  settled(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  private remember(id: string, entry: { pages: P[]; expires: number }): void {
    this.entries.set(id, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** Custom id of a paging button: `page:<id>:<index>`. */
export const pageButtonId = (id: string, index: number, tag = ''): string => `page:${id}:${index}${tag ? `:${tag}` : ''}`;

export function parsePageButtonId(customId: string): { id: string; index: number } | undefined {
  const m = /^page:([\w-]+):(\d+)(?::\w+)?$/.exec(customId);
  return m?.[1] && m[2] ? { id: m[1], index: Number(m[2]) } : undefined;
}
