/** Builds the market gateway the config asks for. */
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { DataConfig } from './config.js';
import { passThroughGateway, type MarketGateway } from './gateway.js';
import { createSimProvider } from './sim/index.js';
import { MarketDataError } from './types.js';

export interface MarketDeps {
  store: Store;
  clock: Clock;
}

export async function createMarketData(cfg: DataConfig, deps: MarketDeps): Promise<MarketGateway> {
  if (cfg.source === 'sim') {
    return passThroughGateway(createSimProvider({ seed: cfg.sim.seed, symbols: cfg.sim.symbols, clock: deps.clock }), 'simulated market');
  }
  throw new MarketDataError('NOT_SUPPORTED', `Market data source "${cfg.source}" is not available yet; start with --demo for the simulated market.`);
}

export type { MarketGateway, ProviderStatus } from './gateway.js';
export * from './types.js';
export { DataConfig } from './config.js';
