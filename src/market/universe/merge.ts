/**
 * Several listings → one universe. The first listing naming a symbol sets its fields; later
 * ones only fill what is missing (a trending symbol has no market cap, a NASDAQ row has no
 * average volume), and every listing that named it is kept in `sources`.
 */
import type { UniverseEntry } from '../types.js';

export interface Listing {
  /** Tag added to `sources`, e.g. `nasdaq`, `yahoo:small_cap_gainers`. */
  tag: string;
  entries: readonly UniverseEntry[];
}

export function mergeUniverse(listings: readonly Listing[]): UniverseEntry[] {
  const out = new Map<string, UniverseEntry>();
  for (const { tag, entries } of listings) {
    for (const e of entries) {
      const have = out.get(e.symbol);
      if (!have) {
        out.set(e.symbol, { ...e, sources: [...new Set([...(e.sources ?? []), tag])] });
        continue;
      }
      const merged: UniverseEntry = { ...have };
      for (const [k, v] of Object.entries(e) as Array<[keyof UniverseEntry, unknown]>) {
        if (k !== 'sources' && v !== undefined && merged[k] === undefined) (merged as Record<string, unknown>)[k] = v;
      }
      merged.sources = [...new Set([...(have.sources ?? []), ...(e.sources ?? []), tag])];
      out.set(e.symbol, merged);
    }
  }
  return [...out.values()];
}
