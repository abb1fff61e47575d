/**
 * 50 users ask /greeks for the same ticker at once while the data provider takes 2 s: every
 * interaction is acknowledged within 3 s, and the provider is asked once. The market here is the
 * real gateway (createMarketData over the simulated market) with the simulator wrapped to count
 * and slow down its calls, so the dedupe being tested is the gateway's own single flight.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../src/chat/router.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData } from '../../src/market/index.js';
import type { MarketDataProvider } from '../../src/market/types.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';
import type { Bot } from './contract.js';
import { discordHarness, slackHarness } from './platforms.js';
import { fakeGreeks, fakeScan } from './support.js';
import type { Command } from '../../src/chat/command.js';
import { createCalendar } from '../../src/market/calendar.js';

const probe = vi.hoisted(() => ({ chains: new Map<string, number>(), delayMs: 2000 }));

vi.mock('../../src/market/sim/index.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/market/sim/index.js')>();
  return {
    ...mod,
    createSimProvider: (opts: Parameters<typeof mod.createSimProvider>[0]) => {
      const sim = mod.createSimProvider(opts);
      const slowChain: MarketDataProvider['optionChain'] = async (symbol, expiry) => {
        const key = `${symbol}:${expiry ?? ''}`;
        probe.chains.set(key, (probe.chains.get(key) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, probe.delayMs));
        return sim.optionChain(symbol, expiry);
      };
      return Object.assign(Object.create(sim) as typeof sim, { optionChain: slowChain });
    },
  };
});

async function gatewayBot(): Promise<Bot> {
  const config = loadConfig({ env: {}, overrides: { data: { source: 'sim', sim: { seed: 7, symbols: 300 } }, store: { url: 'memory://' } } });
  const clock = manualClock(new Date('2026-12-01T11:00:00-05:00'));
  const store = await openStore('memory://');
  const market = await createMarketData(config.data, { store, clock });
  const services: Services = { config, market, store, clock, calendar: createCalendar(config.schedule.extraClosures), logger: silentLogger };
  return { services, router: createRouter([fakeGreeks, fakeScan] as unknown as Command[]) };
}

describe.each([
  ['Discord', discordHarness],
  ['Slack HTTP', slackHarness('http')],
  ['Slack Socket Mode', slackHarness('socket')],
] as const)('%s: 50 concurrent /greeks for one ticker', (_name, start) => {
  let bot: Bot;
  let symbol: string;
  beforeAll(async () => {
    bot = await gatewayBot();
    symbol = (await bot.services.market.universe())[5]?.symbol ?? 'ABCD';
    probe.chains.clear();
  });
  afterAll(async () => bot.services.market.close());

  it('acknowledges all within 3 s and asks the provider once', async () => {
    const h = await start(bot);
    try {
      const outs = await Promise.all(Array.from({ length: 50 }, () => h.run(`/greeks ${symbol}`)));
      expect(Math.max(...outs.map((o) => o.ackMs))).toBeLessThan(3000);
      expect(outs.every((o) => o.ok)).toBe(true);
      expect([...probe.chains.entries()].filter(([k]) => k.startsWith(`${symbol}:`))).toEqual([[`${symbol}:`, 1]]);
    } finally {
      await h.close();
    }
  }, 30_000);
});
