/**
 * Autocomplete answers for ticker and expiry options. Discord gives 3 s to answer, so the
 * universe is cached and every lookup races a short timeout: an empty list beats no answer.
 */
import type { MarketGateway } from '../../market/gateway.js';
import type { UniverseEntry } from '../../market/types.js';
import type { AutocompleteKind } from './definitions.js';

export interface Choice {
  name: string;
  value: string;
}

const TIMEOUT_MS = 2000;
const UNIVERSE_TTL_MS = 10 * 60_000;

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    p.then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}

export function createSuggester(market: MarketGateway, now: () => number = Date.now) {
  let universe: { at: number; entries: Promise<UniverseEntry[]> } | undefined;
  const expiries = new Map<string, { at: number; list: Promise<string[]> }>();

  const loadUniverse = (): Promise<UniverseEntry[]> => {
    if (!universe || now() - universe.at > UNIVERSE_TTL_MS) {
      const entries = market.universe();
      universe = { at: now(), entries };
      // Evicts a failed listing from the suggestion cache; the awaiting caller sees the error.
      entries.catch(() => (universe = undefined));
    }
    return universe.entries;
  };

  const loadExpiries = (symbol: string): Promise<string[]> => {
    const hit = expiries.get(symbol);
    if (hit && now() - hit.at < UNIVERSE_TTL_MS) return hit.list;
    const list = market.optionChain(symbol).then((c) => c.expiries);
    expiries.set(symbol, { at: now(), list });
    // Evicts a failed chain from the suggestion cache; the awaiting caller sees the error.
    list.catch(() => expiries.delete(symbol));
    return list;
  };

  return async function suggest(kind: AutocompleteKind, typed: string, symbol?: string): Promise<Choice[]> {
    const q = typed.trim().toUpperCase();
    if (kind === 'ticker') {
      const entries = await within(loadUniverse(), TIMEOUT_MS, []);
      const starts = entries.filter((e) => e.symbol.toUpperCase().startsWith(q));
      const named = q ? entries.filter((e) => !e.symbol.toUpperCase().startsWith(q) && e.name?.toUpperCase().includes(q)) : [];
      return [...starts, ...named].slice(0, 25).map((e) => ({ name: (e.name ? `${e.symbol} — ${e.name}` : e.symbol).slice(0, 100), value: e.symbol }));
    }
    if (!symbol) return [];
    const list = await within(loadExpiries(symbol.trim().toUpperCase()), TIMEOUT_MS, []);
    return list
      .filter((d) => d.startsWith(typed.trim()))
      .slice(0, 25)
      .map((d) => ({ name: d, value: d }));
  };
}

export type Suggester = ReturnType<typeof createSuggester>;
