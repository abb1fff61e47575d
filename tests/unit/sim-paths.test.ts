/**
 * Paths shared between simulators (src/market/sim/paths.ts `recentPath`): a hit must be the path of
 * the very same trading-day list, never one of another calendar's with the same length and last day.
 * Reference: `companyPath` computed directly.
 */
import { describe, expect, it } from 'vitest';
import { universeOf } from '../../src/market/sim/companies.js';
import { companyPath, factorReturns, recentPath } from '../../src/market/sim/paths.js';

const company = universeOf(21, 10).take(1)[0];
const market = factorReturns(21, 'market', 1500, 0.011, 0.0003);
const sector = factorReturns(21, 'sector:0', 1500, 0.007, 0);
const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2023, 0, 3 + i)).toISOString().slice(0, 10));

describe('paths shared between simulators', () => {
  it('returns the computed path again for the same trading-day list, equal to a direct computation', () => {
    if (!company) throw new Error('no company');
    const dates = days(300);
    let made = 0;
    const make = () => {
      made++;
      return companyPath(21, company, dates, market, sector);
    };
    const first = recentPath(21, company, dates, make);
    expect(recentPath(21, company, dates, make)).toBe(first);
    expect(made).toBe(1);
    expect(Array.from(first.close)).toEqual(Array.from(companyPath(21, company, dates, market, sector).close));
  });

  it('computes anew for another list of the same length and last day (another calendar), or another seed', () => {
    if (!company) throw new Error('no company');
    const dates = days(200);
    const other = [...dates];
    other[3] = '2023-01-07';
    const a = recentPath(21, company, dates, () => companyPath(21, company, dates, market, sector));
    const b = recentPath(21, company, other, () => companyPath(21, company, other, market, sector));
    expect(b).not.toBe(a);
    expect(b.dates).toBe(other);
    const c = recentPath(22, company, dates, () => companyPath(22, company, dates, market, sector));
    expect(c).not.toBe(a);
    expect(c.close[150]).not.toBe(a.close[150]);
  });
});
