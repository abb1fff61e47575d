/**
 * The test adapter: a whole bot over the simulated market and an in-memory store, with a
 * one-line `exec('/greeks ABCD')` that returns the reply. Command tests use it.
 */
import { commands } from '../../commands/index.js';
import type { CommandContext, Platform } from '../../src/chat/command.js';
import type { Reply } from '../../src/chat/reply.js';
import { createRouter, type Router } from '../../src/chat/router.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, type OptionChain } from '../../src/market/index.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';
import { createCalendar } from '../../src/market/calendar.js';

/** A trading Tuesday, mid-session: 2026-12-01 11:00 New York. */
export const TRADING_MORNING = new Date('2026-12-01T11:00:00-05:00');

export interface TestBot {
  exec(line: string, who?: Partial<Pick<CommandContext, 'tenant' | 'user' | 'channel' | 'isAdmin' | 'platform'>>): Promise<Reply>;
  services: Services;
  router: Router;
  clock: ReturnType<typeof manualClock>;
  progress: string[];
  close(): Promise<void>;
}

export async function createTestBot(opts: { now?: Date; config?: Partial<AppConfig>; symbols?: number } = {}): Promise<TestBot> {
  const config = loadConfig({
    env: {},
    file: false,
    overrides: { data: { source: 'sim', sim: { seed: 7, symbols: opts.symbols ?? 4000 } }, store: { url: 'memory://' }, ...(opts.config as object) },
  });
  const clock = manualClock(opts.now ?? TRADING_MORNING);
  const store = await openStore('memory://');
  const market = await createMarketData(config.data, { store, clock });
  const services: Services = { config, market, store, clock, calendar: createCalendar(config.schedule.extraClosures), logger: silentLogger };
  const router = createRouter(commands);
  const progress: string[] = [];
  return {
    services,
    router,
    clock,
    progress,
    exec(line, who = {}) {
      const platform: Platform = who.platform ?? 'test';
      return router.handle(
        { line },
        {
          platform,
          tenant: who.tenant ?? 'test:tenant',
          user: who.user ?? 'test:user',
          channel: who.channel ?? 'test:channel',
          isAdmin: who.isAdmin ?? true,
          services,
          progress: async (t) => {
            progress.push(t);
          },
        },
      );
    },
    async close() {
      await market.close();
      await store.close();
    },
  };
}

/**
 * The first listed symbol (in universe order) whose price is inside the band and whose nearest
 * option chain passes `accept` — by default, more than ten contracts. Tests pick their contract from it.
 */
export async function findOptionChain(
  bot: TestBot,
  opts: { minPrice?: number; maxPrice?: number; limit?: number; accept?: (chain: OptionChain) => boolean } = {},
): Promise<OptionChain> {
  const { minPrice = -Infinity, maxPrice = Infinity, limit = Infinity, accept = (c) => c.contracts.length > 10 } = opts;
  const listed = (await bot.services.market.universe()).filter((u) => (u.price ?? 0) > minPrice && (u.price ?? 0) < maxPrice);
  for (const u of listed.slice(0, limit)) {
    const chain = await bot.services.market.optionChain(u.symbol).catch(() => undefined);
    if (chain && accept(chain)) return chain;
  }
  throw new Error('no symbol in the simulated market has such an option chain');
}
