/**
 * One option idea per pick: the best liquid call of a chain for a bullish pick. Pure. Every
 * contract goes through the options analyzer (our own IV, American model, junk rules); junk is
 * never ranked. Probability of profit is N(d2) evaluated at the breakeven (risk-neutral), with the
 * contract's own implied vol — never N(d1), never a default vol.
 */
import { analyzeContract, type ContractQuote, type JunkRules } from '../options/analyze.js';
import { probabilityAbove } from '../options/index.js';

export interface ChainContract extends ContractQuote {
  contractSymbol: string;
  expiry: string;
}

export interface IdeaWeights {
  liquidity: number;
  value: number;
  greeks: number;
  probability: number;
}

export interface IdeaInput {
  contracts: readonly ChainContract[];
  spot: number;
  /** Calendar days / 365 to expiry. */
  years: number;
  rate: number;
  dividendYield: number;
  /** Annualised 20-day realised vol of the underlying; NaN leaves "value" out of the score. */
  realizedVol: number;
  junk: JunkRules;
  weights: IdeaWeights;
  /** Calls whose delta falls outside this window are not considered. */
  deltaWindow?: readonly [number, number];
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
  /** 0–100: the options component of the pick's score. */
  score: number;
  parts: { liquidity: number; value: number | undefined; greeks: number; probability: number };
  why: string;
}

export interface IdeaOutcome {
  idea?: OptionIdea;
  /** Calls analysed, and how many of them were junk. */
  considered: number;
  junk: number;
  /** Why there is no idea, when there is none. */
  note?: string;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Parts, each 0–1: liquidity from the analyzer; value = clamp(1.5 − IV ÷ realised vol) (IV at or
 * under realised vol is cheap); greeks = 0.7 × (1 − |Δ − 0.5| ÷ 0.5) + 0.3 × clamp(1 − daily theta
 * as a fraction of premium ÷ 5 %); probability = PoP. Score = 100 × weighted mean.
 */
export function scoreParts(a: { liquidity: number; iv: number; delta: number; thetaPerDay: number; premium: number; pop: number }, rv: number, w: IdeaWeights) {
  const value = Number.isFinite(rv) && rv > 0 ? clamp01(1.5 - a.iv / rv) : undefined;
  const decay = Math.abs(a.thetaPerDay) / a.premium;
  const greeks = 0.7 * clamp01(1 - Math.abs(a.delta - 0.5) / 0.5) + 0.3 * clamp01(1 - decay / 0.05);
  const parts = { liquidity: a.liquidity, value, greeks, probability: a.pop };
  let sum = w.liquidity * parts.liquidity + w.greeks * greeks + w.probability * a.pop;
  let total = w.liquidity + w.greeks + w.probability;
  if (value !== undefined) {
    sum += w.value * value;
    total += w.value;
  }
  return { parts, score: total > 0 ? (100 * sum) / total : 0 };
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
    if (a.junk.length) {
      junk++;
      continue;
    }
    if (!(a.delta >= dLo && a.delta <= dHi)) continue;
    const premium = c.ask as number;
    const breakeven = c.strike + premium;
    const pop = probabilityAbove({ spot: inp.spot, level: breakeven, years: inp.years, rate: inp.rate, dividendYield: inp.dividendYield, vol: a.iv });
    if (!Number.isFinite(pop)) continue;
    const { parts, score } = scoreParts({ liquidity: a.liquidity, iv: a.iv, delta: a.delta, thetaPerDay: a.thetaPerDay, premium, pop }, inp.realizedVol, inp.weights);
    if (best && best.score >= score) continue;
    const move = breakeven / inp.spot - 1;
    const ivText = Number.isFinite(inp.realizedVol) ? `IV ${(a.iv * 100).toFixed(0)}% vs ${(inp.realizedVol * 100).toFixed(0)}% realised` : `IV ${(a.iv * 100).toFixed(0)}%`;
    best = {
      contract: c.contractSymbol,
      type: 'call',
      strike: c.strike,
      expiry: c.expiry,
      days,
      bid: c.bid as number,
      ask: premium,
      premium,
      iv: a.iv,
      delta: a.delta,
      thetaPerDay: a.thetaPerDay,
      breakeven,
      breakevenMove: move,
      probabilityOfProfit: pop,
      liquidity: a.liquidity,
      openInterest: c.openInterest ?? 0,
      volume: c.volume ?? 0,
      spreadPct: a.spreadPct,
      model: 'american',
      score,
      parts,
      why:
        `${c.expiry} ${c.strike} call at $${premium.toFixed(2)} (Δ ${a.delta.toFixed(2)}, ${ivText}): breakeven $${breakeven.toFixed(2)} ` +
        `(${move >= 0 ? '+' : ''}${(move * 100).toFixed(1)}% in ${days} days), PoP ${(pop * 100).toFixed(0)}% (N(d2) at breakeven), ` +
        `OI ${c.openInterest ?? 0}, spread ${(a.spreadPct * 100).toFixed(0)}% of mid`,
    };
  }
  if (best) return { idea: best, considered: calls.length, junk };
  const note = !calls.length
    ? 'no calls near the money'
    : junk === calls.length
      ? `all ${junk} calls near the money are junk quotes (no bid/ask, wide spread or thin open interest)`
      : `no liquid call with delta ${dLo}–${dHi}`;
  return { considered: calls.length, junk, note };
}
