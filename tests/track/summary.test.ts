/** Per-preset statistics of the track record, against hand-computed values. */
import { describe, expect, it } from 'vitest';
import type { TrackPickRow } from '../../src/track/index.js';
import { cumulative, median, summarize } from '../../src/track/summary.js';

const row = (preset: string, day: string, d1: number | null, d5: number | null, b1: number | null, pnl: number | null = null): TrackPickRow => ({
  symbol: 'X',
  preset,
  origin: 'morning',
  postedAt: `${day}T14:45:00.000Z`,
  entry: 10,
  returns: { d1, d5, d20: null },
  benchmark: { d1: b1, d5: null, d20: null },
  idea: pnl === null ? null : { contract: 'X1', entry: 1, mark: 1 + pnl, markedBy: 'quote', pnl },
});

describe('track summary', () => {
  it('median of odd and even counts, null when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts only due returns: hit rate, average, median and the benchmark over the same picks', () => {
    const rows = [
      row('momentum', '2026-12-01', 0.1, null, 0.01, 0.5),
      row('momentum', '2026-12-01', -0.05, null, 0.02),
      row('momentum', '2026-12-02', 0.02, null, null),
      row('momentum', '2026-12-03', null, null, null),
      row('default', '2026-12-01', -0.01, 0.03, 0),
    ];
    const [def, mom] = summarize(rows);
    expect(mom?.preset).toBe('momentum');
    expect(mom?.picks).toBe(4);
    expect(mom?.d1).toEqual({ n: 3, hitRate: 2 / 3, average: expect.closeTo(0.07 / 3, 12), median: 0.02, benchmark: expect.closeTo(0.015, 12) });
    expect(mom?.d5).toEqual({ n: 0, hitRate: null, average: null, median: null, benchmark: null });
    expect(mom?.ideas).toEqual({ n: 1, average: 0.5 });
    expect(def?.d5.average).toBe(0.03);
  });

  it('compounds each post day’s average one-day return', () => {
    const rows = [row('m', '2026-12-01', 0.1, null, 0.01), row('m', '2026-12-01', -0.02, null, 0.01), row('m', '2026-12-02', 0.05, null, -0.02)];
    const c = cumulative(rows, (r) => r.postedAt.slice(0, 10));
    expect(c.days).toEqual(['2026-12-01', '2026-12-02']);
    expect(c.picks[0]).toBeCloseTo(0.04, 12);
    expect(c.picks[1]).toBeCloseTo(1.04 * 1.05 - 1, 12);
    expect(c.benchmark[1]).toBeCloseTo(1.01 * 0.98 - 1, 12);
  });
});
