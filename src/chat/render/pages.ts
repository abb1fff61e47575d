/**
 * Keeps rendered pages of long replies for a while so paging buttons can show them. In memory
 * on purpose: a page is a view of a reply already sent, and after a restart or expiry the button
 * answers "run the command again" instead of showing something stale.
 */
import { randomBytes } from 'node:crypto';

export interface PageStoreOptions {
  ttlMs?: number;
  capacity?: number;
  now?: () => number;
}

export class PageStore<P> {
  private readonly entries = new Map<string, { pages: P[]; expires: number }>();
  private readonly ttlMs: number;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(opts: PageStoreOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 30 * 60_000;
    this.capacity = opts.capacity ?? 500;
    this.now = opts.now ?? Date.now;
  }

  /** Stores the pages and returns a short id for button custom ids. */
  put(pages: P[]): string {
    const id = randomBytes(6).toString('base64url');
    this.entries.set(id, { pages, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return id;
  }

  get(id: string, index: number): { page: P; count: number } | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    const page = entry.pages[index];
    return page === undefined ? undefined : { page, count: entry.pages.length };
  }
}

/** Custom id of a paging button: `page:<id>:<index>`. */
export const pageButtonId = (id: string, index: number, tag = ''): string => `page:${id}:${index}${tag ? `:${tag}` : ''}`;

export function parsePageButtonId(customId: string): { id: string; index: number } | undefined {
  const m = /^page:([\w-]+):(\d+)(?::\w+)?$/.exec(customId);
  return m?.[1] && m[2] ? { id: m[1], index: Number(m[2]) } : undefined;
}
