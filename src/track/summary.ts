/**
 * Per-preset statistics over graded picks: hit rate (share of due returns above zero), average
 * and median return, and the benchmark's average over the same windows. Only due returns count;
 * a pick whose horizon has not come yet is left out of that horizon, never filled in.
 */
import type { HorizonStats, PresetSummary, TrackPickRow } from './schema.js';

type Key = 'd1' | 'd5' | 'd20';

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function horizon(rows: readonly TrackPickRow[], k: Key): HorizonStats {
  const due = rows.filter((r) => r.returns[k] !== null);
  const rets = due.map((r) => r.returns[k] as number);
  const bench = due.flatMap((r) => (r.benchmark[k] === null ? [] : [r.benchmark[k] as number]));
  return {
    n: due.length,
    hitRate: due.length ? rets.filter((x) => x > 0).length / due.length : null,
    average: mean(rets),
    median: median(rets),
    benchmark: mean(bench),
  };
}

export function summarize(rows: readonly TrackPickRow[]): PresetSummary[] {
  const presets = [...new Set(rows.map((r) => r.preset))].sort();
  return presets.map((preset) => {
    const mine = rows.filter((r) => r.preset === preset);
    const pnl = mine.flatMap((r) => (r.idea?.pnl == null ? [] : [r.idea.pnl]));
    return {
      preset,
      picks: mine.length,
      d1: horizon(mine, 'd1'),
      d5: horizon(mine, 'd5'),
      d20: horizon(mine, 'd20'),
      ideas: { n: pnl.length, average: mean(pnl) },
    };
  });
}

/**
 * Cumulative result of following each post day's picks for one trading day: the compounded
 * average d1 return by post day (and the benchmark's, same windows). Days without a due d1 are skipped.
 */
export function cumulative(rows: readonly TrackPickRow[], day: (r: TrackPickRow) => string): { days: string[]; picks: number[]; benchmark: (number | null)[] } {
  const days = [...new Set(rows.filter((r) => r.returns.d1 !== null).map(day))].sort();
  let p = 1;
  let b = 1;
  const out = { days, picks: [] as number[], benchmark: [] as (number | null)[] };
  for (const d of days) {
    const on = rows.filter((r) => day(r) === d && r.returns.d1 !== null);
    p *= 1 + (mean(on.map((r) => r.returns.d1 as number)) ?? 0);
    const bm = mean(on.flatMap((r) => (r.benchmark.d1 === null ? [] : [r.benchmark.d1])));
    b *= 1 + (bm ?? 0);
    out.picks.push(p - 1);
    out.benchmark.push(bm === null ? null : b - 1);
  }
  return out;
}
