/**
 * `trading.itmAtExpiry: close`: an in-the-money long option held through expiry is closed for cash at
 * its intrinsic value on the expiry close (no shares), warned as such the evening before; a short ITM
 * option is still assigned (the holder of the other side decides). Simulated market, real scheduler.
 * Reference: the underlying's bar for the expiry day (its close) and the strike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import type { AppConfig } from '../../src/config/index.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import type { OptionChain } from '../../src/market/types.js';
import { loadTenant } from '../../src/portfolio/index.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let scheduler: Scheduler;
let chain: OptionChain;
const sent: Reply[] = [];
const me = { tenant: CONSOLE_TENANT, user: 'console:user', isAdmin: true };
const alerts = () => sent.filter((r) => r.kind === 'alert');
const at = async (iso: string) => {
  bot.clock.set(new Date(iso));
  await scheduler.tick();
};
const dollars = (x: number) => `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

beforeAll(async () => {
  bot = await createTestBot({ symbols: 300, config: { trading: { itmAtExpiry: 'close' } } as unknown as Partial<AppConfig> });
  expect(bot.services.config.trading.itmAtExpiry).toBe('close');
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100, accept: (c) => c.contracts.length > 10 && c.expiries[0] === '2026-12-04' });
  const send = Object.assign(async (_c: string, r: Reply) => void sent.push(r), { platforms: new Set(['console']) });
  scheduler = await createScheduler({ services: bot.services, send, alerts: { intraday: async () => [] }, tenants: [CONSOLE_TENANT] });
}, 120_000);
afterAll(async () => {
  await closeDeliveryDb(bot.services.store);
  await bot.close();
});

describe('expiry with itmAtExpiry=close', () => {
  it('closes an ITM long call and long put at intrinsic for cash, still assigns a short ITM put', async () => {
    const strikes = [...new Set(chain.contracts.map((c) => c.strike))].sort((a, b) => a - b);
    const low = strikes.find((k) => k < chain.spot * 0.8) ?? (strikes[0] as number);
    const high = [...strikes].reverse().find((k) => k > chain.spot * 1.2) ?? (strikes.at(-1) as number);
    const add = async (line: string) => {
      const r = await bot.exec(line, me);
      expect(r.ok, r.text).toBe(true);
      return (r.data as { position: { id: string; entryPrice: number } }).position;
    };
    const call = await add(`/portfolio add ${chain.symbol} 2 2026-12-04 ${low} call`);
    const put = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${high} put`);
    const short = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${high} put side=short`);

    await at('2026-12-03T16:20:00-05:00');
    const eve = alerts().filter((a) => /^Expires next session/.test(a.text ?? ''));
    expect(eve).toHaveLength(3);
    expect(eve.find((a) => a.text?.includes(call.id))?.text).toMatch(/will be closed at intrinsic if it stays in the money/);
    expect(eve.find((a) => a.text?.includes(`${put.id} `))?.text).toMatch(/will be closed at intrinsic if it stays in the money/);
    expect(eve.find((a) => a.text?.includes(short.id))?.text).toMatch(/will be assigned/);

    await at('2026-12-04T16:20:00-05:00');
    await at('2026-12-07T16:20:00-05:00');
    const close = (await bot.services.market.history(chain.symbol, { from: '2026-12-04', to: '2026-12-04' })).bars[0]?.close as number;
    expect(close).toBeGreaterThan(low);
    expect(close).toBeLessThan(high);
    const settled = alerts().filter((a) => /^(Closed at intrinsic|Exercised|Assigned|Expired worthless)/.test(a.text ?? ''));
    expect(settled).toHaveLength(3);

    const callIntrinsic = Math.round((close - low) * 1e4) / 1e4;
    const putIntrinsic = Math.round((high - close) * 1e4) / 1e4;
    const callText = settled.find((a) => a.text?.includes(call.id))?.text ?? '';
    expect(callText).toMatch(/^Closed at intrinsic: /);
    expect(callText).toContain(`${chain.symbol} closed at ${dollars(close)} on 2026-12-04, intrinsic ${dollars(callIntrinsic)}`);
    expect(callText).toContain(`P&L ${dollars((callIntrinsic - call.entryPrice) * 200)}`);
    expect(callText).not.toContain('shares');
    const putText = settled.find((a) => a.text?.includes(`${put.id} `))?.text ?? '';
    expect(putText).toMatch(/^Closed at intrinsic: /);
    expect(putText).toContain(`P&L ${dollars((putIntrinsic - put.entryPrice) * 100)}`);
    expect(settled.find((a) => a.text?.includes(short.id))?.text).toMatch(/^Assigned: .*Now long 100 shares/);
    expect(settled.map((a) => a.severity)).toEqual(['warning', 'warning', 'warning']);

    // Only the assignment left shares in the book; the two long options left cash (the journal).
    const doc = await loadTenant(bot.services.store, CONSOLE_TENANT);
    expect(doc.positions.filter((p) => p.option)).toHaveLength(0);
    expect(doc.positions.map((p) => [p.side, p.quantity, p.entryPrice])).toEqual([['long', 100, close]]);
    const trades = doc.journal.filter((t) => t.closedBy === 'expiry');
    expect(trades.map((t) => [t.positionId, t.exitPrice])).toEqual([
      [call.id, callIntrinsic],
      [put.id, putIntrinsic],
      [short.id, putIntrinsic],
    ]);
    expect(trades[0]?.pnl).toBeCloseTo((callIntrinsic - call.entryPrice) * 200, 6);
    expect(trades[1]?.pnl).toBeCloseTo((putIntrinsic - put.entryPrice) * 100, 6);
    // A later run settles nothing twice.
    await at('2026-12-08T16:20:00-05:00');
    expect(alerts().filter((a) => /^(Closed at intrinsic|Assigned)/.test(a.text ?? ''))).toHaveLength(3);
  }, 300_000);
});
