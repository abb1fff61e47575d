/**
 * One option idea per pick: the best fillable call of a chain for a bullish pick. Pure. Every
 * contract goes through the same analyzer and the same scorer as /greeks (core/options: our own IV,
 * American model, junk rules, score.ts), so one contract has one breakeven, one probability of profit
 * and one score wherever it is shown. Breakeven and PoP are a buyer's: at the ask. On top of the junk
 * rules an idea must be fillable: spread within `floors.maxSpreadPct` of mid and open interest at
 * least `floors.minOpenInterest` (config.options.ideas).
 */
import { analyzeContract, type ContractQuote, type JunkRules } from '../options/analyze.js';
import { scoreParts, weightedScore, type ScoreParts, type ScoreWeights } from '../options/score.js';

export interface ChainContract extends ContractQuote {
  contractSymbol: string;
  expiry: string;
}

/** What makes an idea fillable: spread as a fraction of mid, and open interest. */
export interface IdeaFloors {
  maxSpreadPct: number;
  minOpenInterest: number;
}

export interface IdeaInput {
  contracts: readonly ChainContract[];
  spot: number;
  /** Calendar days / 365 to expiry. */
  years: number;
  rate: number;
  /** Where the rate came from (e.g. the 13-week T-bill, or the configured fallback), carried into the idea. */
  rateSource?: string;
  dividendYield: number;
  /** Annualised 20-day realised vol of the underlying; NaN leaves "value" out of the score. */
  realizedVol: number;
  junk: JunkRules;
  floors: IdeaFloors;
  weights: ScoreWeights;
  /** Calls whose delta falls outside this window are not considered. */
  deltaWindow?: readonly [number, number];
  /** Next earnings date, `YYYY-MM-DD`, when known: an idea expiring on or after it is marked. */
  nextEarnings?: string | undefined;
}

export interface OptionIdea {
  contract: string;
  type: 'call';
  strike: number;
  expiry: string;
  days: number;
  bid: number;
  ask: number;
  /** What the idea pays: the ask. */
  premium: number;
  iv: number;
  delta: number;
  thetaPerDay: number;
  /** Strike + ask. */
  breakeven: number;
  /** Breakeven ÷ spot − 1. */
  breakevenMove: number;
  /** N(d2) at the breakeven, risk-neutral. */
  probabilityOfProfit: number;
  /** 0–1 from the analyzer (volume, open interest, spread). */
  liquidity: number;
  openInterest: number;
  volume: number;
  spreadPct: number;
  model: 'american';
  /** The continuously compounded rate priced with, and its source. */
  rate: number;
  rateSource: string;
  /** The next earnings date when the idea's expiry is on or after it (its premium carries the event). */
  spansEarnings?: string;
  /** 0–100: the options component of the pick's score (core/options/score.ts, as in /greeks). */
  score: number;
  parts: ScoreParts;
  why: string;
}

export interface IdeaOutcome {
  idea?: OptionIdea;
  /** Calls analysed, and how many of them were junk or not fillable. */
  considered: number;
  junk: number;
  /** Why there is no idea, when there is none. */
  note?: string;
}

export function bestCallIdea(inp: IdeaInput): IdeaOutcome {
  const [dLo, dHi] = inp.deltaWindow ?? [0.25, 0.7];
  const days = Math.round(inp.years * 365);
  // Strikes far from spot cannot land in the delta window; skipping them saves American IV solves.
  const calls = inp.contracts.filter((c) => c.type === 'call' && c.strike >= inp.spot * 0.8 && c.strike <= inp.spot * 1.3);
  let best: OptionIdea | undefined;
  let junk = 0;
  for (const c of calls) {
    const a = analyzeContract(c, { spot: inp.spot, years: inp.years, rate: inp.rate, dividendYield: inp.dividendYield, model: 'american' }, inp.junk);
    const fillable = a.priceBasis === 'mid' && a.spreadPct <= inp.floors.maxSpreadPct && (c.openInterest ?? 0) >= inp.floors.minOpenInterest;
    if (a.junk.length || !fillable) {
      junk++;
      continue;
    }
    if (!(a.delta >= dLo && a.delta <= dHi) || !Number.isFinite(a.probabilityOfProfit)) continue;
    const parts = scoreParts(a, { realizedVol: inp.realizedVol, ivRank: NaN });
    const score = weightedScore(parts, inp.weights, a.junk);
    if (!Number.isFinite(score) || (best && best.score >= score)) continue;
    const move = a.breakeven / inp.spot - 1;
    const ivText = Number.isFinite(inp.realizedVol)
      ? `IV ${(a.iv * 100).toFixed(0)}% vs ${(inp.realizedVol * 100).toFixed(0)}% realised`
      : `IV ${(a.iv * 100).toFixed(0)}%`;
    best = {
      contract: c.contractSymbol,
      type: 'call',
      strike: c.strike,
      expiry: c.expiry,
      days,
      bid: c.bid as number,
      ask: a.premium,
      premium: a.premium,
      iv: a.iv,
      delta: a.delta,
      thetaPerDay: a.thetaPerDay,
      breakeven: a.breakeven,
      breakevenMove: move,
      probabilityOfProfit: a.probabilityOfProfit,
      liquidity: a.liquidity,
      openInterest: c.openInterest ?? 0,
      volume: c.volume ?? 0,
      spreadPct: a.spreadPct,
      model: 'american',
      rate: inp.rate,
      rateSource: inp.rateSource ?? 'given',
      score,
      parts,
      why:
        `${c.expiry} ${c.strike} call at $${a.premium.toFixed(2)} ask (Δ ${a.delta.toFixed(2)}, ${ivText}): breakeven $${a.breakeven.toFixed(2)} ` +
        `(${move >= 0 ? '+' : ''}${(move * 100).toFixed(1)}% in ${days} days), PoP ${(a.probabilityOfProfit * 100).toFixed(0)}% (N(d2) at breakeven), ` +
        `OI ${c.openInterest ?? 0}, spread ${(a.spreadPct * 100).toFixed(0)}% of mid`,
    };
  }
  if (best && inp.nextEarnings && best.expiry >= inp.nextEarnings) {
    best.spansEarnings = inp.nextEarnings;
    best.why += `; expiry spans earnings ${inp.nextEarnings} (IV crush after)`;
  }
  if (best) return { idea: best, considered: calls.length, junk };
  const f = inp.floors;
  const note = !calls.length
    ? 'no calls near the money'
    : junk === calls.length
      ? `all ${junk} calls near the money are junk or not fillable (need a two-sided quote, spread ≤ ${(f.maxSpreadPct * 100).toFixed(0)}% of mid, open interest ≥ ${f.minOpenInterest})`
      : `no fillable call with delta ${dLo}–${dHi}`;
  return { considered: calls.length, junk, note };
}
