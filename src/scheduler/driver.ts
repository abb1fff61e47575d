/**
 * What makes the scheduler tick. On a real-time clock, node-cron fires a tick at the top of
 * every New York minute (slots are whole minutes) with `noOverlap`; on a `TRACKER_CLOCK` that
 * is offset or accelerated, a timer loop ticks about four times per clock minute, since
 * node-cron's timers only follow the wall clock. Either way the tick itself decides what is
 * due by reading the bot's clock, and one tick runs at start to catch up missed slots.
 */
import cron from 'node-cron';
import type { Clock } from '../clock.js';
import { NY } from '../market/calendar.js';

export interface Driver {
  readonly mode: 'node-cron' | 'timer';
  /** Real time (ms since epoch) the last tick finished, for the health check's scheduler lag. */
  lastTickAt(): number | undefined;
  stop(): Promise<void>;
}

export function isRealTime(clock: Clock): boolean {
  return clock.speed === 1 && Math.abs(clock.now().getTime() - Date.now()) < 2000;
}

export function startDriver(clock: Clock, work: () => Promise<void>, opts: { tickMs?: number } = {}): Driver {
  let last: number | undefined;
  const tick = () =>
    work().finally(() => {
      last = Date.now();
    });
  const lastTickAt = () => last;
  let inflight: Promise<void> = tick();
  const run = () => {
    inflight = tick();
    return inflight;
  };
  if (isRealTime(clock) && opts.tickMs === undefined) {
    const task = cron.schedule('0 * * * * *', run, { timezone: NY, noOverlap: true, name: 'tracker-scheduler' });
    return {
      mode: 'node-cron',
      lastTickAt,
      async stop() {
        await task.destroy();
        await inflight;
      },
    };
  }
  const every = opts.tickMs ?? Math.min(1000, Math.max(50, 60_000 / clock.speed / 4));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    await run();
    if (!stopped) timer = setTimeout(() => void loop(), every);
  };
  void inflight.then(() => {
    if (!stopped) timer = setTimeout(() => void loop(), every);
  });
  return {
    mode: 'timer',
    lastTickAt,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inflight;
    },
  };
}
