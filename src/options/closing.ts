/**
 * After hours and weekends: live option quotes are often empty (bid = ask = 0). While the market is
 * open every chain /greeks reads with two-sided quotes is kept (src/store/closing-chains.ts, the latest
 * of the session winning); when it is closed and under a quarter of the live chain is two-sided, the last
 * session's stored quotes answer instead, labelled with their time.
 */
import type { OptionChain } from '../market/index.js';
import type { Services } from '../services.js';
import { readClosingChain, saveClosingChain, type StoredChain } from '../store/closing-chains.js';
import { latestSession } from './session.js';

/** Share of the expiry's contracts with a two-sided quote. */
function twoSidedShare(chain: OptionChain, expiry: string): number {
  const list = chain.contracts.filter((c) => c.expiry === expiry);
  return list.length ? list.filter((c) => (c.bid ?? 0) > 0 && (c.ask ?? 0) >= (c.bid ?? 0)).length / list.length : 0;
}
/** Under this share of two-sided quotes a closed market's chain counts as empty (Yahoo after hours: a stray one or two). */
const EMPTY_SHARE = 0.25;

/**
 * The quote time last kept per store and `SYMBOL|expiry`: a warm /greeks reads the same cached chain
 * again and again, and rewriting it each time cost a serialisation and a store write per reply.
 */
const kept = new WeakMap<object, Map<string, string>>();
const KEPT_MAX = 5_000;

function alreadyKept(store: object, key: string, asOf: string): boolean {
  const seen = kept.get(store) ?? new Map<string, string>();
  kept.set(store, seen);
  if (seen.get(key) === asOf) return true;
  if (seen.size >= KEPT_MAX) seen.clear();
  seen.set(key, asOf);
  return false;
}

/** Keeps the chain when the market is open, or returns the stored last-session quotes when live ones are empty. */
export async function closingQuotes(
  services: Pick<Services, 'store' | 'clock' | 'calendar' | 'logger'>,
  chain: OptionChain,
  expiry: string,
): Promise<StoredChain | undefined> {
  const { store, clock, calendar, logger } = services;
  const now = clock.now();
  const share = twoSidedShare(chain, expiry);
  if (calendar.isOpen(now)) {
    if (share > 0 && !alreadyKept(store, `${chain.symbol}|${expiry}`, chain.stamp.asOf)) {
      const only = { ...chain, contracts: chain.contracts.filter((c) => c.expiry === expiry) };
      await saveClosingChain(store, calendar.nyDate(now), only).catch((err: unknown) => {
        kept.get(store)?.delete(`${chain.symbol}|${expiry}`);
        logger.warn({ err, symbol: chain.symbol }, 'closing chain not stored');
      });
    }
    return undefined;
  }
  if (share >= EMPTY_SHARE) return undefined;
  const stored = await readClosingChain(store, chain.symbol, expiry).catch((err: unknown) => {
    logger.warn({ err, symbol: chain.symbol }, 'closing chain unreadable');
    return undefined;
  });
  return stored && stored.session === latestSession(calendar, now) ? stored : undefined;
}
