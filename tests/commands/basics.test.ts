import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { createTestBot, TRADING_MORNING, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot();
});
afterAll(async () => bot.close());

describe('/scan on the simulated market', () => {
  it('ranks at least 5 picks out of a universe of 3,000+ symbols, each with a finite score and reasons', async () => {
    const r = await bot.exec('/scan');
    expect(r.ok).toBe(true);
    const data = r.data as { universe: number; picks: { symbol: string; score: number; reasons: string[] }[] };
    expect(data.universe).toBeGreaterThanOrEqual(3000);
    expect(data.picks.length).toBeGreaterThanOrEqual(5);
    const scores = data.picks.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const p of data.picks) {
      expect(Number.isFinite(p.score)).toBe(true);
      expect(p.reasons.length).toBeGreaterThan(0);
    }
    expect(r.footer).toMatch(/simulated data/);
    expect(bot.progress.some((t) => /^scanned [\d,]+ of [\d,]+$/.test(t))).toBe(true);
  }, 60_000);
});

describe('/quote', () => {
  it('answers with price, source and as-of, marked simulated', async () => {
    const [sym] = (await bot.services.market.universe()).map((u) => u.symbol);
    const r = await bot.exec(`/quote ${sym}`);
    expect(r).toMatchObject({ ok: true, data: { symbol: sym, source: 'simulated market', simulated: true, delayed: false, stale: false } });
    expect(Number.isFinite((r.data as { price: number }).price)).toBe(true);
    expect(r.footer).toMatch(/as of 2026-12-01 \d\d:\d\d ET/);
  });
  it('answers an unknown ticker with UNKNOWN_SYMBOL in one sentence', async () => {
    const r = await bot.exec('/quote ZZZZZZ');
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
  });
});

describe('/status', () => {
  it('names the data mode and says whether the market is open', async () => {
    const r = await bot.exec('/status');
    expect(r).toMatchObject({ ok: true, data: { mode: 'simulated market', marketOpen: true } });
    expect((r.data as { nextOpen?: string }).nextOpen).toBeUndefined();
  });

  it('names the next session right: today before the open, the next trading day after the close or on a holiday', async () => {
    const market = (r: Reply) => r.fields?.find((f) => f.name === 'Market')?.value;
    const at = async (iso: string) => {
      bot.clock.set(new Date(iso));
      return bot.exec('/status');
    };
    try {
      // Friday 2026-12-04 before the open: today's session, not Monday's.
      const pre = await at('2026-12-04T03:12:00-05:00');
      expect(market(pre)).toBe('closed; next session today at 09:30 ET');
      expect(pre.data).toMatchObject({ marketOpen: false, nextOpen: '2026-12-04T14:30:00.000Z' });
      // The same Friday after the close: Monday.
      expect(market(await at('2026-12-04T16:30:00-05:00'))).toBe('closed; next session 2026-12-07 at 09:30 ET');
      // Thanksgiving: closed with its name, next session the Friday (an early close, same open).
      const holiday = await at('2026-11-26T08:00:00-05:00');
      expect(market(holiday)).toBe('closed (Thanksgiving Day); next session 2026-11-27 at 09:30 ET (early close 13:00 ET)');
    } finally {
      bot.clock.set(TRADING_MORNING);
    }
  });
});

describe('an unknown command', () => {
  it("echoes a very long name clipped, in the message and in the reply's command field", async () => {
    const r = await bot.exec(`/${'a'.repeat(3000)}`);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(r.command.length).toBeLessThanOrEqual(30);
    expect((await bot.exec('/help')).ok).toBe(true);
  });
});
