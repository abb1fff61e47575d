/**
 * After hours and weekends /greeks answers from the last session's stored quotes when the live ones are
 * empty (the fake Yahoo serves the recorded CRON chain, bid = ask = 0 as Yahoo answers after hours), and
 * says so with their time; during the session every two-sided chain read is kept (simulated market).
 */
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClosingChain, saveClosingChain } from '../../src/store/closing-chains.js';
import { createTestBot, findOptionChain, TRADING_MORNING } from '../helpers/bot.js';
import { botOver, type MarketBot } from './helpers/bot.js';
import { startFakeYahoo, type FakeYahoo } from './helpers/fakeYahoo.js';

interface Data {
  asOf: string;
  spot: number;
  expiry: string;
  closingQuotes: { session: string; asOf: string } | null;
  contracts: { bid: number | null; ask: number | null; iv: number | null; ivBasis: string }[];
}

describe('/greeks outside market hours', () => {
  let fake: FakeYahoo;
  let bot: MarketBot;
  let expiry = '';
  const savedAt = '2025-02-21T20:58:00.000Z'; // Friday 15:58 New York
  beforeAll(async () => {
    fake = await startFakeYahoo();
    bot = await botOver({ source: 'yahoo', yahooBaseUrl: fake.url, universe: { nasdaq: false }, retry: { retries: 0 } }, new Date('2025-02-21T20:00:00-05:00'));
    const live = await bot.services.market.optionChain('CRON');
    expiry = live.contracts[0]?.expiry as string;
    expect(live.contracts.some((c) => (c.bid ?? 0) > 0 && (c.ask ?? 0) > 0 && c.type === 'call')).toBe(false);
    // What the bot would have kept near Friday's close: the same contracts, quoted.
    const quoted = live.contracts.map((c) => {
      const intrinsic = Math.max(c.type === 'call' ? live.spot - c.strike : c.strike - live.spot, 0);
      return { ...c, bid: Math.round((intrinsic + 0.1) * 100) / 100, ask: Math.round((intrinsic + 0.2) * 100) / 100 };
    });
    expect(await saveClosingChain(bot.services.store, '2025-02-21', { ...live, contracts: quoted, stamp: { ...live.stamp, asOf: savedAt } })).toBe(true);
  });
  afterAll(async () => {
    await bot.close();
    await fake.close();
    await getCrumbClear(new ExtendedCookieJar());
  });

  it.each([
    ['Friday 20:00', '2025-02-21T20:00:00-05:00'],
    ['Sunday noon', '2025-02-23T12:00:00-05:00'],
  ])('%s: answers from the stored closing chain, labelled with its time', async (_n, at) => {
    bot.clock.set(new Date(at));
    const r = await bot.exec(`/greeks CRON ${expiry} all=true`);
    expect(r.ok).toBe(true);
    const d = r.data as Data;
    expect(d.closingQuotes).toEqual({ session: '2025-02-21', asOf: savedAt });
    expect(d.asOf).toBe(savedAt);
    expect(r.text).toContain("showing the last session's quotes (2025-02-21), as of 2025-02-21 15:58 ET");
    expect(d.contracts.filter((c) => (c.bid ?? 0) > 0).length).toBe(d.contracts.length);
    expect(d.contracts.some((c) => c.ivBasis === 'mid' && (c.iv as number) > 0)).toBe(true);
  });

  it("a later session's evening does not use Friday's quotes", async () => {
    bot.clock.set(new Date('2025-02-24T20:00:00-05:00'));
    const d = (await bot.exec(`/greeks CRON ${expiry} all=true`)).data as Data;
    expect(d.closingQuotes).toBeNull();
  });
});

describe('chains seen during the session are kept', () => {
  it('a /greeks at 11:00 stores that expiry with its session and time', async () => {
    const bot = await createTestBot();
    try {
      const chain = await findOptionChain(bot, { limit: 50 });
      const r = await bot.exec(`/greeks ${chain.symbol}`);
      const d = r.data as Data;
      const kept = await readClosingChain(bot.services.store, chain.symbol, d.expiry);
      expect(kept?.session).toBe('2026-12-01');
      expect(kept?.savedAt).toBe(TRADING_MORNING.toISOString());
      expect(kept?.chain.contracts.every((c) => c.expiry === d.expiry)).toBe(true);
    } finally {
      await bot.close();
    }
  });
});
