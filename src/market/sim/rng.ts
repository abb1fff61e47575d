/** Small deterministic randomness for the simulated market: same seed, same market. */
import { mulberry32, normalSampler } from '../../core/random.js';

/** 32-bit FNV-1a hash of a string, mixed with a seed. */
export function hash(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Marsaglia polar). */
  normal(): number;
  range(lo: number, hi: number): number;
  int(lo: number, hiInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The project's mulberry32 and Marsaglia polar sampler (src/core/random.ts), with helpers for the simulator. */
export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const normal = normalSampler(next);
  return {
    next,
    normal,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
  };
}
