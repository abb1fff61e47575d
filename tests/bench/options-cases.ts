/**
 * Shared pieces of the options benchmarks (options.ts, options-american.ts): the seeded workload and
 * rates per CPU-second (best of several rounds, robust to other processes on the machine).
 */

import { blackScholesInto } from '../../src/core/options/index.js';

export interface Case {
  call: boolean;
  S: number;
  K: number;
  T: number;
  r: number;
  v: number;
  price: number;
}
export function cases(n: number, seed = 7): Case[] {
  let x = seed;
  const rnd = () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
  const out: Case[] = [];
  const o = new Float64Array(6);
  while (out.length < n) {
    const call = rnd() < 0.5,
      S = 100,
      K = 100 * (0.7 + 0.6 * rnd()),
      T = 7 / 365 + 2 * rnd() * rnd(),
      r = 0.05 * rnd(),
      v = 0.1 + 0.9 * rnd();
    const price = blackScholesInto(o, call, S, K, T, r, 0, v)[0]!;
    // Skip vega-limited prices (one rounding of the price moves the vol by > 1e-11): no solver can do better.
    if (price > 1e-3 && 2.2e-16 * price < 1e-11 * v * o[3]!) out.push({ call, S, K, T, r, v, price });
  }
  return out;
}

/** Work items per second of process CPU time, best of `rounds` rounds of at least `minMs` each. */
export function rate(fn: () => number, work: number, minMs = 250, rounds = 5): number {
  fn(); // warm up
  let best = 0;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let reps = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    do {
      sink += fn();
      reps++;
    } while (performance.now() - t0 < minMs);
    const c = process.cpuUsage(c0);
    best = Math.max(best, (work * reps) / ((c.user + c.system) / 1e6));
  }
  if (sink === 42.4242) console.log('');
  return best;
}

/** Like {@link rate} for several functions at once, interleaved round by round so load spikes hit all alike. */
export function rates(fns: (() => number)[], work: number[], minMs = 250, rounds = 5): number[] {
  const best = fns.map(() => 0);
  let sink = 0;
  for (const fn of fns) sink += fn();
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      let reps = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      do {
        sink += fn();
        reps++;
      } while (performance.now() - t0 < minMs);
      const c = process.cpuUsage(c0);
      best[k] = Math.max(best[k]!, (work[k]! * reps) / ((c.user + c.system) / 1e6));
    });
  }
  if (sink === 42.4242) console.log('');
  return best;
}

export type Row = { task: string; ours: number; oursErr: number; peers: Record<string, { rate: number; err: number } | null> };
