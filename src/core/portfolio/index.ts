/** Portfolio core: pure book-keeping, P&L, sizing, entry checks, full-repricing risk. */
export * from './types.js';
export { BookError, openPosition, closePosition, findPosition, defaultLevels, tradeOf, booksOf, type BookErrorCode, type NewPosition } from './positions.js';
export {
  unrealizedPnl,
  marketValue,
  dailyPnl,
  closedTradeDailyPnl,
  journalStats,
  equityReturns,
  equityStats,
  upsertSnapshot,
  type JournalStats,
  type EquityStats,
} from './pnl.js';
export { sizePosition, type SizingRules, type SizeResult } from './sizing.js';
export { entryChecks, type EntryRules, type EntryCandidate, type HeldPosition, type EntryWarning } from './checks.js';
export {
  optionValue,
  repriceExact,
  repriceDelta,
  prepareRepricer,
  columnRange,
  type Holding,
  type StockHolding,
  type OptionHolding,
  type Repricer,
} from './reprice.js';
export { dollarGreeks, optionGreeks, sumGreeks, type DollarGreeks } from './greeks.js';
export { jointReturns, equalWeightIndex, logReturns, type PriceSeries, type JointReturns } from './returns.js';
export { historicalVar, monteCarloVar, momentVar, tailFigures, ONE_DAY, LEVELS, type VarResult, type TailFigures } from './var.js';
export { concentration, volatilityRegime, type Exposure, type ConcentrationRow, type VolRegime } from './exposure.js';
