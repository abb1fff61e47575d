/**
 * Full-repricing loss distribution of a portfolio. The risk core stays ignorant of what a position
 * is: the caller supplies a reprice function (an option through Black-Scholes or a binomial tree, a
 * stock as quantity × spot × (1 + r)), and this module sums and ranks the P&L.
 */
import { tailLoss } from './var.js';

/**
 * P&L of a position under one scenario, in currency: value after the scenario's moves minus value
 * now. `scenario[u]` is the simple return of underlying u over the VaR horizon; the position knows
 * which index is its underlying.
 */
export type Reprice<P> = (position: P, scenario: ArrayLike<number>) => number;

/**
 * Portfolio P&L per scenario: out[s] = Σ_p reprice(positions[p], scenarios[s]). Works equally for
 * historical scenarios (each a day's joint returns of the underlyings) and simulated paths
 * (simulateCorrelatedReturns). No positions → all zeros; no scenarios → empty array.
 */
export function portfolioPnlScenarios<P>(positions: readonly P[], scenarios: readonly ArrayLike<number>[], reprice: Reprice<P>): Float64Array {
  const out = new Float64Array(scenarios.length);
  for (let s = 0; s < scenarios.length; s++) {
    const scenario = scenarios[s] as ArrayLike<number>;
    let pnl = 0;
    for (let p = 0; p < positions.length; p++) pnl += reprice(positions[p] as P, scenario);
    out[s] = pnl;
  }
  return out;
}

/**
 * VaR and CVaR of a P&L distribution in currency, losses positive, with the conventions of
 * historicalVaR / historicalCVaR: linear-interpolated (1 − level) quantile, CVaR the mean at or
 * beyond it, both clamped at 0. Empty or non-finite P&L → { var: NaN, cvar: NaN }; level outside
 * (0, 1) throws RiskInputError('INVALID_LEVEL').
 */
export function lossQuantiles(pnl: ArrayLike<number>, level: number): { var: number; cvar: number } {
  return tailLoss(pnl, level);
}
