import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/index.js';
import { impliedVol, ivRankPercentile } from '../../src/core/options/index.js';
import { yearsToExpiry } from '../../src/market/expiry.js';
import { putIvPoint, readIvHistory, recordAtmIv } from '../../src/options/ivHistory.js';
import { createTestBot, findOptionChain, TRADING_MORNING, type TestBot } from '../helpers/bot.js';

interface Contract {
  type: 'call' | 'put';
  strike: number;
  expiry: string;
  bid: number | null;
  ask: number | null;
  iv: number | null;
  delta: number | null;
  theta: number | null;
  vega: number | null;
  breakeven: number | null;
  probabilityOfProfit: number | null;
  score: number | null;
  rank: number | null;
  junk: string[];
}
interface Data {
  symbol: string;
  spot: number;
  asOf: string;
  source: string;
  model: string;
  rate: number;
  dividendYield: number;
  expiry: string;
  expiries: string[];
  units: Record<string, string>;
  ivSummary: {
    atmIv: number | null;
    iv30: number | null;
    ivRank: number | null;
    ivPercentile: number | null;
    historyDays: number;
    historyMinDays: number;
    realizedVol: number | null;
    expectedMove: number | null;
  };
  chartUrl: string | null;
  contracts: Contract[];
}
const data = (r: { data?: unknown }) => r.data as Data;
const field = (r: { fields?: { name: string; value: string }[] }, name: string) => r.fields?.find((f) => f.name === name)?.value ?? '';

/** First simulated symbol with a chain spanning 30 days (so a 30-day ATM IV can be formed). */
/** A symbol with an expiry beyond 45 days among the first 80 listed. */
const optionable = async (bot: TestBot): Promise<string> =>
  (await findOptionChain(bot, { limit: 80, accept: (ch) => ch.expiries.some((e) => yearsToExpiry(e, TRADING_MORNING) * 365 > 45) })).symbol;

describe('/greeks on the simulated market', () => {
  let bot: TestBot;
  let sym: string;
  beforeAll(async () => {
    bot = await createTestBot();
    sym = await optionable(bot);
  });
  afterAll(async () => bot.close());

  it('defaults to the nearest expiry 20-70 days out and strikes within ±15 %, calls and puts in separate tables', async () => {
    const r = await bot.exec(`/greeks ${sym}`);
    expect(r.ok).toBe(true);
    const d = data(r);
    const days = yearsToExpiry(d.expiry, TRADING_MORNING) * 365;
    expect(days).toBeGreaterThanOrEqual(20);
    expect(days).toBeLessThanOrEqual(70);
    expect(d.contracts.length).toBeGreaterThan(4);
    for (const c of d.contracts) expect(Math.abs(c.strike / d.spot - 1)).toBeLessThanOrEqual(0.15 + 1e-12);
    expect(r.tables?.map((t) => t.title)).toEqual([`Calls — ${d.expiry}`, `Puts — ${d.expiry}`]);
    expect(r.tables?.[0]?.columns).toEqual(['Strike', 'Bid', 'Ask', 'IV', 'Delta', 'Gamma', 'Theta/d', 'Vega', 'OI', 'Vol', 'Liq', 'Score', 'Rank or note']);
  });

  it('keeps the --json data contract, states units, model, source and as-of', async () => {
    const r = await bot.exec(`/greeks ${sym}`);
    const d = data(r);
    expect(d).toMatchObject({ symbol: sym, source: 'simulated market', model: 'american' });
    expect(Number.isFinite(d.spot)).toBe(true);
    expect(d.units).toMatchObject({ theta: 'per calendar day', vega: 'per 1 vol point', rho: 'per 1 rate point' });
    for (const k of ['type', 'strike', 'expiry', 'bid', 'ask', 'last', 'volume', 'openInterest', 'iv', 'delta', 'gamma', 'theta', 'vega', 'rho'])
      expect(d.contracts[0]).toHaveProperty(k);
    expect(r.footer).toMatch(/simulated market.*as of 2026-12-01 \d\d:\d\d ET.*American/);
  });

  it('IV is our American solve from the mid, theta per day and vega per point, POP at the breakeven', async () => {
    const d = data(await bot.exec(`/greeks ${sym}`));
    const c = d.contracts.find((x) => x.type === 'put' && x.bid && x.ask && x.iv !== null) as Contract;
    const mid = ((c.bid as number) + (c.ask as number)) / 2;
    const years = yearsToExpiry(c.expiry, TRADING_MORNING);
    const iv = impliedVol({ type: 'put', price: mid, spot: d.spot, strike: c.strike, years, rate: d.rate, dividendYield: d.dividendYield, style: 'american' });
    expect(c.iv).toBeCloseTo(iv, 12);
    // A buyer's breakeven: the put's strike less the ask paid.
    expect(c.breakeven).toBeCloseTo(c.strike - (c.ask as number), 12);
    expect(c.theta as number).toBeLessThan(0);
    expect(Math.abs(c.theta as number)).toBeLessThan(mid); // per day, not per year
  });

  it('shows the IV summary with expected move S·σ·√T and an IV smile chart URL of modest length', async () => {
    const r = await bot.exec(`/greeks ${sym}`);
    const d = data(r);
    const s = d.ivSummary;
    expect(s.expectedMove).toBeCloseTo(d.spot * (s.atmIv as number) * Math.sqrt(yearsToExpiry(d.expiry, TRADING_MORNING)), 10);
    expect(field(r, 'Volatility')).toMatch(/Expected move ±\$[\d.,]+ \(1σ, S·σ·√T at ATM IV\)/);
    expect(field(r, 'Volatility')).toMatch(/20-day realized vol \d+\.\d%/);
    expect(r.chart?.url).toMatch(/^https:\/\/quickchart\.io\/chart\?/);
    expect((r.chart?.url ?? '').length).toBeLessThan(1500);
    expect(d.chartUrl).toBe(r.chart?.url);
  });

  it('ranks only clean quotes; every ranked contract has a finite score', async () => {
    const d = data(await bot.exec(`/greeks ${sym} all=true`));
    for (const c of d.contracts) {
      if (c.junk.length) expect([c.score, c.rank]).toEqual([null, null]);
      else expect(Number.isFinite(c.score)).toBe(true);
    }
    const ranks = d.contracts
      .map((c) => c.rank)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });

  it('unknown expiry and strike: clear errors listing what exists', async () => {
    const d = data(await bot.exec(`/greeks ${sym}`));
    const e = await bot.exec(`/greeks ${sym} 2026-12-02`);
    expect(e).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EXPIRY' } });
    expect(e.error?.message).toContain(d.expiries[0]);
    const k = await bot.exec(`/greeks ${sym} ${d.expiry} 0.37 call`);
    expect(k).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STRIKE' } });
    expect(k.error?.message).toMatch(/nearest listed: [\d.]+/);
  });

  it('one strike and type', async () => {
    const d = data(await bot.exec(`/greeks ${sym}`));
    const k = d.contracts[0]?.strike as number;
    const one = data(await bot.exec(`/greeks ${sym} ${d.expiry} ${k} put`));
    expect(one.contracts.map((c) => [c.type, c.strike])).toEqual([['put', k]]);
  });
});

describe("IV rank needs the bot's own history", () => {
  let bot: TestBot;
  let sym: string;
  beforeAll(async () => {
    bot = await createTestBot({ now: TRADING_MORNING });
    sym = await optionable(bot);
  });
  afterAll(async () => bot.close());

  it('says "n/a (building history: N days)" until enough days are stored, and records today from the first request', async () => {
    const r = await bot.exec(`/greeks ${sym}`);
    expect(field(r, 'Volatility')).toMatch(/IV rank n\/a \(building history: 1 day of 20\)/);
    expect(data(r).ivSummary).toMatchObject({ ivRank: null, ivPercentile: null, historyDays: 1, historyMinDays: 20 });
    await bot.exec(`/greeks ${sym}`);
    expect((await readIvHistory(bot.services, sym)).map((p) => p.date)).toEqual(['2026-12-01']);
  });

  it('shows real IV rank and percentile once enough days are stored', async () => {
    // 25 earlier trading days written through the store API, IVs 20 %-68 %.
    let day = new Date('2026-10-20T20:00:00Z');
    for (let i = 0; i < 25; i++) {
      const date = day.toISOString().slice(0, 10);
      await putIvPoint(bot.services, sym, { date, iv: 0.2 + 0.02 * i, source: 'close' });
      do day = new Date(day.getTime() + 86_400_000);
      while ([0, 6].includes(day.getUTCDay()));
    }
    const r = await bot.exec(`/greeks ${sym}`);
    const s = data(r).ivSummary;
    const history = (await readIvHistory(bot.services, sym)).map((p) => p.iv);
    expect(history.length).toBe(26);
    const expected = ivRankPercentile(history, s.iv30 as number);
    expect(s.ivRank).toBeCloseTo(expected.rank, 12);
    expect(s.ivPercentile).toBeCloseTo(expected.percentile, 12);
    expect(field(r, 'Volatility')).toMatch(/IV rank \d+% · IV percentile \d+%/);
  });
});

describe('recordAtmIv', () => {
  let bot: TestBot;
  let sym: string;
  beforeAll(async () => {
    bot = await createTestBot({ now: TRADING_MORNING });
    sym = await optionable(bot);
  });
  afterAll(async () => bot.close());

  it('stores one 30-day ATM IV per trading day; an intraday value never replaces the close', async () => {
    const first = await recordAtmIv(bot.services, sym, TRADING_MORNING, { source: 'intraday' });
    expect(first).toMatchObject({ stored: true, date: '2026-12-01', days: 1 });
    const close = await recordAtmIv(bot.services, sym, new Date('2026-12-01T15:50:00-05:00'));
    expect(close).toMatchObject({ stored: true, days: 1 });
    const late = await recordAtmIv(bot.services, sym, new Date('2026-12-01T16:30:00-05:00'), { source: 'intraday' });
    expect(late).toMatchObject({ stored: false, days: 1 });
    const h = await readIvHistory(bot.services, sym);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ date: '2026-12-01', source: 'close' });
    expect(h[0]?.iv).toBeGreaterThan(0);
  });

  it('skips weekends and holidays', async () => {
    expect(await recordAtmIv(bot.services, sym, new Date('2026-12-05T12:00:00-05:00'))).toMatchObject({ stored: false, reason: 'not a trading day' });
    expect(await recordAtmIv(bot.services, sym, new Date('2026-12-25T12:00:00-05:00'))).toMatchObject({ stored: false, reason: 'not a trading day' });
  });
});

describe('/greeks with every quote filtered as junk', () => {
  let bot: TestBot;
  let sym: string;
  beforeAll(async () => {
    bot = await createTestBot({ config: { options: { junk: { minVolume: 1e9 } } } as unknown as Partial<AppConfig> });
    sym = await optionable(bot);
  });
  afterAll(async () => bot.close());

  it('ranks nothing, and marks every row with the reason', async () => {
    const r = await bot.exec(`/greeks ${sym} all=true`);
    expect(data(r).contracts.every((c) => c.rank === null && c.junk.some((j) => /^volume/.test(j)))).toBe(true);
    expect(field(r, 'Top ranked')).toMatch(/^none/);
    expect(r.tables?.[0]?.rows.every((row) => /(^| · )junk: .*volume/.test(row[row.length - 1] ?? ''))).toBe(true);
  });
});

describe('/greeks quote rule and direction on the simulated market', () => {
  let bot: TestBot;
  let sym: string;
  beforeAll(async () => {
    bot = await createTestBot();
    sym = await optionable(bot);
  });
  afterAll(async () => bot.close());

  it('a price within a tick of intrinsic has no IV, Greeks or POP and is never ranked; nothing shows IV 0', async () => {
    type Row = Contract & { price: number | null; intrinsic: number | null; naReason: string | null; ivBasis: string; lastTradeAt: string | null };
    const r = await bot.exec(`/greeks ${sym} all=true`);
    const rows = data(r).contracts as Row[];
    const tick = (p: number) => (p < 3 ? 0.01 : 0.05);
    const atIntrinsic = rows.filter((c) => c.price !== null && c.intrinsic !== null && c.price - c.intrinsic <= tick(c.price) + 1e-9);
    expect(atIntrinsic.length).toBeGreaterThan(0);
    for (const c of atIntrinsic) {
      expect([c.iv, c.delta, c.theta, c.vega, c.probabilityOfProfit, c.score, c.rank]).toEqual([null, null, null, null, null, null, null]);
      expect(c.naReason).toMatch(/intrinsic|within a tick of zero/);
    }
    expect(rows.filter((c) => c.iv !== null).every((c) => (c.iv as number) > 0.01)).toBe(true);
    // The sim prints a trade time for every last price: only this or the previous session's trades price IV.
    const floor = Date.parse('2026-11-30T09:30:00-05:00');
    for (const c of rows.filter((x) => x.ivBasis === 'last')) expect(Date.parse(c.lastTradeAt as string)).toBeGreaterThanOrEqual(floor);
  });

  it('bias=bullish ranks calls only, bias=bearish puts only; the default ranks both', async () => {
    const ranked = async (extra: string) => data(await bot.exec(`/greeks ${sym} ${extra}`)).contracts.filter((c) => c.rank !== null);
    const bull = await ranked('bias=bullish');
    const bear = await ranked('bias=bearish');
    const both = await ranked('');
    expect(bull.length).toBeGreaterThan(0);
    expect(bull.every((c) => c.type === 'call')).toBe(true);
    expect(bear.every((c) => c.type === 'put')).toBe(true);
    expect(new Set(both.map((c) => c.type))).toEqual(new Set(['call', 'put']));
    expect(bull.map((c) => c.rank).sort((a, b) => (a as number) - (b as number))).toEqual(bull.map((_, i) => i + 1));
  });
});
