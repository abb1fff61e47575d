/**
 * The scan, cheapest data first: the universe listing (one request) cuts by cap, price, volume
 * and sector; batched quotes cut by today's numbers and rank by activity; cached fundamentals for
 * the most active few hundred; history and technicals for the survivors; option chains only for
 * the finalists. Requests grow with the survivors (capped by config.scanner.depth), not with the
 * universe. Commands and the morning post both call runScan.
 */
import { DateTime } from 'luxon';
import {
  checkFundamentals,
  checkListing,
  checkQuote,
  expectedVolumeShare,
  needsFundamentals,
  relativeVolume,
  sectorMatches,
  type ListingFacts,
  type ScanFilters,
} from '../core/scanner/filters.js';
import { PRESETS } from '../core/scanner/presets.js';
import type { Fundamentals, Quote } from '../market/index.js';
import { SIM_SOURCE } from '../market/sim/index.js';
import { withPriority } from '../market/index.js';
import { makePlan } from './plan.js';
import { planNotes } from './plan-notes.js';
import { mapPool } from './pool.js';
import { quoteStage, type Skipped } from './quote-stage.js';
import { analyseCandidates, type Candidate } from './analyse.js';
import { addOptionIdeas } from './options.js';
import { configRate, riskFreeRate } from '../options/rate.js';
import { toPick } from './pick.js';
import { filterPaced } from '../pace.js';
import { requestFilters, type FunnelStage, type ScanDeps, type ScanOptions, type ScanProgress, type ScanRequest, type ScanResult } from './request.js';

export type { Pick } from './pick.js';
export type { FunnelStage, ScanDeps, ScanOptions, ScanProgress, ScanRequest, ScanResult } from './request.js';
export { requestFilters, scanDefaults } from './request.js';

const CONCURRENCY = 8;

/** Today's activity: pace-adjusted relative volume plus |% change| ÷ 5 (an unknown one adds nothing); ranks who gets the deeper stages. */
const activity = (q: Quote, share: number): number => (relativeVolume(q, share) || 0) + Math.abs(q.changePercent ?? 0) / 5;

/** Chain requests per finalist: the nearest chain lists the expiries, then the chosen one. */
const CHAIN_COST = 2;
/** Share of fundamentals assumed to pass a fundamentals filter, to size that stage. */
const FUND_PASS = 0.6;

/** Dollar volume from the listing (NASDAQ's last session), to spend a short budget on the most traded. */
/** A stage's cut: how many were not examined and whether the budget or the depth cap decided. */
const cut = (capped: number, byBudget: boolean): { capped: number; why?: FunnelStage['why'] } => ({
  capped: Math.max(0, capped),
  ...(capped > 0 ? { why: byBudget ? ('budget' as const) : ('depth' as const) } : {}),
});

const hasTechnicalFilters = (f: ScanFilters): boolean =>
  !!(
    f.smaAbove?.length ||
    f.rsi ||
    f.macdCross ||
    f.bollinger ||
    f.atrPct ||
    f.maxFromHigh !== undefined ||
    f.smaBelow?.length ||
    f.patterns?.length ||
    f.minRelativeStrength !== undefined
  );

const listingTurnover = (e: ListingFacts & { volume?: number }): number => (e.volume ?? e.avgVolume ?? 0) * (e.price ?? 0);

export function runScan(
  deps: ScanDeps,
  req: ScanRequest,
  now: Date,
  progress: ScanProgress = async () => undefined,
  opts: ScanOptions = {},
): Promise<ScanResult> {
  // A scan is background work: a person's /quote goes ahead of its requests and keeps a reserve.
  return withPriority('background', () => scan(deps, req, now, progress, opts));
}

async function scan(deps: ScanDeps, req: ScanRequest, now: Date, progress: ScanProgress, opts: ScanOptions): Promise<ScanResult> {
  const { market, config, calendar } = deps;
  const started = performance.now();
  const preset = req.preset ?? 'default';
  const filters = requestFilters(config, req);
  const depth = config.scanner.depth;
  const limit = req.limit ?? config.scanner.limit;
  const today = DateTime.fromJSDate(now).setZone('America/New_York').toISODate() as string;
  const volumeShare = expectedVolumeShare(calendar.sessionFraction(now));
  const requests = { universe: 1, quotes: 0, fundamentals: 0, history: 0, optionChains: 0 };
  const notes: string[] = [];
  const skipped: Skipped[] = [];
  const failed = { fundamentals: 0, history: 0 };
  const funnel: FunnelStage[] = [];
  const budget = market.budget?.();
  // Only background requests count against the plan: a /quote meanwhile uses the reserve, not the scan's share.
  const plan = makePlan(
    { budget, targetSeconds: config.scanner.live.targetSeconds, share: opts.budgetShare ?? 1, sentAtStart: budget?.sentBackground ?? 0 },
    () => market.budget?.()?.sentBackground ?? 0,
  );
  const limited = Number.isFinite(plan.total);
  const needFunds = needsFundamentals(filters);
  // Requests one finalist costs from here on: its chain, its history and (filtered) its fundamentals.
  const perFinalist = CHAIN_COST + 1 + (needFunds ? 1 / FUND_PASS : 0);

  // The rate /greeks uses (the day's T-bill, or the labelled config rate): one contract, one breakeven and POP.
  // Read first (cached a day), so the plan's later stages see what it cost.
  const { store, clock, logger } = deps;
  const rate = store && clock && logger ? await riskFreeRate({ market, store, clock, calendar, config, logger }) : configRate(config);

  // Listing: one request for thousands of rows; extras (config list, watchlist) ride along.
  const listing = await market.universe({ lean: limited });
  const watch = new Set((req.watchlist ?? []).map((s) => s.toUpperCase()));
  const known = new Set(listing.map((e) => e.symbol));
  const extras = [...new Set([...config.scanner.symbols.map((s) => s.toUpperCase()), ...watch])].filter((s) => !known.has(s));
  const entries: (ListingFacts & { symbol: string; volume?: number })[] = [...listing, ...extras.map((symbol) => ({ symbol }))];
  const total = entries.length;
  // Thousands of rows: checked in slices so other users' commands are served in between.
  const passing = await filterPaced(entries, (e) => checkListing(e, filters).pass);
  // On a budget the most traded go first; the watchlist always leads.
  if (limited) passing.sort((a, b) => Number(watch.has(b.symbol)) - Number(watch.has(a.symbol)) || listingTurnover(b) - listingTurnover(a));
  const listed = passing.map((e) => e.symbol);
  funnel.push({ stage: 'listing', in: total, out: listed.length });
  const sectorsWanted = filters.sectors ?? [];
  if (sectorsWanted.length && !listing.some((e) => sectorMatches(e.sector, sectorsWanted))) {
    // A misspelt sector otherwise reads as "nothing passed": name the sectors the listing has.
    const names = [...new Set(listing.map((e) => e.sector).filter((x): x is string => !!x))].sort();
    notes.push(
      `No listed symbol has a sector matching ${sectorsWanted.map((w) => `"${w.slice(0, 40)}"`).join(' or ')}; sectors in the listing: ${names.join(', ') || 'none named'}.`,
    );
  }
  await progress(total - listed.length, total, 'listing');

  // Quotes: batched, one request per batch; a failed batch is skipped and named.
  const minFinalists = Math.min(limit, 6);
  const q = await quoteStage({
    market,
    symbols: listed,
    batch: config.data.quoteBatch.maxSymbols,
    plan,
    keep: Math.ceil(minFinalists * perFinalist),
    progress: (done) => progress(total - listed.length + done, total, 'quotes'),
  });
  requests.quotes += q.requests;
  skipped.push(...q.skipped);
  const quotes = q.quotes;
  const quoted = (await filterPaced(quotes, (q) => checkQuote(q, filters, volumeShare).pass)).sort(
    (a, b) => activity(b, volumeShare) - activity(a, volumeShare),
  );
  funnel.push({
    stage: 'quotes',
    in: listed.length - q.unbudgeted,
    out: quoted.length,
    ...(q.unbudgeted ? { capped: q.unbudgeted, why: 'budget' as const } : {}),
  });
  const quoteOf = new Map(quotes.map((q) => [q.symbol, q]));

  // Fundamentals (cached a day by the gateway) only when a filter needs them, for the most active.
  const funds = new Map<string, Fundamentals>();
  const getFundamentals = async (symbol: string): Promise<Fundamentals | undefined> => {
    if (funds.has(symbol)) return funds.get(symbol);
    requests.fundamentals++;
    const f = await market.fundamentals(symbol).catch(() => {
      failed.fundamentals++;
      return undefined;
    });
    if (f) funds.set(symbol, f);
    return f;
  };
  let survivors = quoted.map((q) => q.symbol);
  // How many finalists the budget can carry to the end, so earlier stages leave room for them.
  const finalistsAffordable = Math.min(limit, Math.floor(plan.left() / perFinalist));
  if (needFunds) {
    const cap = Math.min(survivors.length, depth.fundamentals);
    const batch = survivors.slice(0, limited ? plan.allow(cap, 1, Math.ceil(finalistsAffordable * (CHAIN_COST + 1))) : cap);
    let done = 0;
    const kept = await mapPool(batch, CONCURRENCY, async (s) => {
      const f = await getFundamentals(s);
      if (++done % 50 === 0) await progress(done, batch.length, 'fundamentals');
      return f && checkFundamentals(f, filters, today).pass ? s : undefined;
    });
    survivors = kept.filter((s): s is string => s !== undefined);
    funnel.push({ stage: 'fundamentals', in: batch.length, out: survivors.length, ...cut(quoted.length - batch.length, batch.length < cap) });
  }

  // History and technicals for the survivors; relative strength ranks them against each other.
  const histCap = Math.min(survivors.length, depth.history);
  // Each chart wants a chain after it, unless a technical filter will drop many: then charts get half.
  const histShare = hasTechnicalFilters(filters) ? 2 : 1 + CHAIN_COST;
  const deep = survivors.slice(0, limited ? Math.min(histCap, Math.floor(plan.left() / histShare)) : histCap);
  const candidates: Candidate[] = await analyseCandidates({
    market,
    symbols: deep,
    quoteOf,
    funds,
    sectorOf: new Map(listing.map((e) => [e.symbol, e.sector])),
    filters,
    today,
    volumeShare,
    config,
    holdings: req.holdings,
    progress,
    onRequest: () => requests.history++,
    onFailure: () => failed.history++,
  });
  funnel.push({ stage: 'technicals', in: deep.length, out: candidates.length, ...cut(survivors.length - deep.length, deep.length < histCap) });

  // Option chains only for the finalists, best preliminary scores first.
  const chainCap = Math.min(candidates.length, Math.max(limit, depth.chains));
  const finalists = candidates.slice(0, limited ? plan.allow(chainCap, CHAIN_COST) : chainCap);
  // On a budget, only fundamentals already read (free from the cache) fill in the finalists.
  const fillFundamentals = (list: Candidate[]) =>
    mapPool(list, CONCURRENCY, async (c) => {
      const f = limited ? funds.get(c.symbol) : await getFundamentals(c.symbol);
      if (f) c.fundamentals = f;
    });
  await fillFundamentals(finalists);
  let chainCalls = await addOptionIdeas({ market, config, candidates: finalists, now, progress, rate });
  // A chain without options costs one request, not two: spend what that saved on the next candidates.
  while (limited && finalists.length < chainCap && finalists.filter((c) => c.idea?.idea).length < limit) {
    const more = candidates.slice(finalists.length, finalists.length + plan.allow(chainCap - finalists.length, CHAIN_COST));
    if (!more.length) break;
    await fillFundamentals(more);
    chainCalls += await addOptionIdeas({ market, config, candidates: more, now, progress, rate });
    finalists.push(...more);
  }
  requests.optionChains += chainCalls;
  funnel.push({
    stage: 'options',
    in: finalists.length,
    out: finalists.filter((c) => c.idea?.idea).length,
    ...(finalists.length < chainCap ? cut(candidates.length - finalists.length, true) : {}),
  });

  const picks = finalists
    .map((c) => toPick(c, config.scanner.weights, req.holdings, config.trading.maxSectorPct, watch.has(c.symbol)))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  if (failed.fundamentals || failed.history) {
    notes.push(`Data could not be read for ${failed.fundamentals} symbols' fundamentals and ${failed.history} symbols' history; they were left out.`);
  }
  if (!req.holdings) notes.push('Portfolio fit is scored neutrally (50): the scan could not read holdings.');
  notes.push(...planNotes(funnel, skipped, plan, limited));

  return {
    preset,
    summary: PRESETS[preset].summary,
    filters,
    universe: total,
    funnel,
    afterListingFilters: listed.length,
    deepDived: deep.length,
    picks,
    // No quote survived the listing (e.g. an unknown sector): the reply still names its source and time.
    stamp: quotes[0]?.stamp ?? { source: market.mode, asOf: now.toISOString(), delayed: false, stale: false, simulated: market.mode === SIM_SOURCE },
    requests,
    notes,
    skipped,
    plan: { total: limited ? plan.total : null, used: limited ? plan.total - plan.left() : null, description: plan.describe() },
    rate,
    elapsedMs: Math.round(performance.now() - started),
  };
}
