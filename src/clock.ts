/**
 * The bot's clock. Every scheduled job, market-hours check and as-of stamp reads it, so
 * `TRACKER_CLOCK=<ISO instant>[x<speed>]` can replay any trading day fast.
 */
export interface Clock {
  now(): Date;
  /** Real milliseconds per clock millisecond inverse: 60 means one real second is one clock minute. */
  readonly speed: number;
}

export const systemClock: Clock = { now: () => new Date(), speed: 1 };

/** A clock that starts at `start` and runs `speed` times faster than real time. */
export function acceleratedClock(start: Date, speed = 1, realNow: () => number = Date.now): Clock {
  const origin = realNow();
  return {
    speed,
    now: () => new Date(start.getTime() + (realNow() - origin) * speed),
  };
}

/** A clock tests move by hand. */
export function manualClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let t = start.getTime();
  return {
    speed: 1,
    now: () => new Date(t),
    set: (d) => {
      t = d.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Parses `TRACKER_CLOCK`; returns an error sentence instead of throwing. */
export function parseClockSpec(spec: string): { start: Date; speed: number } | { error: string } {
  const m = /^(.+?)(?:x(\d+(?:\.\d+)?))?$/.exec(spec.trim());
  const start = m?.[1] ? new Date(m[1]) : new Date(NaN);
  const speed = m?.[2] ? Number(m[2]) : 1;
  if (Number.isNaN(start.getTime()) || !/\d{4}-\d{2}-\d{2}T/.test(m?.[1] ?? '')) {
    return { error: `TRACKER_CLOCK "${spec}" is not an ISO-8601 instant such as 2026-12-01T09:40:00-05:00 (optionally followed by x60 for speed).` };
  }
  if (!(speed > 0)) return { error: `TRACKER_CLOCK speed in "${spec}" must be a positive number.` };
  return { start, speed };
}
