import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/bot.js';

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
