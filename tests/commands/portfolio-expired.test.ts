/** An expired option is marked and closed at its intrinsic value on the expiry day's close, not on today's price. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let chain: OptionChain;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100 });
});
afterAll(async () => bot.close());

const me = { tenant: 't:exp', user: 'u:exp', isAdmin: false };

describe('expired options', () => {
  it('settle on the underlying close of the expiry day', async () => {
    const expiry = chain.contracts[0]?.expiry as string;
    const strikes = [...new Set(chain.contracts.map((c) => c.strike))].sort((a, b) => Math.abs(a - chain.spot) - Math.abs(b - chain.spot));
    const k = strikes[0] as number;
    const put = await bot.exec(`/portfolio add ${chain.symbol} 1 1.00 ${expiry} ${k} put side=short confirm=true`, me);
    const call = await bot.exec(`/portfolio add ${chain.symbol} 1 1.00 ${expiry} ${k} call confirm=true`, me);
    expect(put.ok && call.ok).toBe(true);
    bot.clock.set(new Date('2026-12-11T11:00:00-05:00')); // well after the expiry: the stock has moved since
    const bars = await bot.services.market.history(chain.symbol, { from: '2026-11-20', to: expiry });
    const settle = bars.bars.filter((b) => b.date <= expiry).pop()?.close as number;
    const [q] = await bot.services.market.quotes([chain.symbol]);
    expect(Math.abs((q?.price as number) - settle)).toBeGreaterThan(0.05);
    const list = await bot.exec('/portfolio list', me);
    const pos = (list.data as { positions: { option: { type: string } | null; mark: number; markBasis: string }[] }).positions;
    const markOf = (t: string) => pos.find((p) => p.option?.type === t);
    expect(markOf('put')).toMatchObject({ markBasis: 'expired (intrinsic)' });
    expect(markOf('put')?.mark).toBeCloseTo(Math.max(k - settle, 0), 10);
    expect(markOf('call')?.mark).toBeCloseTo(Math.max(settle - k, 0), 10);
    const id = (put.data as { position: { id: string } }).position.id;
    const close = await bot.exec(`/portfolio close ${id}`, me);
    expect((close.data as { trade: { exitPrice: number } }).trade.exitPrice).toBeCloseTo(Math.max(k - settle, 0), 10);
  });
});

describe('expired options in /risk', () => {
  it('carry no market risk: zero dollar Greeks, VaR of the book unchanged by them', async () => {
    const who = { tenant: 't:exp2', user: 'u:exp2', isAdmin: false };
    bot.clock.set(new Date('2026-12-01T11:00:00-05:00'));
    const expiry = chain.contracts[0]?.expiry as string;
    const k = [...new Set(chain.contracts.map((c) => c.strike))].sort((a, b) => Math.abs(a - chain.spot) - Math.abs(b - chain.spot))[0] as number;
    expect((await bot.exec(`/portfolio add ${chain.symbol} 1 1.00 ${expiry} ${k} put side=short confirm=true`, who)).ok).toBe(true);
    expect((await bot.exec(`/portfolio add ${chain.symbol} 1 1.00 ${expiry} ${k} call confirm=true`, who)).ok).toBe(true);
    bot.clock.set(new Date('2026-12-11T11:00:00-05:00'));
    const risk = await bot.exec('/risk', who);
    const d = risk.data as { positions: { greeks: { deltaDollars: number; gammaDollars: number } | null }[]; historical: { var: number }[]; notes: string[] };
    for (const p of d.positions) expect(p.greeks).toMatchObject({ deltaDollars: 0, gammaDollars: 0 });
    for (const f of d.historical) expect(f.var).toBe(0);
    expect(d.notes.join(' ')).toMatch(/expired/);
  });
});
