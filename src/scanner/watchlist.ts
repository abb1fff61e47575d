/**
 * Tenant watchlists: symbols a server or workspace always wants scanned. One keyv record per
 * tenant in the `watchlists` namespace; writes go through the store lock (keyv has no atomic
 * read-modify-write).
 */
import type { Store } from '../store/index.js';

const NAMESPACE = 'watchlists';
/** Keeps one tenant from growing the scan universe without bound. */
export const MAX_WATCHLIST = 200;

export interface Watchlists {
  list(tenant: string): Promise<string[]>;
  /** Returns the list after the change; `added` is false when the symbol was already there. */
  add(tenant: string, symbol: string): Promise<{ symbols: string[]; added: boolean }>;
  remove(tenant: string, symbol: string): Promise<{ symbols: string[]; removed: boolean }>;
}

export class WatchlistFullError extends Error {
  constructor() {
    super(`A watchlist holds at most ${MAX_WATCHLIST} symbols; remove one first.`);
    this.name = 'WatchlistFullError';
  }
}

export function watchlists(store: Store): Watchlists {
  const kv = store.ns<string[]>(NAMESPACE);
  const read = async (tenant: string): Promise<string[]> => (await kv.get(tenant)) ?? [];
  const update = <R>(tenant: string, fn: (list: string[]) => { list: string[]; result: R }): Promise<R> =>
    store.withLock(`${NAMESPACE}:${tenant}`, async () => {
      const { list, result } = fn(await read(tenant));
      await kv.set(tenant, list);
      return result;
    });
  return {
    list: read,
    add: (tenant, symbol) =>
      update<{ symbols: string[]; added: boolean }>(tenant, (list) => {
        const s = symbol.toUpperCase();
        if (list.includes(s)) return { list, result: { symbols: list, added: false } };
        if (list.length >= MAX_WATCHLIST) throw new WatchlistFullError();
        const next = [...list, s].sort();
        return { list: next, result: { symbols: next, added: true } };
      }),
    remove: (tenant, symbol) =>
      update<{ symbols: string[]; removed: boolean }>(tenant, (list) => {
        const s = symbol.toUpperCase();
        const next = list.filter((x) => x !== s);
        return { list: next, result: { symbols: next, removed: next.length !== list.length } };
      }),
  };
}
