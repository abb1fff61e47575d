/** Joint daily returns of several price series, aligned on the dates they all share. */

export interface PriceSeries {
  symbol: string;
  /** Trading days `YYYY-MM-DD`, ascending. */
  dates: readonly string[];
  closes: readonly number[];
}

export interface JointReturns {
  symbols: string[];
  /** Date of each return (the later day of the pair). */
  dates: string[];
  /** columns[u][t]: simple return of symbols[u] on dates[t]. */
  columns: Float64Array[];
  /** rows[t][u]: the same numbers as scenarios (one row per day). */
  rows: Float64Array[];
}

/**
 * Simple returns between consecutive dates common to every series, keeping the last `maxDays`.
 * A day missing from any one series is skipped for all, so each row is a real joint move.
 */
export function jointReturns(series: readonly PriceSeries[], maxDays = Infinity): JointReturns {
  const symbols = series.map((s) => s.symbol);
  if (!series.length) return { symbols, dates: [], columns: [], rows: [] };
  const maps = series.map((s) => new Map(s.dates.map((d, i) => [d, s.closes[i] as number])));
  const common = (series[0] as PriceSeries).dates.filter((d) => maps.every((m) => (m.get(d) ?? 0) > 0));
  const start = Math.max(1, common.length - maxDays);
  const dates = common.slice(start);
  const columns = maps.map((m) => {
    const col = new Float64Array(dates.length);
    for (let t = start; t < common.length; t++) col[t - start] = (m.get(common[t] as string) as number) / (m.get(common[t - 1] as string) as number) - 1;
    return col;
  });
  const rows = dates.map((_, t) => Float64Array.from(columns, (c) => c[t] as number));
  return { symbols, dates, columns, rows };
}

/** Equal-weighted average of the columns per day: a simple index of a universe sample. */
export function equalWeightIndex(columns: readonly Float64Array[]): Float64Array {
  const n = columns[0]?.length ?? 0;
  const out = new Float64Array(n);
  if (!columns.length) return out;
  for (const c of columns) for (let t = 0; t < n; t++) out[t] = (out[t] as number) + (c[t] as number) / columns.length;
  return out;
}

/** Log returns (for Monte Carlo moments). */
export const logReturns = (col: ArrayLike<number>): Float64Array => Float64Array.from(col as ArrayLike<number>, (r) => Math.log1p(r));
