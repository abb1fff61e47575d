/**
 * Memoised solves for the option services. A contract's analysis (American IV from its mid, then
 * American Greeks) is a pure function of its quote and the market inputs, and a chain snapshot is
 * asked for again and again (/greeks twice, a page turn, the IV history, another user): the same
 * inputs give the stored result instead of ~10 boundary solves. Inputs are the whole key, so a new
 * quote, spot, time to expiry or rule is a new entry; entries are dropped oldest first.
 */
import {
  analyzeContract,
  impliedVol,
  type AnalysisInput,
  type ContractAnalysis,
  type ContractQuote,
  type ImpliedVolInput,
  type JunkRules,
} from '../core/options/index.js';

const LIMIT = 20_000;
const analyses = new Map<string, ContractAnalysis>();
const vols = new Map<string, number>();

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

/** {@link analyzeContract}, memoised on every input. Returns a copy the caller may change. */
export function analyzeCached(q: ContractQuote, m: AnalysisInput, junk: JunkRules): ContractAnalysis {
  const key = `${q.type}|${q.strike}|${q.bid}|${q.ask}|${q.last}|${q.volume}|${q.openInterest}|${m.spot}|${m.years}|${m.rate}|${m.dividendYield}|${m.model}|${m.lastTradeFloor}|${q.lastTradeAt}|${JSON.stringify(junk)}`;
  const a = analyses.get(key) ?? remember(analyses, key, analyzeContract(q, m, junk));
  return { ...a, junk: [...a.junk] };
}

/** {@link impliedVol}, memoised on every input. */
export function impliedVolCached(i: ImpliedVolInput): number {
  const key = `${i.type}|${i.price}|${i.spot}|${i.strike}|${i.years}|${i.rate}|${i.dividendYield}|${i.style ?? 'european'}`;
  return vols.get(key) ?? remember(vols, key, impliedVol(i));
}
