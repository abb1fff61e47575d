/**
 * The bench both expiry tests run on: a test bot on the simulated market (300 symbols), one of its
 * option chains priced between $10 and $100 whose first expiry is Friday 2026-12-04, and the real
 * scheduler ticking at the times a test names, its posts and alerts collected. Each test adds its
 * own positions and reads the expiry day's close from the underlying's bar (its reference).
 */
import { expect } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import type { AppConfig } from '../../src/config/index.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import type { OptionChain } from '../../src/market/types.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

const EXPIRY = '2026-12-04';
const me = { tenant: CONSOLE_TENANT, user: 'console:user', isAdmin: true };

export interface ExpiryBench {
  bot: TestBot;
  chain: OptionChain;
  /** The chain's lowest strike: deep in the money for a call, far out of it for a put. */
  low: number;
  /** The chain's highest strike: deep in the money for a put, far out of it for a call. */
  high: number;
  /** Alerts the scheduler has sent so far. */
  alerts(): Reply[];
  /** Moves the clock to `iso` and runs the scheduler's due jobs. */
  at(iso: string): Promise<void>;
  /** Runs a `/portfolio add …` line as the console user; it must succeed. */
  add(line: string): Promise<{ id: string; entryPrice: number }>;
  /** The underlying's close on the expiry day (its daily bar). */
  expiryClose(): Promise<number>;
  close(): Promise<void>;
}

export async function expiryBench(config?: Partial<AppConfig>): Promise<ExpiryBench> {
  const bot = await createTestBot({ symbols: 300, ...(config ? { config } : {}) });
  const chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100, accept: (c) => c.contracts.length > 10 && c.expiries[0] === EXPIRY });
  const sent: Reply[] = [];
  const send = Object.assign(async (_c: string, r: Reply) => void sent.push(r), { platforms: new Set(['console']) });
  const scheduler = await createScheduler({ services: bot.services, send, alerts: { intraday: async () => [] }, tenants: [CONSOLE_TENANT] });
  const strikes = chain.contracts.map((c) => c.strike);
  return {
    bot,
    chain,
    low: Math.min(...strikes),
    high: Math.max(...strikes),
    alerts: () => sent.filter((r) => r.kind === 'alert'),
    at: async (iso) => {
      bot.clock.set(new Date(iso));
      await scheduler.tick();
    },
    add: async (line) => {
      const r = await bot.exec(line, me);
      expect(r.ok, r.text).toBe(true);
      return (r.data as { position: { id: string; entryPrice: number } }).position;
    },
    expiryClose: async () => (await bot.services.market.history(chain.symbol, { from: EXPIRY, to: EXPIRY })).bars[0]?.close as number,
    close: async () => {
      await closeDeliveryDb(bot.services.store);
      await bot.close();
    },
  };
}

/** Money as the alerts print it: `-$1,234.50`. */
export const dollars = (x: number): string =>
  `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
