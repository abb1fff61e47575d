/** A position's IV and Greeks are solved at the quote's own time, as /greeks does: before the open, that is the last close. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200, now: new Date('2026-12-03T08:00:00-05:00') }); // pre-market: quotes are the 12-02 close
});
afterAll(async () => bot.close());

describe('option IV in the portfolio before the open', () => {
  it('matches /greeks for the same contract and mark', async () => {
    const chain = await findOptionChain(bot, { minPrice: 10 });
    expect(Date.parse(chain?.stamp.asOf ?? '')).toBeLessThan(bot.clock.now().getTime() - 3600_000);
    const spot = chain?.spot ?? 0;
    const k = chain?.contracts.filter((c) => c.type === 'call' && (c.bid ?? 0) > 0).sort((a, b) => Math.abs(a.strike - spot) - Math.abs(b.strike - spot))[0];
    const who = { tenant: 't:asof', user: 'u:asof', isAdmin: false };
    const add = await bot.exec(`/portfolio add ${chain?.symbol} 1 ${k?.expiry} ${k?.strike} call`, who);
    expect(add.error).toBeUndefined();
    const list = await bot.exec('/portfolio list', who);
    const pos = (list.data as { positions: { iv: number; mark: number }[] }).positions[0];
    const g = await bot.exec(`/greeks ${chain?.symbol} ${k?.expiry} ${k?.strike} call`);
    const c = (g.data as { contracts: { iv: number; price: number }[] }).contracts[0];
    expect(pos?.mark).toBeCloseTo(c?.price as number, 10);
    expect(pos?.iv).toBeCloseTo(c?.iv as number, 6);
  });
});
