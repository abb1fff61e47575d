/**
 * Today's change is the provider's, or price − previous close; with neither it is unknown — absent in
 * the quote, n/a in /quote's text, null in its --json — never a made-up 0 (a 0 would also keep a
 * "move 5 %" alert quiet on a day the stock moved). Reference values by hand.
 */
import { describe, expect, it } from 'vitest';
import { checkQuote } from '../../src/core/scanner/filters.js';
import { mapQuote } from '../../src/market/yahoo/map.js';

const NOW = new Date('2026-12-01T16:00:00Z');
const base = { symbol: 'CRON', regularMarketPrice: 2.5, regularMarketTime: new Date('2026-12-01T15:59:00Z') };

describe("a quote's change", () => {
  it('is the provider’s when given', () => {
    const q = mapQuote({ ...base, regularMarketChange: 0.1, regularMarketChangePercent: 4.1667, regularMarketPreviousClose: 2.4 }, NOW);
    expect([q?.change, q?.changePercent]).toEqual([0.1, 4.1667]);
  });

  it('is price − previous close without the provider’s figure: 2.5 − 2.4 = 0.1, 0.1 / 2.4 = 4.1667 %', () => {
    const q = mapQuote({ ...base, regularMarketPreviousClose: 2.4 }, NOW);
    expect(q?.change).toBeCloseTo(0.1, 12);
    expect(q?.changePercent).toBeCloseTo(4.166666666666667, 12);
  });

  it('is absent with neither, and a change filter then reads n/a and does not pass', () => {
    const q = mapQuote(base, NOW);
    expect(q).toBeDefined();
    expect(q?.change).toBeUndefined();
    expect(q?.changePercent).toBeUndefined();
    const v = checkQuote({ price: 2.5 }, { price: [1, 20], marketCap: [0, Infinity], minAvgVolume: 0, change: [-1, 1] } as never);
    const change = v.checks.find((c) => c.filter === 'change');
    expect(change).toMatchObject({ pass: false, value: 'change today n/a' });
  });
});
