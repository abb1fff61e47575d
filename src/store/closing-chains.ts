/**
 * The last session's option quotes, for the hours when live ones are empty (Yahoo answers bid = ask = 0
 * most evenings and weekends). Each chain with two-sided quotes seen during a session is kept, the
 * latest of the session winning — so what stays is the one seen nearest the close, with its time.
 * Keyv namespace `closingchains`: key = `SYMBOL|expiry`, value = { session, savedAt, chain }.
 */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

export const CLOSING_CHAINS_NS = 'closingchains';
const TTL_MS = 10 * 86_400_000;

const contract = z.object({
  contractSymbol: z.string(),
  type: z.enum(['call', 'put']),
  strike: z.number(),
  expiry: z.string(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  last: z.number().nullable(),
  volume: z.number().nullable(),
  openInterest: z.number().nullable(),
  lastTradeAt: z.string().optional(),
  providerIv: z.number().optional(),
});
const schema = z.object({
  /** New York trading date of the session the quotes belong to. */
  session: z.string(),
  /** The quotes' as-of instant (ISO). */
  savedAt: z.string(),
  chain: z.object({
    symbol: z.string(),
    spot: z.number(),
    expiries: z.array(z.string()),
    contracts: z.array(contract),
    stamp: z.object({
      source: z.string(),
      asOf: z.string(),
      delayed: z.boolean(),
      stale: z.boolean(),
      simulated: z.boolean().default(false),
      delayMinutes: z.number().optional(),
    }),
  }),
});
export type StoredChain = z.infer<typeof schema>;

const key = (symbol: string, expiry: string) => `${symbol.toUpperCase()}|${expiry}`;

/** Keeps `chain` (one expiry's contracts) as the session's latest quotes; ignored when it has no two-sided quote. */
export async function saveClosingChain(store: Store, session: string, chain: StoredChain['chain']): Promise<boolean> {
  const expiry = chain.contracts[0]?.expiry;
  const quoted = chain.contracts.some((c) => (c.bid ?? 0) > 0 && (c.ask ?? 0) >= (c.bid ?? 0));
  if (!expiry || !quoted) return false;
  await store.ns<StoredChain>(CLOSING_CHAINS_NS).set(key(chain.symbol, expiry), { session, savedAt: chain.stamp.asOf, chain }, TTL_MS);
  return true;
}

/** The stored quotes of `symbol` at `expiry`, when kept. */
export async function readClosingChain(store: Store, symbol: string, expiry: string): Promise<StoredChain | undefined> {
  const raw = await store.ns<StoredChain>(CLOSING_CHAINS_NS).get(key(symbol, expiry));
  return parseStored(schema, raw, `closing chain of ${symbol.toUpperCase()} ${expiry}`);
}
