/**
 * Tenant watchlists: symbols a server or workspace always wants scanned. One keyv record per
 * tenant in the `watchlists` namespace; each change is one store transaction (atomic across
 * processes).
 */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

const NAMESPACE = 'watchlists';
/** Keeps one tenant from growing the scan universe without bound. */
export const MAX_WATCHLIST = 200;

const schema = z.array(z.string());

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
  const read = async (tenant: string): Promise<string[]> => parseStored(schema, await kv.get(tenant), `watchlist of ${tenant}`) ?? [];
  const update = <R>(tenant: string, fn: (list: string[]) => { list: string[]; result: R }): Promise<R> =>
    store.transaction(`${NAMESPACE}:${tenant}`, async () => {
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
