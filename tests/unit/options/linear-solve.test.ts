import { describe, expect, it } from 'vitest';
import { solveInPlace } from '../../../src/core/options/linear-solve.js';

describe('solveInPlace (rows and columns 1..n)', () => {
  it('solves a system that needs pivoting (zero on the first diagonal) to rounding', () => {
    // [[0, 2, 1], [1, 1, 0], [3, 0, 1]]·x = b with x = (1, −2, 3): b = (−1, −1, 6).
    const rows = [
      [0, 2, 1],
      [1, 1, 0],
      [3, 0, 1],
    ];
    const M = new Float64Array(16);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) M[(i + 1) * 4 + j + 1] = rows[i]![j]!;
    const b = new Float64Array([NaN, -1, -1, 6]);
    expect(solveInPlace(M, b, 3, 4)).toBe(true);
    expect(b[1]).toBeCloseTo(1, 14);
    expect(b[2]).toBeCloseTo(-2, 14);
    expect(b[3]).toBeCloseTo(3, 14);
  });

  it('reports a singular matrix instead of returning garbage', () => {
    const M = new Float64Array(9);
    M.set([0, 0, 0, 0, 1, 2, 0, 2, 4]);
    expect(solveInPlace(M, new Float64Array([0, 1, 1]), 2, 3)).toBe(false);
  });
});
