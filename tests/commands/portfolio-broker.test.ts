/**
 * Positions that behave like a broker's: /portfolio edit, breached stops marked in /portfolio and
 * /pnl, option stops and targets from the premium, and stop alerts that say $ and % P&L and whose
 * book it is. Reference: the mark and levels the bot itself reports, recomputed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { evaluatePortfolioAlerts } from '../../src/portfolio/index.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let chain: OptionChain;
const me = { tenant: 'test:b', user: 'test:alice', isAdmin: false };
const bob = { tenant: 'test:b', user: 'test:bob', isAdmin: false };
beforeAll(async () => {
  bot = await createTestBot({ symbols: 300 });
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100 });
});
afterAll(async () => bot.close());

type Pos = { id: string; entryPrice: number; stopLoss: number; profitTarget: number; mark: number; levelStatus: string | null; notes: string | null };
const positions = (r: { data?: unknown }) => (r.data as { positions: Pos[] }).positions;

describe('positions like a broker', () => {
  it('marks a breached stop in /portfolio and /pnl, alerts with $ and % P&L and the owner, and /portfolio edit moves it', async () => {
    const m = chain.spot;
    const add = await bot.exec(`/portfolio add ${chain.symbol} 10 ${(m * 1.5).toFixed(2)} stop=${(m * 1.1).toFixed(2)} target=${(m * 2).toFixed(2)}`, me);
    expect(add.ok, add.text).toBe(true);
    const list = await bot.exec('/portfolio list', me);
    const p = positions(list)[0] as Pos;
    expect(p.levelStatus).toBe('stop breached');
    expect(list.tables?.[0]?.rows[0]?.[8]).toMatch(/BREACHED$/);
    expect((await bot.exec('/pnl', me)).tables?.find((t) => t.title === 'Open positions')?.rows[0]?.[8]).toMatch(/BREACHED$/);

    const alerts = await evaluatePortfolioAlerts(bot.services, me.tenant, bot.clock.now());
    const stop = alerts.find((a) => a.rule === 'stopLoss');
    const pnl = (p.mark - p.entryPrice) * 10;
    expect(stop?.text).toContain(`Unrealized P&L -$${Math.abs(pnl).toFixed(2)} (${(((p.mark - p.entryPrice) / p.entryPrice) * 100).toFixed(1)}%)`);
    expect(stop?.text).toMatch(/In test:alice's portfolio\.$/);

    const edit = await bot.exec(`/portfolio edit ${p.id} stop=${(m * 0.5).toFixed(2)} notes=rethought`, me);
    expect(edit).toMatchObject({ ok: true, data: { action: 'edit', position: { stopLoss: Number((m * 0.5).toFixed(2)), notes: 'rethought' } } });
    expect(positions(await bot.exec('/portfolio list', me))[0]?.levelStatus).toBeNull();
    expect(await bot.exec(`/portfolio edit ${p.id} stop=${(m * 3).toFixed(2)}`, me)).toMatchObject({ ok: false, error: { code: 'BAD_LEVELS' } });
    expect(await bot.exec(`/portfolio edit ${p.id} stop=1`, bob)).toMatchObject({ ok: false, error: { code: 'NOT_YOURS' } });
    expect(await bot.exec(`/portfolio edit ${p.id}`, me)).toMatchObject({ ok: false, error: { code: 'MISSING_ARGUMENT' } });
  });

  it('defaults an option’s stop and target to a share of the premium (half lost, doubled)', async () => {
    const c = chain.contracts
      .filter((x) => x.type === 'call' && (x.bid ?? 0) > 0)
      .sort((a, b) => Math.abs(a.strike - chain.spot) - Math.abs(b.strike - chain.spot))[0];
    const r = await bot.exec(`/portfolio add ${chain.symbol} 1 ${c?.expiry} ${c?.strike} call`, bob);
    expect(r.ok, r.text).toBe(true);
    const p = (r.data as { position: Pos }).position;
    expect(p.entryPrice).toBeGreaterThan(0);
    expect(p.stopLoss).toBeCloseTo(p.entryPrice * 0.5, 4);
    expect(p.profitTarget).toBeCloseTo(p.entryPrice * 2, 4);
  });
});
