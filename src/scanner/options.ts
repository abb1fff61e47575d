/**
 * The options stage of the scan: for each finalist, the chain at the configured expiry window
 * (two requests at most: the nearest chain lists the expiries), then the best liquid call.
 */
import type { AppConfig } from '../config/index.js';
import { bestCallIdea } from '../core/scanner/option-idea.js';
import { chooseExpiry, yearsToExpiry } from '../market/expiry.js';
import { MarketDataError, type MarketGateway, type OptionChain } from '../market/index.js';
import { pricedAt } from '../options/greeksData.js';
import type { RateUsed } from '../options/rate.js';
import type { Candidate } from './analyse.js';
import { pace } from '../pace.js';
import { mapPool } from './pool.js';

export interface OptionStageInput {
  market: MarketGateway;
  config: AppConfig;
  candidates: Candidate[];
  now: Date;
  progress: (done: number, total: number, stage?: string) => Promise<void>;
  /** The rate and its source, as /greeks uses it. */
  rate: RateUsed;
}

/** Sets `idea` on every candidate; returns how many chain requests it made. */
export async function addOptionIdeas(inp: OptionStageInput): Promise<number> {
  const { market, config, now } = inp;
  let calls = 0;
  let done = 0;
  await mapPool(inp.candidates, 4, async (c) => {
    try {
      // Chains and their American IVs take ms each: let other users' commands in between candidates.
      await pace();
      calls++;
      let chain: OptionChain = await market.optionChain(c.symbol);
      const expiry = chooseExpiry(chain.expiries, now, config.options.expiryDays);
      if (expiry && expiry !== chain.contracts[0]?.expiry) {
        calls++;
        chain = await market.optionChain(c.symbol, expiry);
      }
      const chosen = chain.contracts[0]?.expiry ?? expiry;
      if (!chosen) {
        c.idea = { considered: 0, junk: 0, note: 'no option expiries listed' };
        return;
      }
      await pace();
      c.idea = bestCallIdea({
        contracts: chain.contracts,
        spot: chain.spot,
        // Time to expiry from the quotes' own time, as /greeks measures it: one contract, one breakeven and POP.
        years: yearsToExpiry(chosen, pricedAt(chain.stamp.asOf, now)),
        rate: inp.rate.rate,
        rateSource: inp.rate.source,
        dividendYield: c.fundamentals?.dividendYield ?? config.options.defaultDividendYield,
        realizedVol: c.snapshot.realizedVol20,
        junk: config.options.junk,
        floors: config.options.ideas,
        weights: config.options.weights,
        nextEarnings: c.fundamentals?.nextEarnings,
      });
    } catch (err) {
      const note = err instanceof MarketDataError && err.code === 'NO_OPTIONS' ? 'no listed options' : 'option chain unavailable';
      c.idea = { considered: 0, junk: 0, note };
    } finally {
      await inp.progress(++done, inp.candidates.length, 'options');
    }
  });
  return calls;
}
