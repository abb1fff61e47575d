import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { createSimProvider } from '../../src/market/sim/index.js';

const at = (iso: string) => manualClock(new Date(iso));
const real = new Set(
  readFileSync(new URL('../../data/real-tickers.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#')),
);

describe('simulated market', () => {
  const sim = createSimProvider({ seed: 7, symbols: 3500, clock: at('2026-12-01T11:00:00-05:00') });

  it('lists 3,000+ fictional tickers (none listed on a US exchange) across sectors and micro to mid caps', async () => {
    const u = await sim.universe();
    expect(u.length).toBe(3500);
    expect(u.filter((e) => real.has(e.symbol))).toEqual([]);
    expect(new Set(u.map((e) => e.sector)).size).toBeGreaterThanOrEqual(10);
    const caps = u.map((e) => e.marketCap ?? 0);
    expect(caps.filter((c) => c < 3e8).length).toBeGreaterThan(300);
    expect(caps.filter((c) => c >= 3e8 && c < 2e9).length).toBeGreaterThan(800);
    expect(caps.filter((c) => c >= 2e9 && c < 1e10).length).toBeGreaterThan(200);
  });

  it('is deterministic for a seed and a date, and the past does not change as the clock moves on', async () => {
    const [sym] = (await sim.universe()).map((e) => e.symbol) as [string];
    const again = createSimProvider({ seed: 7, symbols: 3500, clock: at('2026-12-01T11:00:00-05:00') });
    const later = createSimProvider({ seed: 7, symbols: 3500, clock: at('2027-01-15T11:00:00-05:00') });
    const h1 = await sim.history(sym, { from: '2025-01-01', to: '2026-11-30' });
    expect((await again.history(sym, { from: '2025-01-01', to: '2026-11-30' })).bars).toEqual(h1.bars);
    expect((await later.history(sym, { from: '2025-01-01', to: '2026-11-30' })).bars).toEqual(h1.bars);
    const other = createSimProvider({ seed: 8, symbols: 3500, clock: at('2026-12-01T11:00:00-05:00') });
    expect((await other.universe())[0]?.symbol).not.toBe(sym);
  });

  it('has two years of sane daily bars on trading days only', async () => {
    const [sym] = (await sim.universe()).map((e) => e.symbol) as [string];
    const h = await sim.history(sym, { from: '2024-12-01' });
    expect(h.bars.length).toBeGreaterThan(495);
    expect(h.bars.map((b) => b.date)).not.toContain('2025-12-25');
    expect(h.bars.at(-1)?.date).toBe('2026-11-30');
    for (const b of h.bars) {
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close) - 0.011);
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close) + 0.011);
      expect(b.volume).toBeGreaterThan(0);
    }
    expect(h.stamp.simulated).toBe(true);
  });

  it('prices chains with weekly and monthly expiries out to a year, skew, and liquidity thinning away from the money', async () => {
    const u = await sim.universe();
    const big = u.filter((e) => (e.marketCap ?? 0) > 2e9).map((e) => e.symbol);
    let chain: Awaited<ReturnType<typeof sim.optionChain>> | undefined;
    for (const s of big) {
      chain = await sim.optionChain(s).catch(() => undefined);
      if (chain) break;
    }
    expect(chain).toBeDefined();
    if (!chain) return;
    expect(chain.expiries.length).toBeGreaterThanOrEqual(10);
    expect(chain.expiries.at(-1)! > '2027-09-01').toBe(true);
    const far = await sim.optionChain(chain.symbol, chain.expiries[6]);
    const calls = far.contracts.filter((c) => c.type === 'call');
    const atm = calls.reduce((a, b) => (Math.abs(b.strike - far.spot) < Math.abs(a.strike - far.spot) ? b : a));
    const wing = calls[calls.length - 1]!;
    expect(atm.openInterest!).toBeGreaterThan(wing.openInterest!);
    for (const c of far.contracts) if (c.bid !== null && c.ask !== null && c.bid > 0) expect(c.ask).toBeGreaterThan(c.bid);
  });

  it('answers an unknown ticker and an unknown expiry with coded errors that list what exists', async () => {
    await expect(sim.quotes(['NOPE'])).resolves.toEqual([]);
    await expect(sim.history('NOPE', { from: '2026-01-01' })).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL' });
    const u = await sim.universe();
    for (const e of u) {
      const chain = await sim.optionChain(e.symbol).catch(() => undefined);
      if (!chain) continue;
      await expect(sim.optionChain(e.symbol, '2026-12-02')).rejects.toMatchObject({
        code: 'UNKNOWN_EXPIRY',
        message: expect.stringContaining(chain.expiries[0]!),
      });
      break;
    }
  });

  it('stamps quotes with the last close when the market is closed (Thanksgiving 2026)', async () => {
    const closed = createSimProvider({ seed: 7, symbols: 3500, clock: at('2026-11-26T12:00:00-05:00') });
    const [sym] = (await closed.universe()).map((e) => e.symbol) as [string];
    const [q] = await closed.quotes([sym]);
    expect(q?.stamp.asOf).toBe('2026-11-25T21:00:00.000Z');
  });

  it('keeps every listed strike of an expiry listed on later days, however the price moves', async () => {
    const early = createSimProvider({ seed: 7, symbols: 3500, clock: at('2026-12-01T11:00:00-05:00') });
    const late = createSimProvider({ seed: 7, symbols: 3500, clock: at('2026-12-15T11:00:00-05:00') });
    const symbols = (await early.universe()).map((e) => e.symbol).slice(0, 150);
    let checked = 0;
    for (const sym of symbols) {
      const first = await early.optionChain(sym).catch(() => undefined);
      if (!first) continue;
      const expiry = first.expiries.find((e) => e >= '2027-01-01');
      if (!expiry) continue;
      const before = new Set((await early.optionChain(sym, expiry)).contracts.map((c) => `${c.type}${c.strike}`));
      const after = new Set((await late.optionChain(sym, expiry)).contracts.map((c) => `${c.type}${c.strike}`));
      expect(
        [...before].filter((k) => !after.has(k)),
        `${sym} ${expiry}`,
      ).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  }, 60_000);
});

describe('simulated market under a big listing', () => {
  it('lets the event loop run while it lists 1,500 symbols (cold paths) instead of blocking throughout', async () => {
    const sim = createSimProvider({ seed: 11, symbols: 1500, clock: at('2026-12-01T11:00:00-05:00') });
    let turns = 0;
    let done = false;
    const tick = (): void => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const u = await sim.universe();
    done = true;
    expect(u.length).toBe(1500);
    expect(turns).toBeGreaterThan(3); // ~0.5 s of path generation in slices of at most 5 ms
  });

  it('quotes built from the kept per-symbol basis equal quotes built after the full path is cached', async () => {
    const clock = at('2026-12-01T11:00:00-05:00');
    const cold = createSimProvider({ seed: 7, symbols: 800, clock });
    const listed = (await cold.universe()).slice(0, 5).map((e) => e.symbol);
    const fromBasis = await cold.quotes(listed);
    const warm = createSimProvider({ seed: 7, symbols: 800, clock });
    for (const s of listed) await warm.history(s, { from: '2026-01-01' }); // paths cached first
    expect(await warm.quotes(listed)).toEqual(fromBasis);
    const h = await warm.history(listed[0] as string, { from: '2025-11-01' });
    const closes = h.bars.filter((b) => b.date > '2025-12-01').map((b) => b.close);
    expect(fromBasis[0]?.fiftyTwoWeekHigh).toBeGreaterThanOrEqual(Math.max(...closes.slice(-250)));
  });
});
