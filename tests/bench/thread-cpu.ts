/**
 * Reply latency as it would be on a machine to itself: wall time minus the time the main thread was
 * ready to run but waited for a core (Linux's run-queue delay, /proc/thread-self/schedstat). Under
 * load, plain wall time is mostly the scheduler's; CPU time misses what a reply waits for (SQLite
 * in the libuv pool, timers) and process.cpuUsage() also counts V8 compiling and collecting garbage
 * on the other core, which a user never waits for. Where schedstat is missing this is plain wall time.
 */
import { readFileSync } from 'node:fs';

function schedstat(): [number, number] | undefined {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? [(run as number) / 1e6, (wait as number) / 1e6] : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link timed} judges by on this machine. */
export const latencyClock = schedstat() ? 'wall minus run-queue wait' : 'wall';

export interface Timed<T> {
  result: T;
  /** Wall time (ms). */
  wall: number;
  /** Wall time less the main thread's run-queue delay (ms): the latency on an idle machine. */
  idle: number;
  /** The main thread's CPU time (ms); NaN without schedstat. */
  main: number;
  /** The whole process's CPU time, every thread (ms). */
  process: number;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const s0 = schedstat();
  const t0 = performance.now();
  const result = await fn();
  const wall = performance.now() - t0;
  const s1 = schedstat();
  const c = process.cpuUsage(c0);
  const queued = s0 && s1 ? s1[1] - s0[1] : 0;
  return { result, wall, idle: wall - queued, main: s0 && s1 ? s1[0] - s0[0] : NaN, process: (c.user + c.system) / 1000 };
}
