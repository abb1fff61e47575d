/**
 * Options core: pure pricing, Greeks and implied volatility. Units everywhere: prices in currency,
 * `years` = calendar days / 365, `rate`, `dividendYield`, `vol` annual decimals continuously compounded;
 * Greeks are raw derivatives (vega per 1.00 vol, theta per year, rho per 1.00 rate).
 */

export { blackScholes, blackScholesInto, probabilityAbove, expectedMove, PRICE, DELTA, GAMMA, VEGA, THETA, RHO } from './black-scholes.js';
export { impliedVol, europeanImpliedVol, americanImpliedVol } from './implied-vol.js';
export { americanPrice, americanGreeks } from './american-greeks.js';
export { americanPriceRaw, americanTreePrice, americanTreePriceRaw, earlyExerciseWorthless } from './american.js';
export { aloPutPrice, ALO_FAST, ALO_PRECISE, type AloScheme } from './alo.js';
export { normCdf, normPdf, inverseNormCdf } from './normal.js';
export { normalisedBlackCall, normalisedVega } from './normalised-black.js';
export { normalisedImpliedVol } from './normalised-iv.js';
export { OPTION_TYPES } from './types.js';
export type { OptionType, ExerciseStyle, OptionContract, PricingInput, Greeks, ImpliedVolInput } from './types.js';
export {
  analyzeContract,
  liquidityScore,
  probabilityOfProfit,
  returnAtExpiry,
  type ContractQuote,
  type AnalysisInput,
  type JunkRules,
  type ContractAnalysis,
} from './analyze.js';
export { scoreParts, weightedScore, rankByScore, type ScoreWeights, type ScoreParts } from './score.js';
export { atmIv, constantMaturityIv, impliedEarningsMove, ivRankPercentile, realizedVol, type SmilePoint } from './iv-stats.js';
export { quotePrice, atIntrinsic, intrinsicValue, optionTick, type QuoteInput, type QuotePrice, type PriceBasis } from './quote.js';
export { tbillDiscountToContinuous, continuousToTbillDiscount, TBILL_DAYS } from './rate.js';
