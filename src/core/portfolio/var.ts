/**
 * Portfolio VaR and CVaR in currency, one-day horizon, by full repricing:
 * - historical simulation: every position revalued under each day's joint underlying returns;
 * - Monte Carlo: seeded multivariate normal log-returns (covariance of the history, zero mean),
 *   every position revalued per path;
 * - parametric (Gaussian) and Cornish-Fisher on the historical P&L series, for comparison.
 * Losses are positive; percentages are of `equity`.
 */
import {
  cornishFisherVaR,
  covarianceMatrix,
  lossQuantiles,
  mulberry32,
  parametricVaR,
  portfolioPnlScenarios,
  simulateCorrelatedReturns,
} from '../risk/index.js';
import { prepareRepricer, type Holding } from './reprice.js';
import { logReturns } from './returns.js';

export const ONE_DAY = 1 / 365;
export const LEVELS = [0.95, 0.99] as const;

export interface TailFigures {
  level: number;
  var: number;
  cvar: number;
}

export interface VarResult {
  method: 'historical' | 'monte-carlo';
  scenarios: number;
  figures: TailFigures[];
  pnl: Float64Array;
}

/** Tail figures of a P&L distribution at each level. An empty book has a P&L of 0 everywhere: VaR 0. */
export function tailFigures(pnl: ArrayLike<number>, levels: readonly number[] = LEVELS): TailFigures[] {
  return levels.map((level) => ({ level, ...lossQuantiles(pnl, level) }));
}

/** Historical-simulation VaR: `rows[t][u]` is day t's simple return of underlying u. */
export function historicalVar(
  holdings: readonly Holding[],
  rows: readonly ArrayLike<number>[],
  opts: { horizonYears?: number; grid?: boolean } = {},
): VarResult {
  const reprice = prepareRepricer(holdings, rows, { horizonYears: opts.horizonYears ?? ONE_DAY, grid: opts.grid });
  const pnl = portfolioPnlScenarios(holdings, rows, reprice);
  return { method: 'historical', scenarios: rows.length, figures: tailFigures(pnl), pnl };
}

/**
 * Monte Carlo VaR: `paths` draws of the underlyings' one-day log returns from N(0, Σ) with Σ the
 * sample covariance of the historical log returns (`columns[u][t]`), mapped to simple returns
 * eˣ − 1, every holding repriced. Deterministic for a seed.
 */
export function monteCarloVar(
  holdings: readonly Holding[],
  columns: readonly ArrayLike<number>[],
  opts: { paths: number; seed?: number; horizonYears?: number; grid?: boolean },
): VarResult {
  if (!columns.length || !holdings.length) {
    const pnl = new Float64Array(opts.paths);
    return { method: 'monte-carlo', scenarios: opts.paths, figures: tailFigures(pnl), pnl };
  }
  const cov = covarianceMatrix(columns.map(logReturns));
  const rows = simulateCorrelatedReturns(new Array<number>(columns.length).fill(0), cov, opts.paths, mulberry32(opts.seed ?? 20240607));
  for (const row of rows) for (let u = 0; u < row.length; u++) row[u] = Math.expm1(row[u] as number);
  const reprice = prepareRepricer(holdings, rows, { horizonYears: opts.horizonYears ?? ONE_DAY, grid: opts.grid });
  const pnl = portfolioPnlScenarios(holdings, rows, reprice);
  return { method: 'monte-carlo', scenarios: opts.paths, figures: tailFigures(pnl), pnl };
}

/**
 * Gaussian and Cornish-Fisher VaR of the historical P&L series, in currency: the risk core's
 * functions applied to P&L / equity, scaled back. They use only the P&L's moments, so they miss
 * what full repricing sees in the tails; shown for comparison. NaN without equity or data.
 */
export function momentVar(
  pnl: ArrayLike<number>,
  equity: number,
  levels: readonly number[] = LEVELS,
): { level: number; parametric: number; cornishFisher: number }[] {
  const r = Float64Array.from(pnl as ArrayLike<number>, (x) => x / equity);
  return levels.map((level) =>
    equity > 0
      ? { level, parametric: parametricVaR(r, level) * equity, cornishFisher: cornishFisherVaR(r, level) * equity }
      : { level, parametric: NaN, cornishFisher: NaN },
  );
}
