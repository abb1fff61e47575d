/**
 * The simulated universe is drawn lazily (src/market/sim/companies.ts): a start-up that quotes a
 * few names draws only as far as them. The draw is sequential, so however it grows, the companies
 * must be the ones a single full draw gives; the reference is the same seed drawn in one go, and
 * tickers the eager builder (before the lazy draw) gave for seed 11.
 */
import { describe, expect, it } from 'vitest';
import { universeOf } from '../../src/market/sim/companies.js';

describe('lazily drawn simulated universe', () => {
  it('grown piece by piece (first names, a lookup, the rest) it equals the universe drawn in one go', () => {
    const whole = universeOf(11, 400).take(400);
    expect(whole).toHaveLength(400);
    expect([0, 1, 2, 250, 399].map((i) => whole[i]?.symbol)).toEqual(['VZFH', 'OXUT', 'NFNF', 'UUFX', 'BGZO']);
    expect(whole[250]).toMatchObject({ name: 'Verant Micro', startPrice: 2.6574365811350313 });
    // Another count is another (unshared) universe of the same seed: its prefix is the same draw.
    const lazy = universeOf(11, 401);
    expect(lazy.take(3)).toEqual(whole.slice(0, 3));
    const target = whole[250]?.symbol as string;
    expect(lazy.find(target)).toEqual(whole[250]);
    expect(lazy.take(250)).toEqual(whole.slice(0, 250));
    expect(lazy.take(401).slice(0, 400)).toEqual(whole);
    expect(lazy.take(401)).toHaveLength(401);
  });

  it('an unknown ticker draws the whole universe and is not found; a drawn one is the same object every time', () => {
    const u = universeOf(12, 300);
    expect(u.find('NOPE1')).toBeUndefined();
    expect(u.take(1000)).toHaveLength(300);
    const first = u.take(1)[0];
    expect(first && u.find(first.symbol)).toBe(first);
  });

  it('is one shared universe per seed and count, and different seeds draw different names', () => {
    expect(universeOf(11, 400)).toBe(universeOf(11, 400));
    const a = universeOf(13, 50)
      .take(50)
      .map((c) => c.symbol);
    const b = universeOf(14, 50)
      .take(50)
      .map((c) => c.symbol);
    expect(new Set(a).size).toBe(50);
    expect(a).not.toEqual(b);
  });
});
