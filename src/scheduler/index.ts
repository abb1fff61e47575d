/**
 * The scheduler's public face: `startScheduler` wires the runner to the running chat adapters
 * and starts the driver; `pauseHookFromEnv` is the crash-test hook (TRACKER_PAUSE_AT).
 */
import type { ChatAdapter } from '../chat/adapter.js';
import { closeDeliveryDb } from '../delivery/db.js';
import { channelSender } from '../delivery/dispatcher.js';
import type { Services } from '../services.js';
import { startDriver, type Driver } from './driver.js';
import type { AlertSource, SummarySource, WatchSource } from './ports.js';
import { createScheduler, type PausePoint, type Scheduler, type SchedulerOptions } from './scheduler.js';
import { CONSOLE_TENANT } from './settings.js';

export { createScheduler, type Scheduler, type SchedulerOptions, type PausePoint } from './scheduler.js';
export { planDay, nextSlot, JOBS, JOB_TITLES, type JobName, type Slot } from './slots.js';
export type { AlertMessage, AlertSource, AlertSeverity, SummarySource, WatchSource, DaySummaryLine } from './ports.js';
export { getTenantSettings, updateTenantSettings, listTenants, CONSOLE_TENANT, CONSOLE_CHANNEL, type TenantSettings } from './settings.js';

export interface RunningScheduler {
  scheduler: Scheduler;
  driver: Driver;
  stop(): Promise<void>;
}

export interface StartOptions {
  alerts?: AlertSource;
  summary?: SummarySource;
  watch?: WatchSource;
  pause?: SchedulerOptions['pause'];
  tickMs?: number;
}

/** Starts scheduled jobs for the given running adapters; the console tenant is served when the console runs. */
export async function startScheduler(services: Services, adapters: readonly ChatAdapter[], opts: StartOptions = {}): Promise<RunningScheduler> {
  const send = channelSender(adapters);
  const scheduler = await createScheduler({
    services,
    send,
    alerts: opts.alerts,
    summary: opts.summary,
    watch: opts.watch,
    tenants: send.platforms.has('console') ? [CONSOLE_TENANT] : [],
    pause: opts.pause,
  });
  const driver = startDriver(services.clock, () => scheduler.tick(), { tickMs: opts.tickMs });
  services.logger.info({ mode: driver.mode }, 'scheduler started');
  return {
    scheduler,
    driver,
    async stop() {
      await driver.stop();
      await closeDeliveryDb(services.store);
    },
  };
}

/**
 * `TRACKER_PAUSE_AT=run-claimed:30000` (or `outbox-claimed:…`) holds the bot at that point for
 * the given real milliseconds and says so on stderr: the crash tests SIGKILL it there.
 */
export function pauseHookFromEnv(env: NodeJS.ProcessEnv): SchedulerOptions['pause'] {
  const m = /^(run-claimed|outbox-claimed):(\d+)$/.exec(env.TRACKER_PAUSE_AT ?? '');
  if (!m) return undefined;
  const [point, ms] = [m[1] as PausePoint, Number(m[2])];
  return async (at, key) => {
    if (at !== point) return;
    process.stderr.write(`TRACKER_PAUSED ${at} ${key}\n`);
    await new Promise((ok) => setTimeout(ok, ms));
  };
}
