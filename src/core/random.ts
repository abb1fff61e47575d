/**
 * The one seeded generator and normal sampler of the project: Monte Carlo VaR and the simulated
 * market draw from these, so a seed means the same numbers everywhere.
 */

/** Uniform generator on [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): period 2³², fast and good enough for VaR
 * sampling, not for cryptography. Returns values k / 2³² in [0, 1).
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws by the Marsaglia polar method (rejection of points outside the unit disc,
 * so no trigonometry and no log(0)); each accepted pair yields two independent normals.
 */
export function normalSampler(rng: Rng): () => number {
  let spare = NaN;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng() - 1;
      v = 2 * rng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  };
}
