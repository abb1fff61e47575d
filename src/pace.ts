/**
 * Cooperative pacing for long synchronous work (the simulator's listing and chains, the scan's
 * per-symbol stages): `pace()` yields to the event loop once the work since the last yield passed
 * a slice, so timers, I/O and other users' commands get their turn. A chain of awaited promises
 * never yields by itself (microtasks run before any timer); `pace()` does, through setImmediate.
 * One slice is shared by every caller in the process, since they share one event loop.
 */

/** Longest stretch of synchronous work between two yields (ms). */
export const SLICE_MS = 5;
let sliceStart = 0;

/** Yields to the event loop when more than {@link SLICE_MS} passed since the last yield; otherwise returns at once. */
export async function pace(): Promise<void> {
  if (performance.now() - sliceStart < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  sliceStart = performance.now();
}

/** `items.filter(keep)` for long lists of cheap checks, yielding between items as {@link pace} does. */
export async function filterPaced<T>(items: readonly T[], keep: (item: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for (const item of items) {
    if (keep(item)) out.push(item);
    await pace();
  }
  return out;
}
