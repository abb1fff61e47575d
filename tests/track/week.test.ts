/**
 * The track record over a simulated week on the demo market, the scheduler driven by a manual
 * (accelerated) clock: every morning pick is recorded with the price its post showed, and each
 * return equals the later close that /quote shows after that session, divided by the entry.
 * Reference: the posts and /quote replies themselves, read independently of the track code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { TrackData } from '../../src/track/index.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'];
let bot: TestBot;
let scheduler: Scheduler;
const sent: Reply[] = [];
/** symbol → day → the price /quote showed after that day's close. */
const closes = new Map<string, Map<string, number>>();
const posted: { day: string; symbol: string; price: number }[] = [];

const at = async (iso: string) => {
  bot.clock.set(new Date(iso));
  await scheduler.tick();
};

beforeAll(async () => {
  bot = await createTestBot({ symbols: 600, now: new Date('2026-11-30T08:00:00-05:00') });
  const send = Object.assign(async (_channel: string, reply: Reply) => void sent.push(reply), { platforms: new Set(['console']) });
  scheduler = await createScheduler({ services: bot.services, send, tenants: [CONSOLE_TENANT] });
  for (const day of DAYS) {
    await at(`${day}T09:46:00-05:00`);
    const post = sent.filter((r) => r.command === 'morning').at(-1);
    const data = post?.data as { slot: string; picks: { symbol: string; price: number }[] } | undefined;
    if (data?.slot.startsWith(day)) posted.push(...data.picks.map((p) => ({ day, symbol: p.symbol, price: p.price })));
    await at(`${day}T16:30:00-05:00`);
    for (const symbol of new Set(posted.map((p) => p.symbol))) {
      const q = await bot.exec(`/quote ${symbol}`);
      const byDay = closes.get(symbol) ?? new Map<string, number>();
      byDay.set(day, (q.data as { price: number }).price);
      closes.set(symbol, byDay);
    }
  }
}, 600_000);

afterAll(async () => {
  await closeDeliveryDb(bot.services.store);
  await bot.close();
});

describe('/track over a simulated week', () => {
  it('lists every morning pick with the entry its post showed', async () => {
    expect(posted.length).toBeGreaterThan(5);
    expect(posted.filter((p) => p.day <= '2026-12-01').length).toBeGreaterThan(0);
    const r = await bot.exec('/track days=30');
    expect(r.ok).toBe(true);
    const data = TrackData.parse(r.data);
    const got = data.picks.map((p) => ({ day: p.postedAt.slice(0, 10), symbol: p.symbol, price: p.entry }));
    expect(got.sort((a, b) => `${a.day}${a.symbol}`.localeCompare(`${b.day}${b.symbol}`))).toEqual(
      [...posted].sort((a, b) => `${a.day}${a.symbol}`.localeCompare(`${b.day}${b.symbol}`)),
    );
  });

  it('grades returns against the later closes /quote showed, null until due', async () => {
    const data = TrackData.parse((await bot.exec('/track days=30')).data);
    const after = (day: string, n: number) => DAYS[DAYS.indexOf(day) + n];
    let checked = 0;
    for (const p of data.picks) {
      const day = p.postedAt.slice(0, 10);
      for (const [n, key] of [
        [1, 'd1'],
        [5, 'd5'],
        [20, 'd20'],
      ] as const) {
        const target = after(day, n);
        const close = target ? closes.get(p.symbol)?.get(target) : undefined;
        if (close === undefined) expect(p.returns[key]).toBeNull();
        else {
          expect(p.returns[key]).toBeCloseTo(close / p.entry - 1, 10);
          checked++;
        }
      }
    }
    // Monday's and Tuesday's picks have 5-day returns; every pick but Tuesday the 8th's has a 1-day one.
    expect(data.picks.filter((p) => p.returns.d5 !== null).length).toBe(posted.filter((p) => p.day <= '2026-12-01').length);
    expect(checked).toBeGreaterThan(posted.length);
    expect(data.summary.length).toBeGreaterThan(0);
    const s = data.summary[0];
    expect(s?.d1.n).toBe(posted.filter((p) => p.day < '2026-12-08').length);
  });

  it('marks each option idea at the later mid of the same contract, entry at the premium the post quoted', async () => {
    const data = TrackData.parse((await bot.exec('/track days=30')).data);
    const withIdea = data.picks.filter((p) => p.idea);
    expect(withIdea.length).toBeGreaterThan(0);
    for (const p of withIdea.slice(0, 5)) {
      const idea = p.idea as NonNullable<typeof p.idea>;
      const [, expiry] = /(\d{4}-\d{2}-\d{2})/.exec(idea.contract) ?? [];
      const posted = sent.find(
        (r) =>
          r.command === 'morning' &&
          (r.data as { picks: { symbol: string; option?: { contract: string; premium: number } }[] }).picks.some((x) => x.option?.contract === idea.contract),
      );
      const option = (posted?.data as { picks: { option?: { contract: string; premium: number; expiry: string; strike: number } }[] } | undefined)?.picks.find(
        (x) => x.option?.contract === idea.contract,
      )?.option;
      expect(idea.entry).toBe(option?.premium);
      const chain = await bot.services.market.optionChain(p.symbol, option?.expiry ?? expiry);
      const c = chain.contracts.find((x) => x.type === 'call' && x.strike === option?.strike);
      if (c?.bid && c.ask) {
        expect(idea.markedBy).toBe('quote');
        expect(idea.mark).toBeCloseTo((c.bid + c.ask) / 2, 10);
        expect(idea.pnl).toBeCloseTo((c.bid + c.ask) / 2 / idea.entry - 1, 10);
      } else expect(idea.pnl).toBeNull();
    }
  });

  it("includes yesterday's picks graded one day on in the end-of-day summary", () => {
    const eod = sent.find((r) => r.command === 'eod' && r.title === 'End of day 2026-12-02');
    const y = (eod?.data as { yesterday: { day: string; picks: { symbol: string; entry: number; returns: { d1: number } }[] } } | undefined)?.yesterday;
    if (!y) throw new Error('no end-of-day summary for 2026-12-02');
    expect(y.day).toBe('2026-12-01');
    const mine = posted.filter((p) => p.day === '2026-12-01');
    expect(y.picks.map((p) => p.symbol).sort()).toEqual(mine.map((p) => p.symbol).sort());
    for (const p of y.picks) expect(p.returns.d1).toBeCloseTo((closes.get(p.symbol)?.get('2026-12-02') as number) / p.entry - 1, 10);
    expect(eod?.tables?.some((t) => t.title === 'Picks of 2026-12-01 (track record)')).toBe(true);
  });
});
