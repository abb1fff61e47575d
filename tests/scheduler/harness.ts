/**
 * A scheduler over a manual clock, a store (memory or a SQLite file), a fake alert source and
 * a recording sender: tests move the clock and call `tick()`.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Reply } from '../../src/chat/reply.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import type { Liveness } from '../../src/store/lease.js';
import type { MarketGateway } from '../../src/market/index.js';
import type { AlertMessage, AlertSource } from '../../src/scheduler/ports.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import type { Slot } from '../../src/schedule/slots.js';
import type { Services } from '../../src/services.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createCalendar } from '../../src/market/calendar.js';

export interface Sent {
  channel: string;
  reply: Reply;
}

export interface Harness {
  clock: ReturnType<typeof manualClock>;
  scheduler: Scheduler;
  services: Services;
  sent: Sent[];
  calls: { intraday: string[]; risk: string[] };
  logs: string[];
  /** What the fake alert source returns next (per call). */
  alerts: (tenant: string, now: Date) => AlertMessage[];
  /** Sets the clock and ticks. */
  at(iso: string): Promise<void>;
  /** Moves the clock minute by minute from now to `iso`, ticking each minute. */
  walk(iso: string, stepMinutes?: number): Promise<void>;
  posts(job?: string): Sent[];
  close(): Promise<void>;
}

const market = { mode: 'fake', quotes: async () => [], status: () => [], close: async () => undefined } as unknown as MarketGateway;

export async function createHarness(
  start: string,
  opts: { storeUrl?: string; store?: Store; platforms?: string[]; liveness?: Liveness; pause?: SchedulerOptions['pause'] } = {},
): Promise<Harness> {
  const config = loadConfig({ env: {}, file: false, overrides: { data: { source: 'sim' }, store: { url: 'memory://' } } });
  const clock = manualClock(new Date(start));
  const store = opts.store ?? (await openStore(opts.storeUrl ?? 'memory://'));
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, cb) => (logs.push(String(chunk)), cb()) }));
  const services: Services = { config, market, store, clock, calendar: createCalendar(config.schedule.extraClosures), logger };
  const sent: Sent[] = [];
  const calls = { intraday: [] as string[], risk: [] as string[] };
  const h = {} as Harness;
  h.alerts = () => [];
  const source: AlertSource = {
    intraday: async (tenant, now) => {
      calls.intraday.push(now.toISOString());
      return h.alerts(tenant, now);
    },
    risk: async (_tenant, now) => {
      calls.risk.push(now.toISOString());
      return [];
    },
  };
  const send = Object.assign(async (channel: string, reply: Reply) => void sent.push({ channel, reply }), {
    platforms: new Set(opts.platforms ?? ['console']),
  });
  const morningPost = async (slot: Slot): Promise<Reply> => ({
    ok: true,
    command: 'morning',
    kind: 'post',
    title: `Morning picks ${slot.date}`,
    data: { job: 'morning', slot: slot.id },
  });
  const scheduler = await createScheduler({
    services,
    send,
    alerts: source,
    tenants: [CONSOLE_TENANT],
    morningPost,
    liveness: opts.liveness,
    pause: opts.pause,
  });
  Object.assign(h, {
    clock,
    scheduler,
    services,
    sent,
    calls,
    logs,
    async at(iso: string) {
      clock.set(new Date(iso));
      await scheduler.tick();
    },
    async walk(iso: string, step = 1) {
      const end = new Date(iso).getTime();
      while (clock.now().getTime() < end) {
        clock.advance(step * 60_000);
        await scheduler.tick();
      }
    },
    posts: (job?: string) => sent.filter((s) => s.reply.kind === 'post' && (!job || (s.reply.data as { job?: string }).job === job)),
    async close() {
      if (!opts.store) {
        await closeDeliveryDb(store);
        await store.close();
      }
    },
  });
  return h;
}
