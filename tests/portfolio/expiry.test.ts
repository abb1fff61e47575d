/**
 * Options held through expiry on the simulated market, with the real scheduler after the close:
 * the evening before, one warning per option in or near the money; after the expiry close, an
 * in-the-money long call becomes 100 shares per contract at the expiry close, a short ITM put is
 * assigned into long shares, an out-of-the-money call expires worthless — each with exactly one
 * alert, and a later run settles nothing twice. Reference: the underlying's bar for the expiry day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import type { OptionChain } from '../../src/market/types.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { loadTenant } from '../../src/portfolio/index.js';
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

beforeAll(async () => {
  bot = await createTestBot({ symbols: 300 });
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100, accept: (c) => c.contracts.length > 10 && c.expiries[0] === '2026-12-04' });
  const send = Object.assign(async (_c: string, r: Reply) => void sent.push(r), { platforms: new Set(['console']) });
  scheduler = await createScheduler({ services: bot.services, send, alerts: { intraday: async () => [] }, tenants: [CONSOLE_TENANT] });
}, 120_000);
afterAll(async () => {
  await closeDeliveryDb(bot.services.store);
  await bot.close();
});

describe('expiry', () => {
  it('warns the evening before, then settles: exercise into shares, assignment, worthless — one alert each', async () => {
    const strikes = [...new Set(chain.contracts.map((c) => c.strike))].sort((a, b) => a - b);
    const deep = strikes.find((k) => k < chain.spot * 0.8) ?? (strikes[0] as number);
    const far = [...strikes].reverse().find((k) => k > chain.spot * 1.25) ?? (strikes.at(-1) as number);
    const highPut = [...strikes].reverse().find((k) => k > chain.spot * 1.2) ?? (strikes.at(-1) as number);
    const add = async (line: string) => {
      const r = await bot.exec(line, me);
      expect(r.ok, r.text).toBe(true);
      return (r.data as { position: { id: string; entryPrice: number } }).position;
    };
    const call = await add(`/portfolio add ${chain.symbol} 2 2026-12-04 ${deep} call`);
    const otm = await add(`/portfolio add ${chain.symbol} 1 0.05 2026-12-04 ${far} call`);
    const put = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${highPut} put side=short`);

    await at('2026-12-03T16:20:00-05:00');
    const eve = alerts().filter((a) => /^Expires next session/.test(a.text ?? ''));
    expect(eve).toHaveLength(2); // the two in the money; the far OTM call is not near
    expect(eve.find((a) => a.text?.includes(call.id))?.text).toMatch(/will be exercised into long shares/);
    expect(eve.find((a) => a.text?.includes(put.id))?.text).toMatch(/will be assigned/);

    await at('2026-12-04T16:20:00-05:00');
    await at('2026-12-04T16:40:00-05:00');
    await at('2026-12-07T16:20:00-05:00');
    const bars = await bot.services.market.history(chain.symbol, { from: '2026-12-04', to: '2026-12-04' });
    const close = bars.bars[0]?.close as number;
    const settled = alerts().filter((a) => /^(Exercised|Assigned|Expired worthless)/.test(a.text ?? ''));
    expect(settled).toHaveLength(3);
    const ex = settled.find((a) => a.text?.includes(call.id))?.text ?? '';
    expect(ex).toContain(`Now long 200 shares of ${chain.symbol} at $${close.toFixed(2)}`);
    const pnl = (close - deep - call.entryPrice) * 200;
    expect(ex).toContain(`P&L ${pnl < 0 ? '-' : ''}$${Math.abs(pnl).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    expect(ex).toContain("console:user's portfolio");
    expect(settled.find((a) => a.text?.includes(otm.id))?.text).toMatch(/^Expired worthless/);
    expect(settled.find((a) => a.text?.includes(put.id))?.text).toMatch(/^Assigned: .*Now long 100 shares/);

    const doc = await loadTenant(bot.services.store, CONSOLE_TENANT);
    expect(doc.positions.filter((p) => p.option)).toHaveLength(0);
    expect(doc.positions.map((p) => [p.side, p.quantity, p.entryPrice])).toEqual([
      ['long', 200, close],
      ['long', 100, close],
    ]);
    const trades = doc.journal.filter((t) => t.closedBy === 'expiry');
    expect(trades.map((t) => t.exitPrice)).toEqual([Math.round((close - deep) * 1e4) / 1e4, 0, Math.round((highPut - close) * 1e4) / 1e4]);
  }, 300_000);
});
