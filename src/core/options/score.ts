/**
 * The final weighted score of a contract (0–100) from four parts in [0, 1], weights from
 * config.options.weights. Parts that cannot be computed are left out and the remaining weights
 * renormalised (and the part is reported as NaN), never filled with a made-up figure. Junk quotes get
 * no score and never rank.
 *
 * - liquidity:   the contract's liquidity score (volume, open interest, spread).
 * - value:       IV against 20-day realized vol: 1 at IV ≤ 0.8·RV, 0 at IV ≥ 2·RV, linear between;
 *                without realized vol, 1 − IV rank; without either, left out.
 * - greeks:      mean of a theta part (1 at no decay, 0 at 5 % of the premium a day) and a delta part
 *                (1 at |Δ| = 0.5, 0 at 0 or 1).
 * - probability: probability of profit, N(d2) at the breakeven.
 */
import type { ContractAnalysis } from './analyze.js';

export interface ScoreWeights {
  liquidity: number;
  value: number;
  greeks: number;
  probability: number;
}

export interface ScoreParts {
  liquidity: number;
  value: number;
  greeks: number;
  probability: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function scoreParts(a: ContractAnalysis, ctx: { realizedVol: number; ivRank: number }): ScoreParts {
  let value = NaN;
  if (Number.isFinite(a.iv) && ctx.realizedVol > 0) value = clamp01((2 - a.iv / ctx.realizedVol) / 1.2);
  else if (Number.isFinite(ctx.ivRank)) value = 1 - ctx.ivRank;
  const theta = Number.isFinite(a.thetaPctOfPremium) ? clamp01(1 + 20 * a.thetaPctOfPremium) : NaN;
  const delta = Number.isFinite(a.delta) ? clamp01(1 - 2 * Math.abs(Math.abs(a.delta) - 0.5)) : NaN;
  return {
    liquidity: a.liquidity,
    value,
    greeks: Number.isFinite(theta) && Number.isFinite(delta) ? (theta + delta) / 2 : NaN,
    probability: a.probabilityOfProfit,
  };
}

/** Weighted score 0–100 over the parts that exist; NaN for junk or when no part exists. */
export function weightedScore(parts: ScoreParts, weights: ScoreWeights, junk: readonly string[]): number {
  if (junk.length) return NaN;
  let sum = 0,
    total = 0;
  for (const k of ['liquidity', 'value', 'greeks', 'probability'] as const) {
    const p = parts[k];
    const w = weights[k];
    if (Number.isFinite(p) && w > 0) {
      sum += w * p;
      total += w;
    }
  }
  return total > 0 ? (100 * sum) / total : NaN;
}

/** 1-based ranks by descending score; unscored (junk) contracts get no rank. */
export function rankByScore(scores: readonly number[]): (number | null)[] {
  const order = scores
    .map((s, i) => ({ s, i }))
    .filter((x) => Number.isFinite(x.s))
    .sort((a, b) => b.s - a.s);
  const ranks: (number | null)[] = scores.map(() => null);
  order.forEach((x, k) => {
    ranks[x.i] = k + 1;
  });
  return ranks;
}
