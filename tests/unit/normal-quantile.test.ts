/**
 * The core's one inverse normal (AS 241): VaR's z-values and the IV solver's start use the same
 * function. References: mpmath 1.3 at 340 digits, √2·erfinv(2p − 1) at the exact binary value of p.
 */
import { describe, expect, it } from 'vitest';
import { inverseNormCdf, normCdf } from '../../src/core/options/index.js';
import { normalQuantile } from '../../src/core/risk/index.js';

const REFERENCE: [number, number][] = [
  [0.5 + 2 ** -20, 2.390507006295574061282e-6],
  [0.95, 1.644853626951472284276],
  [1e-300, -37.04709629936119923655],
  [0.999999, 4.753424308817087765688],
  [0.02425, -1.972961051311884837603],
  [0.3, -0.5244005127080408159695],
];

describe('inverse standard normal', () => {
  it('is one function for risk and options', () => {
    expect(inverseNormCdf).toBe(normalQuantile);
  });

  it.each(REFERENCE)('Φ⁻¹(%s) is within 1e-15 relative of mpmath', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z) / Math.abs(z)).toBeLessThan(1e-15);
  });

  it('inverts Φ and handles the ends', () => {
    for (const p of [1e-12, 0.01, 0.2, 0.5, 0.8, 0.99]) expect(normCdf(normalQuantile(p))).toBeCloseTo(p, 15);
    expect([normalQuantile(0), normalQuantile(1), normalQuantile(0.5)]).toEqual([-Infinity, Infinity, 0]);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
