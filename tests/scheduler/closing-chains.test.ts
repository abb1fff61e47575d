/**
 * The closing-chains job: at close − 10 min on trading days (12:50 on a half-day, nothing on a
 * holiday) it keeps the option chains of open option positions (their expiries), today's picks and
 * watched symbols (the expiry /greeks shows by default) as the session's closing quotes, within the
 * background budget, on the simulated market through the real scheduler.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { chooseExpiry } from '../../src/market/expiry.js';
import type { BudgetSnapshot, MarketGateway } from '../../src/market/index.js';
import { mergeWanted, storeClosingChains, wantedChains } from '../../src/scheduler/jobs/chains.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { planDay } from '../../src/schedule/slots.js';
import { readClosingChain, saveClosingChain } from '../../src/store/closing-chains.js';
import { savePicks } from '../../src/store/picks.js';
import { watchlists } from '../../src/store/watchlist.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

const TENANT = 'test:tenant';
let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('closing-chains slots', () => {
  it('runs at 15:50 on a regular day, 12:50 on the 2026-11-27 half-day, never on Thanksgiving', async () => {
    bot = await createTestBot({ symbols: 200 });
    const { calendar, config } = bot.services;
    const at = (date: string) => planDay(calendar, config.schedule, date).filter((s) => s.job === 'chains');
    expect(at('2026-12-01').map((s) => [s.id, s.graceUntil.toISOString()])).toEqual([['2026-12-01T15:50', '2026-12-01T21:00:00.000Z']]);
    expect(at('2026-11-27').map((s) => [s.id, s.graceUntil.toISOString()])).toEqual([['2026-11-27T12:50', '2026-11-27T18:00:00.000Z']]);
    expect(at('2026-11-26')).toEqual([]);
    expect(at('2026-12-05')).toEqual([]);
  });
});

describe('closing-chains job', () => {
  it('keeps the chains of an option position, a morning pick and a watched symbol at 15:50, once, with the session and time', async () => {
    // Set up before 14:50: the gateway keeps option chains an hour, so the 15:50 reads are fresh.
    bot = await createTestBot({ now: new Date('2026-12-01T14:40:00-05:00'), symbols: 600 });
    const b = bot;
    const found: string[] = [];
    const chainOf = async () =>
      findOptionChain(b, { minPrice: 5, accept: (c) => c.contracts.length > 10 && !found.includes(c.symbol) && !!found.push(c.symbol) });
    const [held, picked, watched] = [await chainOf(), await chainOf(), await chainOf()];
    // The position's expiry is the farthest listed: not the one /greeks would default to.
    const heldExpiry = held.expiries[held.expiries.length - 1] as string;
    const strike = (await b.services.market.optionChain(held.symbol, heldExpiry)).contracts.find((c) => c.type === 'call')?.strike as number;
    const add = await b.exec(`/portfolio add ${held.symbol} 1 1.00 ${heldExpiry} ${strike} call confirm=true`, { tenant: TENANT });
    expect(add.ok, add.text).toBe(true);
    await savePicks(b.services.store, '2026-12-01', [{ symbol: picked.symbol, price: picked.spot, score: 80 }]);
    await watchlists(b.services.store).add(TENANT, watched.symbol);

    const sent: Reply[] = [];
    const send = Object.assign(async (_c: string, r: Reply) => void sent.push(r), { platforms: new Set(['console']) });
    const scheduler = await createScheduler({
      services: b.services,
      send,
      tenants: [TENANT],
      watch: { symbols: async () => watchlists(b.services.store).list(TENANT) },
      morningPost: async () => ({ ok: true, command: 'morning', kind: 'post', data: {} }),
    });
    b.clock.set(new Date('2026-12-01T15:49:00-05:00'));
    await scheduler.tick();
    expect(await readClosingChain(b.services.store, watched.symbol, defaultExpiry(b, watched.expiries))).toBeUndefined();

    b.clock.set(new Date('2026-12-01T15:50:00-05:00'));
    await scheduler.tick();
    const run = await scheduler.ledger.last('chains', '*');
    expect(run?.slot).toBe('2026-12-01T15:50');
    const defaultOf = (c: { expiries: string[] }) => defaultExpiry(b, c.expiries);
    const wanted: [string, string][] = [
      [held.symbol, heldExpiry],
      [held.symbol, defaultOf(held)],
      [picked.symbol, defaultOf(picked)],
      [watched.symbol, defaultOf(watched)],
    ];
    for (const [symbol, expiry] of wanted) {
      const kept = await readClosingChain(b.services.store, symbol, expiry);
      expect(kept?.session, `${symbol} ${expiry}`).toBe('2026-12-01');
      expect(kept?.savedAt).toBe('2026-12-01T20:50:00.000Z');
      expect(kept?.chain.contracts.length).toBeGreaterThan(0);
      expect(kept?.chain.contracts.every((c) => c.expiry === expiry)).toBe(true);
      expect(kept?.chain.contracts.some((c) => (c.bid ?? 0) > 0 && (c.ask ?? 0) >= (c.bid ?? 0))).toBe(true);
    }
    const distinct = new Set(wanted.map((w) => w.join(' '))).size;
    expect(run?.note).toMatch(new RegExp(`^kept ${distinct} chains, skipped 0; \\d+ requests$`));
    expect(sent).toEqual([]);
    // Once a slot: a later tick the same afternoon does not read again.
    b.clock.set(new Date('2026-12-01T15:55:00-05:00'));
    await scheduler.tick();
    expect((await readClosingChain(b.services.store, watched.symbol, defaultOf(watched)))?.savedAt).toBe('2026-12-01T20:50:00.000Z');
  }, 120_000);

  it('positions lead, then picks, then watchlists; a short budget skips the rest by name', async () => {
    bot = await createTestBot({ now: new Date('2026-12-01T15:50:00-05:00'), symbols: 600 });
    const b = bot;
    const chains = [await findOptionChain(b, { minPrice: 5 })];
    chains.push(await findOptionChain(b, { minPrice: 5, accept: (c) => c.contracts.length > 10 && c.symbol !== chains[0]?.symbol }));
    const [first, second] = chains as [(typeof chains)[0], (typeof chains)[0]];
    await b.exec(`/portfolio add ${first.symbol} 1 1.00 ${first.expiries[0]} ${first.contracts[0]?.strike} call confirm=true`, { tenant: TENANT });
    await savePicks(b.services.store, '2026-12-01', [{ symbol: second.symbol, price: 10, score: 70 }]);
    const wanted = mergeWanted(await wantedChains(b.services, '2026-12-01', [TENANT], ['zzzz', first.symbol.toLowerCase()]), 60);
    expect(wanted.map((w) => [w.symbol, w.why])).toEqual([
      [first.symbol, 'position'],
      [second.symbol, 'pick'],
      ['ZZZZ', 'watchlist'],
    ]);
    expect(wanted[0]?.expiries).toEqual([first.expiries[0]]);

    // A live-like budget: 8 background requests left in the minute, within a 30 s target.
    let sentBg = 0;
    const real = b.services.market;
    const budget = (): BudgetSnapshot => ({
      limit: { requests: 30, perSeconds: 60, concurrency: 4 },
      // Half of it is the refreshes' share (scanner.live.refreshBudgetShare): 4 requests for the job.
      backgroundLeft: 8,
      budgetLeft: 8,
      reserve: 0,
      sent: 26 + sentBg,
      sentBackground: sentBg,
      lastMinute: 26 + sentBg,
      lastHour: 26 + sentBg,
      queued: { interactive: 0, background: 0 },
    });
    const market = new Proxy(real, {
      get(t, k) {
        if (k === 'budget') return budget;
        if (k === 'optionChain')
          return (...a: Parameters<MarketGateway['optionChain']>) => {
            sentBg++;
            return t.optionChain(...a);
          };
        return Reflect.get(t, k);
      },
    });
    const r = await storeClosingChains(
      {
        ...b.services,
        config: { ...b.services.config, scanner: { ...b.services.config.scanner, live: { ...b.services.config.scanner.live, targetSeconds: 30 } } },
        market,
      },
      wanted,
    );
    expect(r.requests).toBe(4);
    expect(r.plan).toMatch(/^4 requests/);
    expect(r.stored.some((s) => s.startsWith(`${first.symbol} `))).toBe(true);
    expect(r.skipped.filter((s) => s.reason === 'request budget spent').map((s) => s.symbol)).toContain('ZZZZ');
  }, 120_000);

  it('never replaces a later chain of the session (kept by a /greeks since) with an older cached read', async () => {
    bot = await createTestBot({ now: new Date('2026-12-01T15:50:00-05:00'), symbols: 600 });
    const chain = await findOptionChain(bot, { minPrice: 5 });
    const expiry = chain.contracts[0]?.expiry as string;
    const later = { ...chain, contracts: chain.contracts.filter((c) => c.expiry === expiry), stamp: { ...chain.stamp, asOf: '2026-12-01T20:55:00.000Z' } };
    expect(await saveClosingChain(bot.services.store, '2026-12-01', later)).toBe(true);
    const r = await storeClosingChains(bot.services, [{ symbol: chain.symbol, expiries: [expiry], why: 'position' }]);
    expect(r.skipped).toContainEqual({ symbol: chain.symbol, expiry, reason: 'a later chain (2026-12-01T20:55:00.000Z) is kept' });
    expect((await readClosingChain(bot.services.store, chain.symbol, expiry))?.savedAt).toBe('2026-12-01T20:55:00.000Z');
  });

  it('keeps nothing when the market is closed at run time', async () => {
    bot = await createTestBot({ now: new Date('2026-12-01T16:30:00-05:00'), symbols: 200 });
    const r = await storeClosingChains(bot.services, [{ symbol: 'ABCD', why: 'watchlist' }]);
    expect(r).toMatchObject({ stored: [], requests: 0, skipped: [{ symbol: 'ABCD', reason: 'market closed: no live quotes to keep' }] });
  });
});

function defaultExpiry(b: TestBot, expiries: string[]): string {
  return chooseExpiry(expiries, b.clock.now(), b.services.config.options.expiryDays) as string;
}
