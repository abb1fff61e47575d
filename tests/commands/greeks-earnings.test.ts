/**
 * Earnings in view on the simulated market: a name with earnings inside 30 days shows the date, marks
 * an expiry that spans it, and gives the implied earnings move from the term structure; the simulated
 * chains carry an earnings IV bump that is crushed once the date has passed. The reference for the
 * move is the formula itself applied to the two ATM IVs the reply reports (σ_E² = (σ_a² − σ_b²)·T_a),
 * and the sim's own bump: an expiry after earnings carries extra total variance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearsToExpiry } from '../../src/market/expiry.js';
import { createTestBot, TRADING_MORNING, type TestBot } from '../helpers/bot.js';

interface Earnings {
  date: string;
  spansExpiry: boolean;
  impliedMove: number | null;
  impliedMoveDollars: number | null;
  before: { expiry: string; atmIv: number } | null;
  after: { expiry: string; atmIv: number } | null;
}
interface Data {
  symbol: string;
  spot: number;
  expiry: string;
  expiries: string[];
  earnings: Earnings | null;
  ivSummary: { atmIv: number | null };
}

describe('/greeks shows earnings on the demo market', () => {
  let bot: TestBot;
  let sym = '';
  let date = '';
  beforeAll(async () => {
    bot = await createTestBot();
    const listed = await bot.services.market.universe();
    for (const u of listed.slice(0, 300)) {
      const f = await bot.services.market.fundamentals(u.symbol).catch(() => undefined);
      const days = f?.nextEarnings ? (Date.parse(f.nextEarnings) - TRADING_MORNING.getTime()) / 86_400_000 : NaN;
      if (!(days > 5 && days < 30)) continue;
      const chain = await bot.services.market.optionChain(u.symbol).catch(() => undefined);
      if (!chain || chain.spot < 10) continue;
      const e = f?.nextEarnings as string;
      if (chain.expiries.some((x) => x < e) && chain.expiries.some((x) => x >= e)) {
        sym = u.symbol;
        date = e;
        break;
      }
    }
  }, 120_000);
  afterAll(async () => bot.close());

  it('names the next earnings date, marks the spanning expiry and gives the implied move', async () => {
    expect(sym).not.toBe('');
    const first = (await bot.services.market.optionChain(sym)).expiries.find((x) => x >= date) as string;
    const r = await bot.exec(`/greeks ${sym} ${first}`);
    expect(r.ok).toBe(true);
    const d = r.data as Data;
    const e = d.earnings as Earnings;
    expect(e.date).toBe(date);
    expect(e.spansExpiry).toBe(true);
    expect(r.title).toContain(`spans earnings ${date}`);
    expect(e.after?.expiry).toBe(first);
    expect(e.before && e.before.expiry < date).toBe(true);
    const b = e.before as { expiry: string; atmIv: number },
      a = e.after as { expiry: string; atmIv: number };
    const ta = yearsToExpiry(a.expiry, TRADING_MORNING);
    expect(e.impliedMove).toBeCloseTo(Math.sqrt((a.atmIv ** 2 - b.atmIv ** 2) * ta), 12);
    expect(e.impliedMove as number).toBeGreaterThan(0.01);
    expect(e.impliedMoveDollars).toBeCloseTo((e.impliedMove as number) * d.spot, 10);
    const field = r.fields?.find((f) => f.name === 'Earnings')?.value ?? '';
    expect(field).toMatch(new RegExp(`^Next earnings ${date}; this ${first} expiry spans it\\nimplied earnings move ±\\d+\\.\\d%`));
    // An expiry before the date is not marked.
    const early = await bot.exec(`/greeks ${sym} ${b.expiry}`);
    expect((early.data as Data).earnings?.spansExpiry).toBe(false);
    expect(early.title).not.toContain('spans earnings');
  });

  it('the simulated IV carries an earnings bump that is crushed after the date', async () => {
    const later = (await bot.services.market.optionChain(sym)).expiries.filter((x) => x > date)[1] as string;
    const pre = (await bot.exec(`/greeks ${sym} ${later}`)).data as Data;
    // The session after earnings, mid-morning.
    const after = bot.services.calendar.nextTradingDay(date);
    bot.clock.set(new Date(`${after}T11:00:00-05:00`));
    const post = (await bot.exec(`/greeks ${sym} ${later}`)).data as Data;
    expect(post.ivSummary.atmIv as number).toBeLessThan((pre.ivSummary.atmIv as number) - 0.005);
    bot.clock.set(TRADING_MORNING);
  });
});
