/**
 * The bot's own history of daily 30-day ATM implied vol (see src/options/ivHistory.ts for the
 * method). Keyv namespace `ivhistory`: key = symbol, value = [{ date, iv, source }] ascending by New
 * York trading date. Each put is one store transaction (atomic across processes).
 */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

export const IV_HISTORY_NS = 'ivhistory';
const KEEP = 600;

export interface IvPoint {
  /** New York trading date, `YYYY-MM-DD`. */
  date: string;
  /** 30-day constant-maturity ATM IV, annual decimal. */
  iv: number;
  /** 'close' from the scheduled snapshot near the close; 'intraday' from a /greeks request. */
  source?: 'close' | 'intraday';
}

const schema = z.array(z.object({ date: z.string(), iv: z.number(), source: z.enum(['close', 'intraday']).optional() }));

/** Stored history of a symbol, ascending by date (empty when none). */
export async function readIvHistory(services: { store: Store }, symbol: string): Promise<IvPoint[]> {
  const raw = await services.store.ns<IvPoint[]>(IV_HISTORY_NS).get(symbol.toUpperCase());
  return (parseStored(schema, raw, `IV history of ${symbol.toUpperCase()}`) as IvPoint[] | undefined) ?? [];
}

/**
 * Puts one day's point, replacing that day's earlier value — except that an intraday value never
 * replaces one taken at the close.
 */
export async function putIvPoint(services: { store: Store }, symbol: string, point: IvPoint): Promise<{ stored: boolean; history: IvPoint[] }> {
  const key = symbol.toUpperCase();
  const { store } = services;
  return store.transaction(`${IV_HISTORY_NS}:${key}`, async () => {
    const history = await readIvHistory(services, key);
    const same = history.find((p) => p.date === point.date);
    if (same && (same.source ?? 'close') === 'close' && point.source === 'intraday') return { stored: false, history };
    const next = [...history.filter((p) => p.date !== point.date), point].sort((a, b) => a.date.localeCompare(b.date)).slice(-KEEP);
    await store.ns<IvPoint[]>(IV_HISTORY_NS).set(key, next);
    return { stored: true, history: next };
  });
}
