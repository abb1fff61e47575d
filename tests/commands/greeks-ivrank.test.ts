/** IV rank is of today's 30-day ATM IV: when it cannot be formed today, an old stored value is not passed off as current. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/index.js';
import { yearsToExpiry } from '../../src/market/expiry.js';
import { putIvPoint } from '../../src/options/ivHistory.js';
import { createTestBot, findOptionChain, TRADING_MORNING, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let sym: string;
beforeAll(async () => {
  // No quote is clean enough for the ATM IV (spread limit 0.01 %): today's 30-day ATM IV cannot be formed.
  bot = await createTestBot({ symbols: 400, config: { options: { junk: { maxSpreadPct: 0.0001 } } } as unknown as Partial<AppConfig> });
  sym = (await findOptionChain(bot, { limit: 80, accept: (ch) => ch.expiries.some((e) => yearsToExpiry(e, TRADING_MORNING) * 365 > 45) })).symbol;
});
afterAll(async () => bot.close());

describe('/greeks IV rank without today’s 30-day ATM IV', () => {
  it('shows n/a, not a rank of a value stored weeks ago', async () => {
    let day = new Date('2026-10-01T20:00:00Z');
    for (let i = 0; i < 25; i++) {
      await putIvPoint(bot.services, sym, { date: day.toISOString().slice(0, 10), iv: 0.2 + 0.02 * i, source: 'close' });
      do day = new Date(day.getTime() + 86_400_000);
      while ([0, 6].includes(day.getUTCDay()));
    }
    const r = await bot.exec(`/greeks ${sym}`);
    expect(r.ok).toBe(true);
    const s = (r.data as { ivSummary: { iv30: number | null; ivRank: number | null; ivPercentile: number | null } }).ivSummary;
    expect(s).toMatchObject({ iv30: null, ivRank: null, ivPercentile: null });
  });

  it('uses the value stored for the latest session when today’s cannot be recomputed', async () => {
    await putIvPoint(bot.services, sym, { date: '2026-12-01', iv: 0.3, source: 'close' });
    const s = ((await bot.exec(`/greeks ${sym}`)).data as { ivSummary: { iv30: number | null; ivRank: number | null } }).ivSummary;
    expect(s.iv30).toBe(0.3);
    expect(s.ivRank).not.toBeNull();
  });
});
