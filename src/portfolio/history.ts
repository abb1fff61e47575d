/**
 * Price histories through the gateway, and the small-cap benchmark: IWM when the data source has
 * it, otherwise the equal-weighted average return of a fixed sample of the universe's small caps
 * (the simulated market has no IWM). Which one was used is always reported.
 */
import { DateTime } from 'luxon';
import { equalWeightIndex, jointReturns, type PriceSeries } from '../core/portfolio/index.js';
import type { Services } from '../services.js';

/** First calendar day to ask for so that `days` trading-day returns are available before `day`. */
export function historyStart(day: string, days: number): string {
  return DateTime.fromISO(day)
    .minus({ days: Math.ceil(days * 1.48) + 12 })
    .toISODate() as string;
}

export async function priceSeries(services: Services, symbol: string, from: string, to: string): Promise<PriceSeries> {
  const bars = await services.market.history(symbol, { from, to });
  return { symbol: bars.symbol, dates: bars.bars.map((b) => b.date), closes: bars.bars.map((b) => b.close) };
}

export interface Benchmark {
  name: string;
  dates: string[];
  returns: Float64Array;
}

const SAMPLE = 30;

export async function smallCapBenchmark(services: Services, from: string, to: string): Promise<Benchmark | { name: 'n/a'; reason: string }> {
  try {
    const s = await priceSeries(services, 'IWM', from, to);
    if (s.dates.length > 60) {
      const j = jointReturns([s]);
      return { name: 'IWM (Russell 2000 ETF)', dates: j.dates, returns: j.columns[0] as Float64Array };
    }
  } catch {
    // No IWM from this source (the simulated market): fall back to the universe sample below.
  }
  try {
    const [lo, hi] = services.config.trading.marketCapBands.small;
    const universe = (await services.market.universe())
      .filter((u) => u.marketCap === undefined || (u.marketCap >= lo * 0.25 && u.marketCap < hi * 1.5))
      .map((u) => u.symbol)
      .sort();
    if (universe.length < 10) return { name: 'n/a', reason: 'no IWM and too few small caps in the universe for an index' };
    const step = universe.length / Math.min(SAMPLE, universe.length);
    const picks = Array.from({ length: Math.min(SAMPLE, universe.length) }, (_, i) => universe[Math.floor(i * step)] as string);
    // A symbol without history just leaves the index sample; too few left is reported as the reason below.
    const series = (await Promise.all(picks.map((s) => priceSeries(services, s, from, to).catch(() => undefined)))).filter(
      (s): s is PriceSeries => !!s && s.dates.length > 60,
    );
    if (series.length < 10) return { name: 'n/a', reason: 'no IWM and too few small-cap histories for an index' };
    const j = jointReturns(series);
    return {
      name: `equal-weighted index of ${series.length} small caps from the universe (no IWM in this data source)`,
      dates: j.dates,
      returns: equalWeightIndex(j.columns),
    };
  } catch (err) {
    return { name: 'n/a', reason: `benchmark unavailable (${err instanceof Error ? err.message : String(err)})` };
  }
}
