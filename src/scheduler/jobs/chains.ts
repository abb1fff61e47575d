/**
 * Closing option chains near the close (schedule.closingChains, default 15:50 = close − 10 min, so
 * 12:50 on a half-day): the chains of open option positions (their own expiries), of today's picks
 * and of watched symbols (the expiry /greeks shows by default) are read while quotes are still
 * two-sided and kept as the session's closing quotes (src/store/closing-chains.ts) — what /greeks
 * answers from after hours and on weekends, whoever asked during the day. Runs as background work
 * within scanner.live.refreshBudgetShare of the request budget; what the budget cannot reach is
 * skipped and named, positions first, then picks, then watchlists. Reads go through the gateway's
 * cache (options: market.cacheTtl.options, an hour): a chain read within that time is kept with its
 * own, earlier as-of time, never relabelled.
 */
import { chooseExpiry } from '../../market/expiry.js';
import { withPriority, type OptionChain } from '../../market/index.js';
import { pricedAt } from '../../options/greeksData.js';
import { makePlan } from '../../scanner/plan.js';
import type { Services } from '../../services.js';
import { readClosingChain, saveClosingChain } from '../../store/closing-chains.js';
import { loadPicks } from '../../store/picks.js';
import { loadTenant } from '../../store/portfolio.js';
import { listPicks } from '../../track/store.js';

export interface ChainWanted {
  symbol: string;
  /** Expiries held (an option position's); /greeks' default expiry is always added. */
  expiries?: readonly string[];
  why: 'position' | 'pick' | 'watchlist';
}

export interface ClosingChainsRun {
  /** `SYMBOL expiry` of each chain kept. */
  stored: string[];
  skipped: { symbol: string; expiry?: string; reason: string }[];
  /** Chain requests made (a gateway cache hit counts too). */
  requests: number;
  plan: string;
}

/** One entry per symbol, the first reason kept (positions lead), held expiries merged. */
export function mergeWanted(list: readonly ChainWanted[], max: number): ChainWanted[] {
  const by = new Map<string, ChainWanted>();
  for (const w of list) {
    const symbol = w.symbol.toUpperCase();
    const had = by.get(symbol);
    by.set(symbol, had ? { ...had, expiries: [...new Set([...(had.expiries ?? []), ...(w.expiries ?? [])])] } : { ...w, symbol });
  }
  return [...by.values()].slice(0, max);
}

export function storeClosingChains(services: Services, wanted: readonly ChainWanted[]): Promise<ClosingChainsRun> {
  return withPriority('background', () => run(services, wanted));
}

async function run(services: Services, wanted: readonly ChainWanted[]): Promise<ClosingChainsRun> {
  const { market, config, clock, calendar, store, logger } = services;
  const live = config.scanner.live;
  const budget = market.budget?.();
  const plan = makePlan(
    { budget, targetSeconds: live.targetSeconds, share: live.refreshBudgetShare, sentAtStart: budget?.sentBackground ?? 0 },
    () => market.budget?.()?.sentBackground ?? 0,
  );
  const out: ClosingChainsRun = { stored: [], skipped: [], requests: 0, plan: plan.describe() };
  const now = clock.now();
  if (!calendar.isOpen(now)) {
    out.skipped.push(...wanted.map((w) => ({ symbol: w.symbol, reason: 'market closed: no live quotes to keep' })));
    return out;
  }
  const session = calendar.nyDate(now);
  const read = async (symbol: string, expiry?: string): Promise<OptionChain> => {
    out.requests++;
    return expiry ? market.optionChain(symbol, expiry) : market.optionChain(symbol);
  };
  const keep = async (chain: OptionChain, expiry: string) => {
    // A chain read through the gateway's cache can be older than one /greeks kept since: the session's latest stays.
    const had = await readClosingChain(store, chain.symbol, expiry).catch(() => undefined);
    if (had?.session === session && had.savedAt > chain.stamp.asOf) {
      out.skipped.push({ symbol: chain.symbol, expiry, reason: `a later chain (${had.savedAt}) is kept` });
      return;
    }
    const only = { ...chain, contracts: chain.contracts.filter((c) => c.expiry === expiry) };
    if (await saveClosingChain(store, session, only)) out.stored.push(`${chain.symbol} ${expiry}`);
    else out.skipped.push({ symbol: chain.symbol, expiry, reason: 'no two-sided quote' });
  };
  for (const w of wanted) {
    if (plan.allow(1, 1) < 1) {
      out.skipped.push({ symbol: w.symbol, reason: 'request budget spent' });
      continue;
    }
    let first: OptionChain;
    try {
      first = await read(w.symbol);
    } catch (err) {
      out.skipped.push({ symbol: w.symbol, reason: why(err) });
      continue;
    }
    const preferred = chooseExpiry(first.expiries, pricedAt(first.stamp.asOf, now), config.options.expiryDays);
    for (const expiry of [...new Set([...(w.expiries ?? []), ...(preferred ? [preferred] : [])])].sort()) {
      if (!first.expiries.includes(expiry)) {
        out.skipped.push({ symbol: w.symbol, expiry, reason: 'expiry not listed' });
        continue;
      }
      const loaded = first.contracts.some((c) => c.expiry === expiry);
      if (!loaded && plan.allow(1, 1) < 1) {
        out.skipped.push({ symbol: w.symbol, expiry, reason: 'request budget spent' });
        continue;
      }
      try {
        await keep(loaded ? first : await read(w.symbol, expiry), expiry);
      } catch (err) {
        out.skipped.push({ symbol: w.symbol, expiry, reason: why(err) });
      }
    }
  }
  for (const s of out.skipped) logger.debug(s, 'closing chain not kept');
  return out;
}

const why = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * What the job keeps on `date`: open option positions of `tenants` (unexpired, their own expiries),
 * today's picks (the morning post's and those posted in the tenants' channels), then `watched` symbols.
 */
export async function wantedChains(services: Services, date: string, tenants: readonly string[], watched: readonly string[]): Promise<ChainWanted[]> {
  const { store } = services;
  const out: ChainWanted[] = [];
  for (const t of tenants) {
    const doc = await loadTenant(store, t);
    for (const p of doc.positions) if (p.option && p.option.expiry >= date) out.push({ symbol: p.symbol, expiries: [p.option.expiry], why: 'position' });
  }
  for (const p of await loadPicks(store, date)) out.push({ symbol: p.symbol, why: 'pick' });
  for (const t of tenants.length ? tenants : ['*']) for (const p of await listPicks(services, t, date, 1)) out.push({ symbol: p.symbol, why: 'pick' });
  for (const s of watched) out.push({ symbol: s, why: 'watchlist' });
  return out;
}
