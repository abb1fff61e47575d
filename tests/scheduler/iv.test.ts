/**
 * The 30-day constant-maturity ATM IV. Reference: a chain priced with the American model at
 * known flat vols per expiry (σ1 = 50 % at the near expiry, σ2 = 40 % at the far one); the
 * snapshot must recover the total-variance interpolation σ30 = √((σ1²T1 + (σ2²T2 − σ1²T1)·(T30 − T1)/(T2 − T1)) / T30).
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { americanPrice } from '../../src/core/options/index.js';
import { silentLogger } from '../../src/logger.js';
import { yearsToExpiry } from '../../src/market/expiry.js';
import type { MarketGateway, OptionChain, OptionContract } from '../../src/market/index.js';
import { atmIv30, chainAtmIv, IV_HISTORY_NS as IV_NS, putIvPoint, type IvPoint } from '../../src/options/ivHistory.js';
import { snapshotIv } from '../../src/scheduler/jobs/iv.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';
import { createCalendar } from '../../src/market/calendar.js';

const now = new Date('2026-12-01T15:50:00-05:00');
const expiries = ['2026-12-04', '2026-12-18', '2027-01-15', '2027-02-19'];
const vols: Record<string, number> = { '2026-12-04': 0.7, '2026-12-18': 0.5, '2027-01-15': 0.4, '2027-02-19': 0.38 };
const spot = 20.3;
const stamp = { source: 'test', asOf: now.toISOString(), delayed: false, stale: false, simulated: true };

function chain(expiry: string, spread = 0.02): OptionChain {
  const years = yearsToExpiry(expiry, now);
  const contracts: OptionContract[] = [];
  for (const strike of [18, 19, 20, 21, 22, 23]) {
    for (const type of ['call', 'put'] as const) {
      const price = americanPrice({ type, spot, strike, years, rate: 0.04, dividendYield: 0, vol: vols[expiry] as number });
      contracts.push({
        contractSymbol: `X${expiry}${type}${strike}`,
        type,
        strike,
        expiry,
        bid: price - spread / 2,
        ask: price + spread / 2,
        last: price,
        volume: 100,
        openInterest: 500,
      });
    }
  }
  return { symbol: 'ABCD', spot, expiries, contracts, stamp };
}

async function services(market: Partial<MarketGateway>): Promise<Services> {
  const config = loadConfig({ env: {}, file: false, overrides: { store: { url: 'memory://' } } });
  return {
    config,
    market: market as MarketGateway,
    store: await openStore('memory://'),
    clock: manualClock(now),
    calendar: createCalendar(),
    logger: silentLogger,
  };
}

const market: Partial<MarketGateway> = {
  optionChain: async (_s: string, e?: string) => chain(e ?? (expiries[0] as string)),
  fundamentals: async () => Promise.reject(new Error('none')),
};

describe('30-day constant-maturity ATM IV', () => {
  it('recovers a flat vol at one expiry from mid prices (American model)', async () => {
    const iv = chainAtmIv(chain('2026-12-18', 0.0001), '2026-12-18', now, { rate: 0.04, dividendYield: 0, maxSpreadPct: 0.5, maxIv: 5 });
    expect(iv).toBeCloseTo(0.5, 3);
  });

  it('interpolates the expiries either side of 30 days in total variance, skipping the expiry inside a week', async () => {
    const svc = await services(market);
    const r = await atmIv30(svc, 'ABCD', now);
    if ('reason' in r) throw new Error(r.reason);
    expect(r.expiries).toEqual(['2026-12-18', '2027-01-15']);
    const [t1, t2, t30] = [yearsToExpiry('2026-12-18', now), yearsToExpiry('2027-01-15', now), 30 / 365];
    const expected = Math.sqrt((0.25 * t1 + (0.16 * t2 - 0.25 * t1) * ((t30 - t1) / (t2 - t1))) / t30);
    expect(r.iv).toBeCloseTo(expected, 2);
    expect(r.iv).toBeLessThan(0.5);
    expect(r.iv).toBeGreaterThan(0.4);
  });

  it('stores nothing rather than a made-up number when quotes are junk (zero bids)', async () => {
    const junk = {
      ...market,
      optionChain: async (_s: string, e?: string) => ({
        ...chain(e ?? '2026-12-04'),
        contracts: chain(e ?? '2026-12-04').contracts.map((c) => ({ ...c, bid: 0 })),
      }),
    };
    const svc = await services(junk);
    const r = await snapshotIv(svc, ['ABCD']);
    expect(r.stored).toEqual([]);
    expect(r.skipped[0]?.reason).toMatch(/^no clean at-the-money quotes/);
    expect(await svc.store.ns<IvPoint[]>(IV_NS).get('ABCD')).toBeUndefined();
  });

  it('the close snapshot stores the same value /greeks reads, one point per day, ascending', async () => {
    const svc = await services(market);
    const r = await snapshotIv(svc, ['ABCD']);
    expect(r).toEqual({ stored: ['ABCD'], skipped: [] });
    const [point] = (await svc.store.ns<IvPoint[]>(IV_NS).get('ABCD')) ?? [];
    expect(point).toMatchObject({ date: '2026-12-01', source: 'close' });
    expect(point?.iv).toBeGreaterThan(0.4);
    await putIvPoint(svc, 'ABCD', { date: '2026-11-30', iv: 0.41, source: 'close' });
    const after = await putIvPoint(svc, 'ABCD', { date: '2026-12-01', iv: 0.45, source: 'close' });
    expect(after.history).toEqual([
      { date: '2026-11-30', iv: 0.41, source: 'close' },
      { date: '2026-12-01', iv: 0.45, source: 'close' },
    ]);
  });
});
