/**
 * /greeks reached from a scan pick ranks in the pick's direction: the scan reply's pick buttons carry
 * it, and a plain `/greeks TICKER` finds today's pick of the ticker in the track record or the newest
 * scan snapshot. An explicit bias wins; a pick from another day does not count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { navButtons, parseNav } from '../../src/chat/render/nav.js';
import { SNAPSHOT_PICKS_NS, type SnapshotPicks } from '../../src/scanner/snapshot.js';
import { recordPicks } from '../../src/track/store.js';
import { createTestBot, findOptionChain, TRADING_MORNING, type TestBot } from '../helpers/bot.js';

interface Data {
  symbol: string;
  bias: string;
  biasSource: string;
  contracts: { type: 'call' | 'put'; rank: number | null }[];
}
const data = (r: Reply) => r.data as Data;
const rankedTypes = (r: Reply) =>
  new Set(
    data(r)
      .contracts.filter((c) => c.rank !== null)
      .map((c) => c.type),
  );

let bot: TestBot;
let scan: Reply;
let picked: string;
const TENANT = 'test:tenant';

beforeAll(async () => {
  bot = await createTestBot({ symbols: 1500 });
  scan = await bot.exec('/scan');
  expect(scan.ok, scan.text).toBe(true);
  const picks = (scan.data as { picks: { symbol: string }[] }).picks;
  expect(picks.length).toBeGreaterThan(0);
  picked = (picks[0] as { symbol: string }).symbol;
}, 120_000);
afterAll(() => bot.close());

describe('/greeks bias from a scan pick', () => {
  it('the scan reply has one button per pick (at most five) that opens /greeks at the idea’s expiry, bullish', async () => {
    const picks = (scan.data as { picks: { symbol: string; option?: { expiry: string; type: string } }[] }).picks;
    const actions = scan.actions ?? [];
    expect(actions.length).toBe(Math.min(5, picks.length));
    actions.forEach((a, i) => {
      const p = picks[i] as (typeof picks)[number];
      expect(a).toMatchObject({ kind: 'pick', label: `${p.symbol} options`, command: 'greeks' });
      expect(a.options).toEqual({ ticker: p.symbol, ...(p.option ? { expiry: p.option.expiry } : {}), pick: 'bullish' });
    });
    // A click: the button id comes back as the command and its options, and /greeks ranks calls only.
    const button = navButtons(scan)[0];
    expect(button).toBeDefined();
    const target = parseNav(button?.id as string, (n) => bot.router.find(n));
    expect(target?.options).toMatchObject({ ticker: picked, pick: 'bullish' });
    const r = await bot.router.handle(
      { name: 'greeks', options: target?.options ?? {} },
      { platform: 'test', tenant: TENANT, user: 'test:user', channel: 'test:channel', isAdmin: true, services: bot.services, progress: async () => undefined },
    );
    expect(r.ok, r.text).toBe(true);
    expect(data(r)).toMatchObject({ symbol: picked, bias: 'bullish', biasSource: 'scan pick' });
    expect(r.text).toContain("bias bullish (from today's scan pick)");
    expect(rankedTypes(r)).toEqual(new Set(['call']));
  });

  it('a plain /greeks of today’s pick defaults to its direction from the snapshot; an explicit bias wins', async () => {
    const r = await bot.exec(`/greeks ${picked}`);
    expect(data(r)).toMatchObject({ bias: 'bullish', biasSource: 'scan pick' });
    expect(r.text).toContain("Ranked with bias bullish (from today's scan pick): calls only");
    expect(rankedTypes(r)).toEqual(new Set(['call']));
    const neutral = await bot.exec(`/greeks ${picked} bias=neutral`);
    expect(data(neutral)).toMatchObject({ bias: 'neutral', biasSource: 'asked' });
    expect(neutral.text).not.toContain('scan pick');
    expect(rankedTypes(neutral)).toEqual(new Set(['call', 'put']));
    const bearish = await bot.exec(`/greeks ${picked} bias=bearish pick=bullish`);
    expect(data(bearish)).toMatchObject({ bias: 'bearish', biasSource: 'asked' });
  });

  it('reads the snapshot’s small picks index, and a snapshot stored before the index existed still counts', async () => {
    const index = bot.services.store.ns<SnapshotPicks>(SNAPSHOT_PICKS_NS);
    const key = `${bot.services.market.mode}|${TENANT}|default`;
    const stored = await index.get(key);
    const picks = (scan.data as { picks: { symbol: string; option?: { type: string } }[] }).picks;
    expect(stored?.picks).toEqual(picks.map((p) => (p.option ? { symbol: p.symbol, ideaType: p.option.type } : { symbol: p.symbol })));
    await index.delete(key);
    try {
      const r = await bot.exec(`/greeks ${picked}`);
      expect(data(r)).toMatchObject({ bias: 'bullish', biasSource: 'scan pick' });
    } finally {
      await index.set(key, stored as SnapshotPicks);
    }
  });

  it('a symbol that is no pick today stays neutral', async () => {
    const picks = new Set((scan.data as { picks: { symbol: string }[] }).picks.map((p) => p.symbol));
    const other = (await findOptionChain(bot, { minPrice: 5, accept: (c) => !picks.has(c.symbol) && c.contracts.length > 10 })).symbol;
    const r = await bot.exec(`/greeks ${other}`);
    expect(r.ok, r.text).toBe(true);
    expect(data(r)).toMatchObject({ bias: 'neutral', biasSource: 'default' });
    expect(rankedTypes(r)).toEqual(new Set(['call', 'put']));
  });

  it('a put idea posted today in the tenant’s channel makes the default bearish; another tenant’s post does not count', async () => {
    const picks = new Set((scan.data as { picks: { symbol: string }[] }).picks.map((p) => p.symbol));
    const other = (await findOptionChain(bot, { minPrice: 5, accept: (c) => !picks.has(c.symbol) && c.contracts.length > 10 })).symbol;
    const sym = (await findOptionChain(bot, { minPrice: 5, accept: (c) => !picks.has(c.symbol) && c.symbol !== other && c.contracts.length > 10 })).symbol;
    const posted = { symbol: sym, preset: 'default', origin: 'scan' as const, postedAt: TRADING_MORNING.toISOString(), day: '2026-12-01', entry: 10 };
    const idea = { contract: `${sym}261218P00010000`, type: 'put' as const, strike: 10, expiry: '2026-12-18', entry: 1 };
    await recordPicks(bot.services, [{ ...posted, tenant: 'test:other', idea: null }]);
    expect(data(await bot.exec(`/greeks ${sym}`))).toMatchObject({ bias: 'neutral', biasSource: 'default' });
    await recordPicks(bot.services, [{ ...posted, tenant: TENANT, preset: 'momentum', idea }]);
    const r = await bot.exec(`/greeks ${sym}`);
    expect(data(r)).toMatchObject({ bias: 'bearish', biasSource: 'scan pick' });
    expect(r.text).toContain("bias bearish (from today's scan pick): puts only");
    expect(rankedTypes(r)).toEqual(new Set(['put']));
  });

  it('yesterday’s pick does not set today’s bias', async () => {
    bot.clock.set(new Date('2026-12-02T11:00:00-05:00'));
    try {
      const r = await bot.exec(`/greeks ${picked}`);
      expect(data(r)).toMatchObject({ bias: 'neutral', biasSource: 'default' });
    } finally {
      bot.clock.set(TRADING_MORNING);
    }
  });
});
