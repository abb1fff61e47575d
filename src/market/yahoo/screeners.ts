/** The predefined screener ids yahoo-finance2 v3 accepts (its PredefinedScreenerModules, 3.15). */
import type { PredefinedScreenerModules } from 'yahoo-finance2/modules/screener';

export const YAHOO_SCREENERS = [
  'aggressive_small_caps',
  'small_cap_gainers',
  'undervalued_growth_stocks',
  'growth_technology_stocks',
  'day_gainers',
  'day_losers',
  'most_actives',
  'most_shorted_stocks',
  'undervalued_large_caps',
  'conservative_foreign_funds',
  'high_yield_bond',
  'portfolio_anchors',
  'solid_large_growth_funds',
  'solid_midcap_growth_funds',
  'top_mutual_funds',
] as const satisfies readonly PredefinedScreenerModules[];

export type YahooScreener = (typeof YAHOO_SCREENERS)[number];

// Fails to compile when the library adds or drops an id, so the list cannot drift silently.
type Missing = Exclude<PredefinedScreenerModules, YahooScreener>;
export const SCREENER_LIST_COMPLETE: Missing extends never ? true : Missing = true;
