/**
 * /scan through the test adapter on the simulated market: the default scan over 4,000 symbols
 * returns ranked picks with reasons, option ideas, progress and a chart; presets run; bad filter
 * values get an error naming the filter and its allowed range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import type { Pick } from '../../src/scanner/pipeline.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

interface ScanData {
  universe: number;
  preset: string;
  picks: Pick[];
  funnel: { stage: string; in: number; out: number }[];
  requests: Record<string, number>;
}
const data = (r: Reply) => r.data as ScanData;

describe('/scan on a 4,000-symbol simulated market', () => {
  let bot: TestBot;
  let reply: Reply;
  beforeAll(async () => {
    bot = await createTestBot({ symbols: 4000 });
    reply = await bot.exec('/scan');
  }, 600_000);
  afterAll(async () => bot.close());

  it('returns ranked picks with reasons over the whole universe', () => {
    expect(reply.ok).toBe(true);
    const d = data(reply);
    expect(d.universe).toBeGreaterThanOrEqual(3000);
    expect(d.preset).toBe('default');
    expect(d.picks.length).toBeGreaterThan(0);
    expect(d.picks.length).toBeLessThanOrEqual(10);
    const scores = d.picks.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const p of d.picks) {
      expect(p.symbol).toMatch(/^[A-Z]{4}$/);
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(100);
      expect(p.reasons.length).toBeGreaterThan(3);
      expect(p.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^revenue growth \d+% \(wanted ≥ 10%\)$/)]));
      expect(p.option ?? p.optionNote).toBeDefined();
    }
  });

  it('gives option ideas with breakeven, PoP and liquidity', () => {
    const withIdea = data(reply).picks.filter((p) => p.option);
    expect(withIdea.length).toBeGreaterThan(0);
    for (const p of withIdea) {
      const o = p.option as NonNullable<Pick['option']>;
      expect(o.breakeven).toBeCloseTo(o.strike + o.ask, 10);
      expect(o.probabilityOfProfit).toBeGreaterThan(0);
      expect(o.probabilityOfProfit).toBeLessThan(1);
      expect(o.liquidity).toBeGreaterThan(0);
      expect(o.delta).toBeGreaterThanOrEqual(0.25);
      expect(o.delta).toBeLessThanOrEqual(0.7);
    }
  });

  it('every idea is fillable (spread ≤ 15 % of mid, OI ≥ 100) and has the breakeven and POP /greeks gives the same contract', async () => {
    const withIdea = data(reply).picks.filter((p) => p.option);
    expect(withIdea.length).toBeGreaterThan(0);
    for (const p of withIdea) {
      const o = p.option as NonNullable<Pick['option']>;
      expect(o.spreadPct).toBeLessThanOrEqual(0.15);
      expect(o.openInterest).toBeGreaterThanOrEqual(100);
      const g = await bot.exec(`/greeks ${p.symbol} ${o.expiry} ${o.strike} call`);
      const c = (
        g.data as { contracts: { type: string; strike: number; breakeven: number; probabilityOfProfit: number; premium: number; premiumBasis: string }[] }
      ).contracts.find((x) => x.type === 'call');
      expect(c?.premiumBasis).toBe('ask');
      expect(c?.premium).toBe(o.premium);
      expect(c?.breakeven).toBeCloseTo(o.breakeven, 10);
      expect(c?.probabilityOfProfit).toBeCloseTo(o.probabilityOfProfit, 10);
    }
  });

  it('fetched cheapest first and little: requests follow the survivors', () => {
    const d = data(reply);
    expect(d.funnel.map((s) => s.stage)).toEqual(['listing', 'quotes', 'fundamentals', 'technicals', 'options']);
    expect(d.requests.fundamentals).toBeLessThanOrEqual(300 + 20);
    expect(d.requests.history).toBeLessThanOrEqual(150);
    expect(d.requests.optionChains).toBeLessThanOrEqual(40);
  });

  it('showed progress as "scanned N of M", renders a table, a chart and a simulated-data footer', () => {
    expect(bot.progress).toContain('scanned 4,000 of 4,000');
    expect(bot.progress.every((t) => /^(scanned|reading (charts|fundamentals|option chains):) [\d,]+ of [\d,]+$/.test(t))).toBe(true);
    expect(reply.tables?.[0]?.rows.length).toBe(data(reply).picks.length);
    expect(reply.fields?.every((f) => f.value.length <= 1024)).toBe(true);
    expect(reply.chart?.url).toMatch(/^https:\/\/quickchart\.io\/chart\?/);
    expect(reply.chart?.url?.length).toBeLessThan(2000);
    expect(reply.footer).toMatch(/simulated/);
  });

  it('keeps the --json contract: universe and picks[] with symbol, score, reasons', () => {
    const json = JSON.parse(JSON.stringify(reply.data)) as { universe: number; picks: { symbol: string; score: number; reasons: string[] }[] };
    expect(typeof json.universe).toBe('number');
    for (const p of json.picks) {
      expect(typeof p.symbol).toBe('string');
      expect(typeof p.score).toBe('number');
      expect(Array.isArray(p.reasons)).toBe(true);
    }
  });
});

describe('/scan presets and filters (600 symbols)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ symbols: 600 });
  });
  afterAll(async () => bot.close());

  it.each(['momentum', 'low-float', 'oversold-quality', 'earnings-run-up'])(
    'runs the %s preset and states its definition',
    async (preset) => {
      const r = await bot.exec(`/scan ${preset} limit=5`);
      expect(r.ok).toBe(true);
      expect(data(r).preset).toBe(preset);
      expect(data(r).picks.length).toBeLessThanOrEqual(5);
      expect(r.text).toContain(`**${preset}**:`);
    },
    300_000,
  );

  it('applies user filters on top: every momentum pick is above SMA20 and on 1.2× pace volume', async () => {
    const r = await bot.exec('/scan momentum any limit=5');
    for (const p of data(r).picks) {
      expect(p.reasons.some((x) => /SMA20/.test(x))).toBe(true);
      expect(p.metrics.relVolume).toBeGreaterThanOrEqual(1.2);
    }
  }, 300_000);

  it('scores portfolio fit from the tenant’s holdings: a held symbol gets 0 and says so', async () => {
    const before = await bot.exec('/scan limit=3', { tenant: 'test:fit' });
    const top = data(before).picks[0];
    if (!top) throw new Error('no pick to hold');
    expect(top.components.portfolio).toBe(100);
    const added = await bot.exec(`/portfolio add ${top.symbol} 10 ${top.price}`, { tenant: 'test:fit' });
    expect(added.ok).toBe(true);
    const after = await bot.exec('/scan limit=25', { tenant: 'test:fit' });
    const held = data(after).picks.find((p) => p.symbol === top.symbol);
    expect(held?.components.portfolio).toBe(0);
    expect(held?.reasons).toContain('already held in the portfolio');
  }, 300_000);

  it.each([
    ['/scan rsi=20..150', 'rsi', 'rsi must be within 0..100, got 20..150; e.g. rsi=30..70.'],
    ['/scan price=20..2', 'price', 'price 20..2 has its minimum above its maximum; e.g. price=2..20.'],
    ['/scan short=abc', 'short', 'short "abc" is not a range: write min..max, min.. or ..max within 0..100 (%), e.g. short=15...'],
    ['/scan sma=30', 'sma', 'sma takes the periods 20, 50 and 200 (price above), or -20, -50, -200 (price below), got "30"; e.g. sma=50,200.'],
    [
      '/scan pattern=cup',
      'pattern',
      'pattern "cup" is not one of breakout, goldenCross, momentum, volumeSpike, bullFlag, ascendingTriangle, squeeze, macdCross.',
    ],
  ])('%s → a clear error naming the filter', async (line, _option, message) => {
    const r = await bot.exec(line);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message } });
  });

  it.each([
    ['/scan limit=30', /limit.*from 1 to 25/],
    ['/scan relVolume=-1', /relVolume.*from 0 to 100/],
    ['/scan earnings=120', /earnings.*from -90 to 90/],
    ['/scan rs=101', /rs.*from 0 to 100/],
    ['/scan band=large', /band.*micro, small, mid, any/],
    ['/scan nosuchpreset', /preset/],
  ])('%s → the parser names the option and its range', async (line, pattern) => {
    const r = await bot.exec(line);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID_ARGUMENT');
    expect(r.error?.message).toMatch(pattern);
  });
});
