/** /pnl "Today" across days: a position held from an earlier day and closed today counts only today's move. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
});
afterAll(async () => bot.close());

const me = { tenant: 'test:daily', user: 'test:carol', isAdmin: false };

describe('/pnl today after closing a position held overnight', () => {
  it('counts the close from the previous close to the exit, not the whole realized P&L since entry', async () => {
    const sym = (await bot.services.market.universe()).find((u) => (u.price ?? 0) > 10)?.symbol as string;
    const add = await bot.exec(`/portfolio add ${sym} 100 5`, me); // entered far below the market, days ago
    expect(add.ok).toBe(true);
    const id = (add.data as { position: { id: string } }).position.id;
    bot.clock.set(new Date('2026-12-03T15:30:00-05:00'));
    const [q] = await bot.services.market.quotes([sym]);
    expect(q?.previousClose).toBeGreaterThan(0);
    const close = await bot.exec(`/portfolio close ${id} 100 ${q?.price}`, me);
    expect(close.ok).toBe(true);
    const pnl = await bot.exec('/pnl', me);
    const d = pnl.data as { daily: number; realized: number };
    expect(d.realized).toBeCloseTo(100 * ((q?.price as number) - 5), 6);
    // Today's P&L is the last day's move only: 100 × (exit − previous close).
    expect(d.daily).toBeCloseTo(100 * ((q?.price as number) - (q?.previousClose as number)), 6);
  });
});
