/** What commands and jobs are given to work with; built once in the composition root. */
import type { Clock } from './clock.js';
import type { AppConfig } from './config/index.js';
import type { Logger } from './logger.js';
import type { MarketCalendar } from './market/calendar.js';
import type { MarketGateway } from './market/index.js';
import type { Store } from './store/index.js';

export interface Services {
  config: AppConfig;
  market: MarketGateway;
  store: Store;
  clock: Clock;
  /** The one NYSE calendar (holidays, early closes, config's extra closures): every date question goes through it. */
  calendar: MarketCalendar;
  logger: Logger;
}
