/** Builds the services every adapter and job shares, from a loaded config. */
import { acceleratedClock, parseClockSpec, systemClock, type Clock } from './clock.js';
import type { AppConfig } from './config/index.js';
import { ConfigError } from './config/index.js';
import { createCalendar } from './market/calendar.js';
import { createLogger, type Logger } from './logger.js';
import { createMarketData } from './market/index.js';
import type { Services } from './services.js';
import { openStore } from './store/index.js';

export interface AppOptions {
  config: AppConfig;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  clock?: Clock;
}

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const spec = env.TRACKER_CLOCK?.trim();
  if (!spec) return systemClock;
  const parsed = parseClockSpec(spec);
  if ('error' in parsed) throw new ConfigError(`Config error: ${parsed.error}`);
  return acceleratedClock(parsed.start, parsed.speed);
}

export async function createServices(opts: AppOptions): Promise<Services> {
  const env = opts.env ?? process.env;
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const clock = opts.clock ?? clockFromEnv(env);
  const calendar = createCalendar(opts.config.schedule.extraClosures);
  const store = await openStore(opts.config.store.url, { logger });
  try {
    const market = await createMarketData(opts.config.data, { store, clock, logger, calendar });
    return { config: opts.config, market, store, clock, calendar, logger };
  } catch (err) {
    await store.close();
    throw err;
  }
}
