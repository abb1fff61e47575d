/** Book-keeping, P&L statistics and sizing against hand-worked examples. */
import { describe, expect, it } from 'vitest';
import {
  BookError,
  closedTradeDailyPnl,
  closePosition,
  defaultLevels,
  emptyTenant,
  entryChecks,
  equityStats,
  findPosition,
  journalStats,
  openPosition,
  sizePosition,
  upsertSnapshot,
  type NewPosition,
  type Trade,
} from '../../src/core/portfolio/index.js';

const defaults = { stopLossPct: 0.08, profitTargetPct: 0.2 };
const base: NewPosition = {
  owner: 'u:1',
  symbol: 'ABCD',
  side: 'long',
  quantity: 100,
  entryPrice: 50,
  entryDate: '2026-12-01',
  addedBy: 'u:1',
  addedAt: '2026-12-01T16:00:00Z',
};

describe('positions', () => {
  it('defaults stop and target from config: long 8 % below / 20 % above, short the other way', () => {
    expect(defaultLevels('long', 50, 0.08, 0.2)).toEqual({ stopLoss: 46, profitTarget: 60 });
    expect(defaultLevels('short', 50, 0.08, 0.2)).toEqual({ stopLoss: 54, profitTarget: 40 });
    const { position } = openPosition(emptyTenant(), base, defaults);
    expect(position).toMatchObject({ id: 'P1', stopLoss: 46, profitTarget: 60, multiplier: 1 });
  });

  it('closes part, then the rest, journaling realized P&L; never mutates the input', () => {
    const a = openPosition(emptyTenant(), base, defaults).doc;
    const b = closePosition(a, 'P1', { quantity: 40, price: 55, date: '2026-12-02', by: 'u:1' });
    expect(b.trade.pnl).toBe(200); // 40 × (55 − 50)
    expect(b.remaining).toBe(60);
    expect(a.positions[0]?.quantity).toBe(100);
    const c = closePosition(b.doc, 'P1', { price: 45, date: '2026-12-03', by: 'u:1' });
    expect(c.trade.pnl).toBe(-300); // 60 × (45 − 50)
    expect(c.doc.positions).toHaveLength(0);
    expect(c.doc.journal.map((t) => t.pnl)).toEqual([200, -300]);
  });

  it('a short option gains when the premium falls: P&L uses the 100 multiplier', () => {
    const a = openPosition(
      emptyTenant(),
      { ...base, side: 'short', quantity: 2, entryPrice: 1.5, option: { type: 'put', strike: 45, expiry: '2026-12-18' } },
      defaults,
    ).doc;
    const t = closePosition(a, 'P1', { price: 0.5, date: '2026-12-05', by: 'u:1' }).trade;
    expect(t.pnl).toBeCloseTo(200, 10); // −1 × (0.5 − 1.5) × 2 × 100
  });

  it('a trade closed today counts from the previous mark; a short option carried overnight included', () => {
    const a = openPosition(
      emptyTenant(),
      { ...base, side: 'short', quantity: 2, entryPrice: 1.5, option: { type: 'put', strike: 45, expiry: '2026-12-18' } },
      defaults,
    ).doc;
    const t = closePosition(a, 'P1', { price: 0.5, date: '2026-12-05', by: 'u:1' }).trade;
    expect(closedTradeDailyPnl(t, '2026-12-05', 0.8)).toBeCloseTo(60, 10); // −1 × (0.5 − 0.8) × 2 × 100, not the whole +200
    expect(closedTradeDailyPnl(t, '2026-12-05', undefined)).toBeNaN();
    expect(closedTradeDailyPnl({ ...t, entryDate: '2026-12-05' }, '2026-12-05', 0.8)).toBeCloseTo(200, 10);
    expect(closedTradeDailyPnl(t, '2026-12-06', 0.8)).toBe(0);
  });

  it('refuses closing more than held, another user’s position, and bad numbers', () => {
    const doc = openPosition(emptyTenant(), base, defaults).doc;
    expect(() => closePosition(doc, 'P1', { quantity: 101, price: 50, date: 'd', by: 'u:1' })).toThrow(BookError);
    expect(() => findPosition(doc, 'u:2', 'P1')).toThrow(expect.objectContaining({ code: 'NOT_YOURS' }));
    expect(() => findPosition(doc, 'u:1', 'P9')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(findPosition(doc, 'u:1', 'abcd').id).toBe('P1');
    expect(() => openPosition(doc, { ...base, quantity: 0 }, defaults)).toThrow(expect.objectContaining({ code: 'BAD_QUANTITY' }));
    expect(() => openPosition(doc, { ...base, quantity: -5 }, defaults)).toThrow(expect.objectContaining({ code: 'BAD_QUANTITY' }));
  });
});

describe('journal and equity statistics (hand-worked)', () => {
  const trade = (pnl: number): Trade => ({
    positionId: 'P1',
    owner: 'u',
    symbol: 'X',
    label: 'X',
    side: 'long',
    quantity: 1,
    multiplier: 1,
    entryPrice: 1,
    exitPrice: 1,
    entryDate: 'd',
    exitDate: 'd',
    pnl,
    returnPct: 0,
    closedBy: 'u',
  });

  it('wins 100 and 200, losses 50 and 25: win rate 50 %, PF 4, averages 150 / 37.5, Kelly 0.375', () => {
    const s = journalStats([100, -50, 200, -25].map(trade));
    expect(s).toMatchObject({
      trades: 4,
      wins: 2,
      losses: 2,
      winRate: 0.5,
      profitFactor: 4,
      averageWin: 150,
      averageLoss: 37.5,
      expectancy: 56.25,
      realized: 225,
    });
    // Kelly = W − (1 − W) / R, R = 150 / 37.5 = 4 → 0.5 − 0.125.
    expect(s.kelly).toBeCloseTo(0.375, 12);
  });

  it('no losses: profit factor and Kelly are n/a, not infinite', () => {
    const s = journalStats([10, 20].map(trade));
    expect(s.profitFactor).toBeNaN();
    expect(s.kelly).toBeNaN();
    expect(journalStats([]).winRate).toBeNaN();
  });

  it('equity curve 100 → 110 → 99 → 105: max drawdown 10 %, Sharpe from the daily returns', () => {
    let snaps = [100, 110, 99, 105].map((equity, i) => ({ date: `2026-12-0${i + 1}`, equity, marks: {} }));
    snaps = upsertSnapshot(snaps, { date: '2026-12-04', equity: 105, marks: {} });
    const e = equityStats(snaps);
    expect(e.maxDrawdown).toBeCloseTo(0.1, 12); // 1 − 99/110
    const r = [0.1, 99 / 110 - 1, 105 / 99 - 1];
    const m = r.reduce((a, b) => a + b, 0) / 3;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
    expect(e.sharpe).toBeCloseTo((m / sd) * Math.sqrt(252), 10);
    expect(e.days).toBe(4);
  });
});

describe('sizing (hand-worked)', () => {
  const rules = { riskPerTrade: 0.01, maxPositionPct: 0.1, kellyCap: 0.25 };

  it('risk $1,000 over a $4 stop is 250 shares, capped at 10 % of $100k = 200 shares', () => {
    const r = sizePosition(100_000, 50, 4, rules);
    expect(r).toMatchObject({ byRisk: 250, byPositionCap: 200, units: 200, binding: 'position cap' });
  });

  it('a tighter position is set by risk; Kelly 5 % caps at 100 shares; no edge sizes 0', () => {
    expect(sizePosition(100_000, 50, 10, rules)).toMatchObject({ units: 100, binding: 'risk' });
    expect(sizePosition(100_000, 50, 4, rules, 0.05)).toMatchObject({ units: 100, binding: 'kelly', kellyFraction: 0.05 });
    expect(sizePosition(100_000, 50, 4, rules, 0.9).kellyFraction).toBe(0.25);
    expect(sizePosition(100_000, 50, 4, rules, -0.2).units).toBe(0);
  });

  it('options: $2.50 premium all at risk → 4 contracts from a $1,000 budget', () => {
    expect(sizePosition(100_000, 250, 250, rules)).toMatchObject({ units: 4, binding: 'risk' });
  });
});

describe('entry checks', () => {
  const rules = {
    maxPortfolioRisk: 0.06,
    maxPositions: 2,
    maxPositionPct: 0.1,
    maxSectorPct: 0.3,
    maxCorrelation: 0.7,
    deltaWindow: [0.2, 0.8] as const,
    maxThetaPctPerDay: 0.03,
    minAvgVolume: 200_000,
    maxAdvPct: 0.01,
    minOpenInterest: 10,
    maxSpreadPct: 0.5,
  };
  const held = [
    { id: 'P1', symbol: 'ABCD', label: 'ABCD', sector: 'Technology', cost: 20_000, riskAtStop: 3_000 },
    { id: 'P2', symbol: 'EFGH', label: 'EFGH', sector: 'Technology', cost: 15_000, riskAtStop: 2_500 },
  ];

  it('warns on each seed check and only then', () => {
    const w = entryChecks(
      {
        symbol: 'ABCD',
        label: 'ABCD 2026-12-18 25 call',
        sector: 'Technology',
        isOption: true,
        cost: 12_000,
        riskAtStop: 1_000,
        delta: 0.95,
        thetaPctPerDay: 0.05,
        quantity: 5,
        openInterest: 3,
        spreadPct: 0.8,
      },
      held,
      100_000,
      rules,
      [{ symbol: 'EFGH', rho: 0.82 }],
    );
    expect(w.map((x) => x.code).sort()).toEqual([
      'CORRELATION',
      'DUPLICATE',
      'GREEKS',
      'GREEKS',
      'LIQUIDITY',
      'LIQUIDITY',
      'MAX_POSITIONS',
      'PORTFOLIO_RISK',
      'POSITION_SIZE',
      'SECTOR',
    ]);
    const clean = entryChecks(
      { symbol: 'WXYZ', label: 'WXYZ', sector: 'Energy', isOption: false, cost: 5_000, riskAtStop: 400, quantity: 100, avgVolume: 1_000_000 },
      held.slice(0, 1),
      100_000,
      rules,
      [{ symbol: 'ABCD', rho: 0.3 }],
    );
    expect(clean).toEqual([]);
  });
});
