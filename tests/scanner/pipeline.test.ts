/**
 * The pipeline over a hand-made market (tests/scanner/fake-market.ts) where each symbol's fate is
 * known: data is fetched cheapest first, expensive stages stop at their depth caps, requests do
 * not grow with the universe, and picks carry reasons and one option idea.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createCalendar } from '../../src/market/calendar.js';
import { silentLogger } from '../../src/logger.js';
import { MarketCache } from '../../src/market/gateway/cache.js';
import { createGateway } from '../../src/market/gateway/core.js';
import { runScan, type ScanRequest } from '../../src/scanner/pipeline.js';
import { scanReply } from '../../commands/views/scan.js';
import { fakeMarket, symbolAt, type CallKind } from './fake-market.js';

/** After the close, so relative volume compares whole days. */
const NOW = new Date('2026-12-01T17:00:00-05:00');

function setup(count: number, depth = { fundamentals: 40, history: 20, chains: 5 }, opts: Parameters<typeof fakeMarket>[1] = {}) {
  const config = loadConfig({ env: {}, file: false, overrides: { data: { source: 'sim' }, store: { url: 'memory://' }, scanner: { depth } } });
  const clock = manualClock(NOW);
  const fake = fakeMarket(count, opts);
  const d = config.data;
  const market = createGateway({
    mode: 'fake',
    providers: [{ provider: fake.provider, label: 'fake' }],
    cache: new MarketCache(undefined, clock, d.cacheTtl),
    clock,
    retry: { ...d.retry, retries: 0 },
    breaker: d.breaker,
    quoteBatch: d.quoteBatch,
    logger: silentLogger,
  });
  const scan = (req: ScanRequest = {}) => runScan({ market, config, calendar: createCalendar() }, req, NOW);
  return { config, market, calls: fake.calls, scan };
}

const count = (calls: readonly string[], kind: string) => calls.filter((c) => c === kind).length;

describe('runScan', () => {
  it('fetches cheapest first: listing, quotes, fundamentals, history, then option chains', async () => {
    const { calls, scan } = setup(300);
    await scan();
    const first = (k: CallKind) => calls.indexOf(k);
    const lastOf = (k: CallKind) => calls.lastIndexOf(k);
    expect(calls[0]).toBe('universe');
    expect(lastOf('quotes')).toBeLessThan(first('fundamentals'));
    expect(lastOf('fundamentals')).toBeLessThan(first('history'));
    expect(lastOf('history')).toBeLessThan(first('optionChain'));
  });

  it('stops each expensive stage at its depth cap, most active first', async () => {
    const { calls, scan } = setup(300);
    const r = await scan({ limit: 3 });
    expect(count(calls, 'fundamentals')).toBe(40);
    // Revenue growth ≥ 10 % holds only for every fourth symbol (fake-market.ts): 10 of the 40.
    expect(r.funnel.find((s) => s.stage === 'fundamentals')).toMatchObject({ in: 40, out: 10, capped: 260 });
    expect(count(calls, 'history')).toBe(10);
    expect(count(calls, 'optionChain')).toBeLessThanOrEqual(2 * 5);
    expect(r.picks).toHaveLength(3);
    // Most active = highest index here (relative volume rises with it).
    for (const p of r.picks) expect(Number(p.symbol.slice(1)) % 4).toBe(0);
    expect(Math.min(...r.picks.map((p) => Number(p.symbol.slice(1))))).toBeGreaterThan(250);
  });

  it('an empty scan still says its source and as-of time (reply footer and data)', async () => {
    const { config, scan } = setup(50);
    const r = await scan({ filters: { sectors: ['no such sector'] } });
    expect(r.picks).toHaveLength(0);
    expect(r.stamp).toMatchObject({ source: 'fake', asOf: NOW.toISOString(), simulated: false });
    const reply = scanReply(r, config);
    expect(reply.footer).toContain('fake · as of 2026-12-01 17:00 ET');
    expect(reply.data).toMatchObject({ source: 'fake', asOf: NOW.toISOString() });
    // No empty table header under "No symbol passed", and no "top 0" title.
    expect(reply.tables ?? []).toHaveLength(0);
    expect(reply.title).toBe('Scan — default · small caps: no picks among 50 symbols');
  });

  it('says when a sector filter matches no sector in the listing, and which sectors there are', async () => {
    const { scan } = setup(50);
    const r = await scan({ filters: { sectors: ['tecnology'] } });
    const note = r.notes.find((n) => n.startsWith('No listed symbol'));
    expect(note).toMatch(/^No listed symbol has a sector matching "tecnology"; sectors in the listing: .+\.$/);
    const ok = await scan({ filters: { sectors: ['tech'] } });
    expect(ok.notes.some((n) => n.startsWith('No listed symbol'))).toBe(false);
  });

  it('requests follow the survivors, not the universe', async () => {
    const small = setup(200);
    const large = setup(800);
    await small.scan();
    await large.scan();
    for (const kind of ['fundamentals', 'history', 'optionChain', 'universe']) {
      expect(count(large.calls, kind), kind).toBe(count(small.calls, kind));
    }
    // Quotes are batched 500 symbols a request (config data.quoteBatch.maxSymbols).
    expect(count(small.calls, 'quotes')).toBe(1);
    expect(count(large.calls, 'quotes')).toBe(2);
  });

  it('each pick carries its reasons with numbers and one option idea with PoP = N(d2) at breakeven', async () => {
    const { scan } = setup(120);
    const r = await scan({ limit: 5 });
    expect(r.picks.length).toBeGreaterThan(0);
    const scores = r.picks.map((p) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const p of r.picks) {
      expect(p.reasons).toContain('revenue growth 20% (wanted ≥ 10%)');
      expect(p.reasons.some((x) => x.startsWith('uptrend: close'))).toBe(true);
      expect(p.reasons.at(-1)).toMatch(/^option idea: .* call at \$/);
      expect(p.option?.breakeven).toBeCloseTo((p.option?.strike ?? 0) + (p.option?.ask ?? 0), 10);
      expect(p.option?.probabilityOfProfit).toBeGreaterThan(0);
      expect(p.option?.probabilityOfProfit).toBeLessThan(1);
      expect(p.components.portfolio).toBe(50);
    }
    expect(r.notes.join(' ')).toContain('Portfolio fit is scored neutrally');
  });

  it('technical filters cut the history stage: only up-trending (even) symbols are above SMA20 and SMA50', async () => {
    const { scan } = setup(100, { fundamentals: 100, history: 100, chains: 5 });
    const r = await scan({ filters: { smaAbove: [20, 50], revenueGrowthMin: undefined }, preset: 'momentum', limit: 25 });
    // momentum's RSI 50–80 rejects the straight-line trends (RSI 100): nothing left, and no chain was read.
    expect(r.picks).toHaveLength(0);
    const custom = await scan({ filters: { smaAbove: [20, 50], rsi: [90, 100] }, preset: 'momentum', limit: 25 });
    expect(custom.picks.length).toBeGreaterThan(0);
    for (const p of custom.picks) expect(Number(p.symbol.slice(1)) % 2).toBe(0);
  });

  it('adds watchlist symbols to the universe and marks them; unknown ones are simply not quoted', async () => {
    const { scan } = setup(120);
    const r = await scan({ watchlist: ['f116', 'ZZZZ'], limit: 25 });
    expect(r.universe).toBe(121);
    const watched = r.picks.find((p) => p.symbol === 'F116');
    expect(watched?.onWatchlist).toBe(true);
    expect(watched?.reasons[0]).toBe('on your watchlist');
  });

  it('scores portfolio fit from holdings: a held symbol gets 0', async () => {
    const { scan } = setup(120);
    const held = symbolAt(116);
    const r = await scan({ holdings: [{ symbol: held, sector: 'Energy' }], limit: 25 });
    const p = r.picks.find((x) => x.symbol === held);
    expect(p?.components.portfolio).toBe(0);
    expect(p?.reasons).toContain('already held in the portfolio');
    expect(r.notes.join(' ')).not.toContain('neutrally');
  });

  it('a finalist without listed options keeps its place with a note and no options score', async () => {
    const { scan } = setup(120, undefined, { noOptions: (i) => i === 116 });
    const r = await scan({ limit: 25 });
    const p = r.picks.find((x) => x.symbol === 'F116');
    expect(p?.option).toBeUndefined();
    expect(p?.optionNote).toBe('no listed options');
    expect(p?.components.options).toBe(0);
  });

  it('says how many symbols it had to leave out when their data failed', async () => {
    const { scan } = setup(120, undefined, { failHistory: (i) => i === 116 });
    const r = await scan({ limit: 25 });
    expect(r.picks.find((p) => p.symbol === 'F116')).toBeUndefined();
    expect(r.notes).toContain("Data could not be read for 0 symbols' fundamentals and 1 symbols' history; they were left out.");
  });
});
