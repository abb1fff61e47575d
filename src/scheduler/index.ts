/**
 * The scheduler's public face: `startScheduler` wires the runner to the running chat adapters
 * and starts the driver; `pauseHookFromEnv` is the crash-test hook (TRACKER_PAUSE_AT).
 */
import type { ChatAdapter } from '../chat/adapter.js';
import { closeDeliveryDb } from '../delivery/db.js';
import { channelSender } from '../delivery/dispatcher.js';
import { routeAlerts } from '../delivery/route.js';
import type { Clock } from '../clock.js';
import type { Services } from '../services.js';
import { seedDemoPortfolio } from './demo.js';
import { dailyPruner } from './prune.js';
import { startDriver, type Driver } from './driver.js';
import { portfolioAlertSource, portfolioSummary } from './portfolio.js';
import { withPriceAlerts } from './jobs/alerts.js';
import type { AlertSource, SummarySource, WatchSource } from './ports.js';
import { createScheduler, type PausePoint, type Scheduler, type SchedulerOptions } from './scheduler.js';
import { CONSOLE_TENANT, listTenants } from '../store/settings.js';
import { watchlists } from '../store/watchlist.js';

export { seedConsoleDemo } from './demo.js';
export { createScheduler, type Scheduler, type SchedulerOptions, type PausePoint } from './scheduler.js';
export { planDay, nextSlot, JOBS, JOB_TITLES, type JobName, type Slot } from '../schedule/slots.js';
export type { AlertMessage, AlertSource, AlertSeverity, SummarySource, WatchSource, DaySummaryLine } from './ports.js';
export { getTenantSettings, updateTenantSettings, listTenants, CONSOLE_TENANT, CONSOLE_CHANNEL, type TenantSettings } from '../store/settings.js';

export interface RunningScheduler {
  scheduler: Scheduler;
  driver: Driver;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Seed a demo portfolio for the console tenant when it has none (simulated market only). */
  demo?: boolean;
  /** Defaults to the portfolio module's rules. */
  alerts?: AlertSource;
  summary?: SummarySource;
  watch?: WatchSource;
  pause?: SchedulerOptions['pause'];
  tickMs?: number;
}

/**
 * Starts scheduled jobs for the given running adapters: the portfolio's alerts and summaries,
 * watchlists for the IV snapshot; the console tenant is served when the console runs.
 */
export async function startScheduler(services: Services, adapters: readonly ChatAdapter[], opts: StartOptions = {}): Promise<RunningScheduler> {
  // Personal alerts go by DM or mention when their owner asked for it (/alerts deliver).
  const send = routeAlerts(channelSender(adapters), services.store, services.logger);
  const always = send.platforms.has('console') ? [CONSOLE_TENANT] : [];
  if (opts.demo && always.length && services.config.data.source === 'sim') {
    const seeded = await seedDemoPortfolio(services, CONSOLE_TENANT, 'console:user').catch((err: unknown) => {
      services.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'demo portfolio not seeded');
      return [];
    });
    if (seeded.length) services.logger.info({ symbols: seeded }, 'seeded a demo portfolio for the console');
  }
  const lists = watchlists(services.store);
  const watch: WatchSource = opts.watch ?? {
    symbols: async () => (await Promise.all((await listTenants(services.store, always)).map((t) => lists.list(t)))).flat(),
  };
  const scheduler = await createScheduler({
    services,
    send,
    alerts: opts.alerts ?? withPriceAlerts(services, portfolioAlertSource(services)),
    summary: opts.summary ?? portfolioSummary(services),
    watch,
    tenants: always,
    pause: opts.pause,
  });
  const prune = dailyPruner(services);
  const driver = startDriver(
    services.clock,
    async () => {
      await scheduler.tick();
      await prune();
    },
    { tickMs: opts.tickMs },
  );
  services.logger.info({ mode: driver.mode }, 'scheduler started');
  return {
    scheduler,
    driver,
    async stop() {
      // The tick in flight finishes first; whatever this process still holds (a run that failed
      // and waits for a retry) is then released, so another replica takes it over without waiting for the lease.
      await driver.stop();
      const released = await Promise.all([scheduler.ledger.release(), scheduler.outbox.release()]).catch((err: unknown) => {
        services.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'claims not released; they expire with their lease');
        return [0, 0];
      });
      if (released.some((n) => n > 0)) services.logger.info({ runs: released[0], messages: released[1] }, 'claims released');
      await closeDeliveryDb(services.store);
    },
  };
}

/**
 * Whether a console session runs the scheduler: at a terminal, with `--schedule`, or on an
 * accelerated `TRACKER_CLOCK` (a replay is for watching the jobs). Piped input at normal speed is
 * a batch of commands that ends with its input, where posts would interleave with the replies.
 */
export function consoleSchedules(opts: { interactive: boolean; flag?: boolean; clock: Clock }): boolean {
  return opts.interactive || !!opts.flag || opts.clock.speed > 1;
}

/**
 * `TRACKER_PAUSE_AT=run-claimed:30000` (or `outbox-claimed:…`) holds the bot at that point for
 * the given real milliseconds and says so on stderr: the crash tests SIGKILL it there.
 */
export function pauseHookFromEnv(env: NodeJS.ProcessEnv): SchedulerOptions['pause'] {
  // `<point>:<ms>[:<key prefix>]`, e.g. run-claimed:120000:morning pauses only the morning post.
  const m = /^(run-claimed|outbox-claimed):(\d+)(?::(.+))?$/.exec(env.TRACKER_PAUSE_AT ?? '');
  if (!m) return undefined;
  const [point, ms, prefix] = [m[1] as PausePoint, Number(m[2]), m[3] ?? ''];
  return async (at, key) => {
    if (at !== point || !key.startsWith(prefix)) return;
    process.stderr.write(`TRACKER_PAUSED ${at} ${key}\n`);
    await new Promise((ok) => setTimeout(ok, ms));
  };
}
