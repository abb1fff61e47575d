/**
 * Grades recorded picks against what the market did afterwards. A return after N trading days
 * runs from the entry (the pick's price in its post) to the close N trading days after the
 * post's day (services.calendar), null until that session has closed and its bar exists. The
 * option idea is marked with a later real quote of the same contract (mid of a two-sided
 * quote) or, once expired, its intrinsic value at the expiry close; otherwise n/a.
 */
import { historyStart, smallCapBenchmark, type Benchmark } from '../portfolio/history.js';
import type { Bar, OptionChain } from '../market/types.js';
import type { Services } from '../services.js';
import { HORIZONS, type TrackedPick, type TrackPickRow } from './schema.js';

export interface Graded {
  rows: TrackPickRow[];
  benchmark: string;
}

/** The trading day `n` sessions after `day`. */
export function tradingDayAfter(services: Pick<Services, 'calendar'>, day: string, n: number): string {
  let d = day;
  for (let i = 0; i < n; i++) d = services.calendar.nextTradingDay(d);
  return d;
}

const closed = (services: Pick<Services, 'calendar'>, day: string, now: Date): boolean => {
  const s = services.calendar.session(day);
  return !!s && s.close.toMillis() <= now.getTime();
};

export async function gradePicks(services: Services, picks: readonly TrackedPick[], now: Date): Promise<Graded> {
  const today = services.calendar.nyDate(now);
  const bars = new Map<string, Map<string, Bar>>();
  for (const symbol of new Set(picks.map((p) => p.symbol))) {
    const from = picks
      .filter((p) => p.symbol === symbol)
      .map((p) => p.day)
      .sort()[0] as string;
    const h = await services.market.history(symbol, { from, to: today }).catch(() => undefined);
    bars.set(symbol, new Map((h?.bars ?? []).map((b) => [b.date, b])));
  }
  const first = picks.map((p) => p.day).sort()[0];
  const bench: Benchmark | { name: 'n/a'; reason: string } = first
    ? await smallCapBenchmark(services, historyStart(first, 70), today)
    : { name: 'n/a', reason: 'no picks' };
  const benchRet = 'dates' in bench ? new Map(bench.dates.map((d, i) => [d, bench.returns[i] as number])) : undefined;
  const chains = new Map<string, Promise<OptionChain | undefined>>();
  const chain = (symbol: string, expiry: string) => {
    const key = `${symbol}|${expiry}`;
    if (!chains.has(key))
      chains.set(
        key,
        services.market.optionChain(symbol, expiry).catch(() => undefined),
      );
    return chains.get(key) as Promise<OptionChain | undefined>;
  };

  const rows: TrackPickRow[] = [];
  for (const p of picks) {
    const closes = bars.get(p.symbol) ?? new Map<string, Bar>();
    const returns = { d1: null, d5: null, d20: null } as TrackPickRow['returns'];
    const benchmark = { d1: null, d5: null, d20: null } as TrackPickRow['benchmark'];
    for (const n of HORIZONS) {
      const day = tradingDayAfter(services, p.day, n);
      const bar = closes.get(day);
      if (!closed(services, day, now) || !bar) continue;
      returns[`d${n}`] = bar.close / p.entry - 1;
      benchmark[`d${n}`] = benchWindow(benchRet, [p.day, ...services.calendar.tradingDays(services.calendar.nextTradingDay(p.day), day)]);
    }
    rows.push({
      symbol: p.symbol,
      preset: p.preset,
      origin: p.origin,
      postedAt: p.postedAt,
      entry: p.entry,
      returns,
      benchmark,
      idea: p.idea ? await markIdea(services, p, closes, chain, now) : null,
    });
  }
  return { rows, benchmark: 'dates' in bench ? bench.name : `n/a (${bench.reason})` };
}

/** Compounded benchmark return over the given trading days (each day's close-to-close move); null if any is missing. */
function benchWindow(daily: Map<string, number> | undefined, days: readonly string[]): number | null {
  if (!daily) return null;
  let g = 1;
  for (const d of days) {
    const r = daily.get(d);
    if (r === undefined) return null;
    g *= 1 + r;
  }
  return g - 1;
}

async function markIdea(
  services: Services,
  p: TrackedPick,
  closes: Map<string, Bar>,
  chain: (symbol: string, expiry: string) => Promise<OptionChain | undefined>,
  now: Date,
): Promise<NonNullable<TrackPickRow['idea']>> {
  const idea = p.idea as NonNullable<TrackedPick['idea']>;
  const none = { contract: idea.contract, entry: idea.entry, mark: null, markedBy: 'none' as const, pnl: null };
  if (closed(services, idea.expiry, now)) {
    const close = closes.get(idea.expiry)?.close;
    if (close === undefined) return none;
    const mark = Math.max(0, idea.type === 'call' ? close - idea.strike : idea.strike - close);
    return { ...none, mark, markedBy: 'expiry', pnl: mark / idea.entry - 1 };
  }
  const c = (await chain(p.symbol, idea.expiry))?.contracts.find(
    (x) => x.contractSymbol === idea.contract || (x.type === idea.type && x.strike === idea.strike && x.expiry === idea.expiry),
  );
  if (!c?.bid || !c.ask || c.bid <= 0 || c.ask <= 0) return none;
  const mark = (c.bid + c.ask) / 2;
  return { ...none, mark, markedBy: 'quote', pnl: mark / idea.entry - 1 };
}
