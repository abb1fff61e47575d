/** /pnl "Today" across days: a position held from an earlier day and closed today counts only today's move. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
});
afterAll(async () => bot.close());

const me = { tenant: 'test:daily', user: 'test:carol', isAdmin: false };

describe('/pnl today after closing a position held overnight', () => {
  it('counts the close from the previous close to the exit, not the whole realized P&L since entry', async () => {
    const sym = (await bot.services.market.universe()).find((u) => (u.price ?? 0) > 10)?.symbol as string;
    const add = await bot.exec(`/portfolio add ${sym} 100 5 confirm=true`, me); // entered far below the market, days ago
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

describe('/pnl today of an option when the previous session has no stored mark', () => {
  it('is n/a rather than several days of moves since an older snapshot', async () => {
    const who = { tenant: 'test:daily2', user: 'test:dave', isAdmin: false };
    bot.clock.set(new Date('2026-12-01T11:00:00-05:00'));
    const chain = await findOptionChain(bot, { minPrice: 10 });
    const spot = chain?.spot ?? 0;
    // In the money, so it still has a two-sided quote two sessions later (an option quoted 0 / 0.02 with
    // only an old trade has no mark under the quote rule).
    const k = chain?.contracts
      .filter((c) => c.type === 'call' && (c.bid ?? 0) > 0)
      .sort((a, b) => Math.abs(a.strike - 0.9 * spot) - Math.abs(b.strike - 0.9 * spot))[0];
    const add = await bot.exec(`/portfolio add ${chain?.symbol} 1 ${k?.expiry} ${k?.strike} call`, who);
    expect(add.error).toBeUndefined();
    const id = (add.data as { position: { id: string } }).position.id;
    await bot.exec('/pnl', who); // stores the 2026-12-01 snapshot
    bot.clock.set(new Date('2026-12-03T11:00:00-05:00')); // nothing stored on 2026-12-02
    const pnl = await bot.exec('/pnl', who);
    const pos = (pnl.data as { positions: { id: string; daily: number | null }[] }).positions.find((p) => p.id === id);
    expect(pos?.daily).toBeNull();
    expect(pnl.fields?.find((f) => f.name === 'Today')?.value).toMatch(new RegExp(`n/a for ${id}`));
    bot.clock.set(new Date('2026-12-04T11:00:00-05:00')); // 2026-12-03 was stored by the request above
    const next = await bot.exec('/pnl', who);
    expect((next.data as { positions: { id: string; daily: number | null }[] }).positions.find((p) => p.id === id)?.daily).not.toBeNull();
  });
});
