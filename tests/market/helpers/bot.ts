/**
 * The whole bot (config → createServices → router → commands/) over a market-data config of
 * the test's choosing, on a manual clock and an in-memory store: `exec('/quote AAPL')`.
 */
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { commands } from '../../../commands/index.js';
import { createServices } from '../../../src/app.js';
import type { Reply } from '../../../src/chat/reply.js';
import { createRouter } from '../../../src/chat/router.js';
import { manualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Services } from '../../../src/services.js';

export interface MarketBot {
  exec(line: string): Promise<Reply>;
  services: Services;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

export async function botOver(data: Record<string, unknown>, now: Date): Promise<MarketBot> {
  const config = loadConfig({ env: {}, file: false, overrides: { data, store: { url: 'memory://' } } });
  const clock = manualClock(now);
  const services = await createServices({ config, env: {}, logger: silentLogger, clock });
  const router = createRouter(commands);
  return {
    services,
    clock,
    exec: (line) =>
      router.handle(
        { line },
        {
          platform: 'test',
          tenant: 'test:tenant',
          user: 'test:user',
          channel: 'test:channel',
          isAdmin: true,
          services,
          progress: async () => undefined,
        },
      ),
    async close() {
      await services.market.close();
      await services.store.close();
      // yahoo-finance2 caches the crumb process-wide.
      await getCrumbClear(new ExtendedCookieJar());
    },
  };
}
