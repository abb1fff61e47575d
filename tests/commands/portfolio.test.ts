/** /portfolio, /pnl, /size, /risk and /alerts through the test bot on the simulated market. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { evaluatePortfolioAlerts, loadTenant, snapshotEquity } from '../../src/portfolio/index.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let stock: string;
let other: string;
let chain: OptionChain;
const me = { tenant: 'test:a', user: 'test:alice', isAdmin: false };
const bob = { tenant: 'test:a', user: 'test:bob', isAdmin: false };

beforeAll(async () => {
  bot = await createTestBot({ symbols: 400 });
  chain = await findOptionChain(bot, { minPrice: 5, maxPrice: 100 });
  stock = chain.symbol;
  const universe = (await bot.services.market.universe()).filter((u) => (u.price ?? 0) > 5 && (u.price ?? 0) < 100);
  other = universe.find((u) => u.symbol !== stock)?.symbol as string;
});
afterAll(async () => bot.close());

const data = <T>(r: { data?: unknown }) => r.data as T;

describe('/portfolio add, list, show, close', () => {
  it('adds a stock at the market with default stop and target, privately, and lists it', async () => {
    const r = await bot.exec(`/portfolio add ${stock} 10`, me);
    expect(r).toMatchObject({
      ok: true,
      ephemeral: true,
      data: { action: 'add', position: { id: expect.stringMatching(/^P\d+$/), symbol: stock, side: 'long', quantity: 10 } },
    });
    const p = data<{ position: { entryPrice: number; stopLoss: number; profitTarget: number } }>(r).position;
    expect(p.stopLoss).toBeCloseTo(p.entryPrice * 0.92, 3);
    expect(p.profitTarget).toBeCloseTo(p.entryPrice * 1.2, 3);
    expect(r.text).toMatch(/Entry checks/);
    const list = await bot.exec('/portfolio list', me);
    expect(data<{ positions: { symbol: string }[] }>(list).positions.map((x) => x.symbol)).toEqual([stock]);
    expect(list.footer).toMatch(/simulated data/);
  });

  it('adds an option (written the natural way) and shows its Greeks and American IV', async () => {
    const c = chain.contracts
      .filter((x) => x.type === 'call' && (x.bid ?? 0) > 0)
      .sort((a, b) => Math.abs(a.strike - chain.spot) - Math.abs(b.strike - chain.spot))[0];
    expect(c).toBeDefined();
    const r = await bot.exec(`/portfolio add ${stock} 2 ${c?.expiry} ${c?.strike} call`, me);
    expect(r).toMatchObject({ ok: true, data: { position: { option: { type: 'call', strike: c?.strike, expiry: c?.expiry }, multiplier: 100 } } });
    const id = data<{ position: { id: string } }>(r).position.id;
    expect(r.text).toMatch(/You already hold/);
    const show = await bot.exec(`/portfolio show ${id}`, me);
    const pos = data<{ position: { iv: number; greeks: { deltaDollars: number; thetaDollars: number } } }>(show).position;
    expect(pos.iv).toBeGreaterThan(0);
    expect(pos.greeks.deltaDollars).toBeGreaterThan(0);
    expect(pos.greeks.thetaDollars).toBeLessThan(0);
  });

  it('closes part at a given price, journaling realized P&L, then refuses to close more than is left', async () => {
    const add = await bot.exec(`/portfolio add ${other} 100 20 side=short`, me);
    const id = data<{ position: { id: string } }>(add).position.id;
    const r = await bot.exec(`/portfolio close ${id} 40 18`, me);
    expect(r).toMatchObject({ ok: true, data: { trade: { pnl: 80, quantity: 40 }, remaining: 60 } });
    const over = await bot.exec(`/portfolio close ${id} 61`, me);
    expect(over).toMatchObject({ ok: false, error: { code: 'OVER_CLOSE' } });
    const pnl = await bot.exec('/pnl', me);
    expect(pnl).toMatchObject({ ok: true, ephemeral: true, data: { realized: 80, stats: { trades: 1, wins: 1 } } });
  });
});

describe('bad input changes nothing', () => {
  const count = async () => (await loadTenant(bot.services.store, 'test:a')).positions.length;

  it.each([
    ['zero quantity', () => `/portfolio add ${stock} 0`, 'INVALID_ARGUMENT'],
    ['negative quantity', () => `/portfolio add ${stock} -5`, 'INVALID_ARGUMENT'],
    ['unknown ticker', () => '/portfolio add ZZZZZZ 10', 'UNKNOWN_SYMBOL'],
    ['expired option', () => `/portfolio add ${stock} 1 2026-11-20 20 call`, 'EXPIRED_OPTION'],
    ['unlisted expiry', () => `/portfolio add ${stock} 1 2026-12-02 20 call`, 'UNKNOWN_EXPIRY'],
    ['unlisted strike', () => `/portfolio add ${stock} 1 ${chain.contracts[0]?.expiry} 0.01 call`, 'UNKNOWN_STRIKE'],
    ['unknown position', () => '/portfolio close P999', 'NOT_FOUND'],
    ['shared without admin', () => `/portfolio add ${stock} 10 shared=true`, 'FORBIDDEN'],
  ])('%s', async (_name, line, code) => {
    const before = await count();
    const r = await bot.exec(line(), me);
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(r.error?.message).toMatch(/^[^\n]+\.$/);
    expect(await count()).toBe(before);
  });

  it('another user’s position can be neither closed, shown nor muted', async () => {
    const add = await bot.exec(`/portfolio add ${stock} 5`, bob);
    const id = data<{ position: { id: string } }>(add).position.id;
    expect(await bot.exec(`/portfolio close ${id}`, me)).toMatchObject({ ok: false, error: { code: 'NOT_YOURS' } });
    expect(await bot.exec(`/portfolio show ${id}`, me)).toMatchObject({ ok: false, error: { code: 'NOT_YOURS' } });
    expect(await bot.exec(`/alerts mute ${id}`, me)).toMatchObject({ ok: false, error: { code: 'NOT_YOURS' } });
    expect((await loadTenant(bot.services.store, 'test:a')).positions.find((p) => p.id === id)?.quantity).toBe(5);
  });

  it('tenants are isolated', async () => {
    const r = await bot.exec('/portfolio list', { tenant: 'test:b', user: 'test:alice', isAdmin: false });
    expect(data<{ positions: unknown[] }>(r).positions).toEqual([]);
  });
});

describe('concurrency and the shared book', () => {
  it('20 concurrent adds from two chats all land, with distinct ids', async () => {
    const tenant = 'test:busy';
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bot.exec(`/portfolio add ${stock} ${i + 1} 10`, { tenant, user: i % 2 ? 'test:u1' : 'test:u2', channel: `test:c${i % 2}`, isAdmin: false }),
      ),
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    const doc = await loadTenant(bot.services.store, tenant);
    expect(doc.positions).toHaveLength(20);
    expect(new Set(doc.positions.map((p) => p.id)).size).toBe(20);
    expect(doc.positions.reduce((a, p) => a + p.quantity, 0)).toBe(210);
  });

  it('admins change the shared portfolio, its replies are public, everyone can read it', async () => {
    const r = await bot.exec(`/portfolio add ${other} 50 shared=true`, { ...me, isAdmin: true });
    expect(r).toMatchObject({ ok: true, ephemeral: false, data: { owner: 'shared' } });
    const seen = await bot.exec('/portfolio list shared=true', bob);
    expect(data<{ positions: { symbol: string }[] }>(seen).positions.map((p) => p.symbol)).toContain(other);
    expect(await bot.exec(`/portfolio close ${data<{ position: { id: string } }>(r).position.id} shared=true`, bob)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('/size, /risk, /alerts', () => {
  it('/size: risk budget over the stop distance, capped at maxPositionPct', async () => {
    const r = await bot.exec(`/size ${stock} 50 48`, { ...me, user: 'test:sizer' });
    // $100,000 × 1 % = $1,000 over $2 = 500 shares; cap 10 % = $10,000 / $50 = 200.
    expect(r).toMatchObject({ ok: true, data: { byRisk: 500, byPositionCap: 200, units: 200, binding: 'position cap' } });
  });

  it('/risk: VaR/CVaR at both levels with CVaR ≥ VaR, Greeks, limits and a chart', async () => {
    const r = await bot.exec('/risk', me);
    expect(r.ok).toBe(true);
    const d = data<{
      historical: { level: number; var: number; cvar: number }[];
      monteCarlo: { figures: { var: number; cvar: number }[] };
      history: { days: number };
      limits: unknown[];
      beta: { benchmark: string };
    }>(r);
    expect(d.history.days).toBeGreaterThanOrEqual(250);
    for (const f of [...d.historical, ...d.monteCarlo.figures]) {
      expect(f.var).toBeGreaterThan(0);
      expect(f.cvar).toBeGreaterThanOrEqual(f.var);
    }
    expect(d.beta.benchmark).toMatch(/equal-weighted/);
    expect(d.limits.length).toBeGreaterThanOrEqual(5);
    expect(r.chart?.url).toMatch(/^https:\/\/quickchart\.io\/chart\?/);
  }, 60_000);

  it('/risk of an empty book is zero, not n/a', async () => {
    const r = await bot.exec('/risk', { ...me, user: 'test:nobody' });
    expect(r).toMatchObject({
      ok: true,
      data: {
        historical: [
          { level: 0.95, var: 0, cvar: 0 },
          { level: 0.99, var: 0, cvar: 0 },
        ],
        monteCarlo: { figures: [{ var: 0 }, { var: 0 }] },
      },
    });
  }, 30_000);

  it('alerts: a stop already crossed fires once; re-evaluation and a restart do not repeat it; mute suppresses', async () => {
    const tenant = 'test:alerts';
    const who = { tenant, user: 'test:carol', isAdmin: false };
    const q = (await bot.services.market.quotes([stock]))[0]?.price as number;
    const add = await bot.exec(`/portfolio add ${stock} 10 ${(q * 1.1).toFixed(2)} stop=${(q * 1.05).toFixed(2)} target=${(q * 2).toFixed(2)}`, who);
    expect(add.ok).toBe(true);
    const now = bot.clock.now();
    const first = await evaluatePortfolioAlerts(bot.services, tenant, now);
    const stops = first.filter((a) => a.rule === 'stopLoss');
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ tenant, user: 'test:carol', severity: 'error', key: expect.stringMatching(/^test:alerts\|P\d+\|stopLoss\|2026-12-01$/) });
    expect((await evaluatePortfolioAlerts(bot.services, tenant, now)).filter((a) => a.rule === 'stopLoss')).toEqual([]);
    // A "restart": the same store read by a fresh evaluation an hour later.
    bot.clock.advance(3_600_000);
    expect((await evaluatePortfolioAlerts(bot.services, tenant, bot.clock.now())).filter((a) => a.rule === 'stopLoss')).toEqual([]);
    const list = await bot.exec('/alerts', who);
    expect(JSON.stringify(list.data)).toMatch(/fired|stopLoss/);
    expect(await bot.exec('/alerts mute stoploss', who)).toMatchObject({ ok: true, data: { mutes: ['stopLoss'] } });
    const snap = await snapshotEquity(bot.services, tenant, 'test:carol');
    expect(snap?.date).toBe('2026-12-01');
  }, 60_000);

  it('alerts: when persisting the alert fails (crash before the outbox write), the rule state is not saved and the alert fires again', async () => {
    const tenant = 'test:crashy';
    const who = { tenant, user: 'test:dave', isAdmin: false };
    const q = (await bot.services.market.quotes([stock]))[0]?.price as number;
    expect((await bot.exec(`/portfolio add ${stock} 10 ${(q * 1.1).toFixed(2)} stop=${(q * 1.05).toFixed(2)}`, who)).ok).toBe(true);
    const now = bot.clock.now();
    const failing = async () => {
      throw new Error('outbox unavailable');
    };
    await expect(evaluatePortfolioAlerts(bot.services, tenant, now, failing)).rejects.toThrow('outbox unavailable');
    const delivered: string[] = [];
    const again = await evaluatePortfolioAlerts(bot.services, tenant, now, async (alerts) => {
      delivered.push(...alerts.map((a) => a.key));
    });
    const stop = again.filter((a) => a.rule === 'stopLoss');
    expect(stop).toHaveLength(1);
    expect(delivered).toContain(stop[0]?.key);
    expect((await evaluatePortfolioAlerts(bot.services, tenant, now)).filter((a) => a.rule === 'stopLoss')).toEqual([]);
  }, 60_000);
});
