/**
 * The job runner. It reads the bot's clock, never the wall clock: `TRACKER_CLOCK` may run the
 * day 60× faster or start it in the past, and node-cron's timers follow real time only (and
 * cannot know holidays or replay missed runs). So each tick asks the day plan (slots.ts) which
 * slots are due at `clock.now()` in New York and runs them:
 *
 *   due slot → per target (tenant, channel): claim in the run ledger → build the message →
 *   write it to the outbox under the run key → mark the run done → the dispatcher sends it.
 *
 * Restarts and second instances are safe because the ledger claim and the outbox row are the
 * source of truth, not this process's memory. A slot missed while the bot was down is caught
 * up inside its grace window, else recorded as skipped with one warning. Intraday and risk
 * checks only run the latest due slot, and only while the session is open. What drives the
 * ticks (node-cron in real time, a timer loop for accelerated clocks) is driver.ts.
 */
import type { Reply } from '../chat/reply.js';
import { deliveryDb } from '../delivery/db.js';
import { createDispatcher, type ChannelSender, type Dispatcher } from '../delivery/dispatcher.js';
import { processOwner, withRenewal, type Liveness, type Owner } from '../store/lease.js';
import { createOutbox, type Outbox } from '../store/outbox.js';
import type { Services } from '../services.js';
import { SIM_SOURCE } from '../market/sim/index.js';
import { buildDaySummary } from './jobs/eod.js';
import { createSnapshotWarmer } from './jobs/snapshots.js';
import { recordMorning } from './jobs/track.js';
import { expiryAlerts } from './jobs/expiry.js';
import { loadPicks } from '../store/picks.js';
import type { AlertMessage, AlertSource, SummarySource, WatchSource } from './ports.js';
import { createRunLedger, runKey, type RunKey, type RunLedger } from '../store/runs.js';
import { getTenantSettings, listTenants } from '../store/settings.js';
import { JOBS, planDay, type JobName, type Slot } from '../schedule/slots.js';

/** `alert-queued`: an alert is in the outbox but the check's transaction (rule state included) is not committed. */
export type PausePoint = 'run-claimed' | 'outbox-claimed' | 'alert-queued';

export interface SchedulerOptions {
  services: Services;
  /** Sends to a platform-prefixed channel; `platforms` (from channelSender) limits targets to running adapters. */
  send: ChannelSender & { platforms?: Set<string> };
  alerts?: AlertSource;
  summary?: SummarySource;
  watch?: WatchSource;
  /** Tenants served even without stored settings (the console tenant when the console runs). */
  tenants?: readonly string[];
  owner?: Owner;
  liveness?: Liveness;
  /** Test hook between a claim and the work it covers. */
  pause?: (point: PausePoint, key: string) => Promise<void>;
  /** Real-time sleep for 429 waits (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  maxIvSymbols?: number;
  /** Builds the morning post (defaults to the scan); tests pass a fixed one. */
  morningPost?: (slot: Slot) => Promise<Reply>;
}

export interface Scheduler {
  /** Runs what is due at `clock.now()` and flushes the outbox. Concurrent calls share one pass. */
  tick(): Promise<void>;
  readonly ledger: RunLedger;
  readonly outbox: Outbox;
  readonly dispatcher: Dispatcher;
}

const sourceLabel = (mode: string): string => (mode === SIM_SOURCE ? `${mode} (simulated data, not real prices)` : mode);

interface Target {
  tenant: string;
  channel: string;
}

export async function createScheduler(opts: SchedulerOptions): Promise<Scheduler> {
  const { services } = opts;
  const { clock, logger, config } = services;
  const cal = services.calendar;
  const db = await deliveryDb(services.store);
  const owner = opts.owner ?? processOwner();
  const ledger = createRunLedger(db, owner, { liveness: opts.liveness });
  const outbox = createOutbox(db, owner, { liveness: opts.liveness });
  const dispatcher = createDispatcher({ outbox, send: opts.send, clock, logger, sleep: opts.sleep, pause: opts.pause });
  const handled = new Set<string>();
  const retryAt = new Map<string, { at: number; delay: number }>();
  const said = new Set<string>();
  const posts = new Map<string, Promise<Reply>>();
  let running: Promise<void> | undefined;
  // Scan snapshots matter where requests are budgeted (live Yahoo); offline data needs no warming.
  const warmer = services.market.budget?.() ? createSnapshotWarmer(services) : undefined;

  const once = (key: string, log: () => void) => {
    if (!said.has(key)) log();
    said.add(key);
  };
  const runs = (platform: string) => !opts.send.platforms || opts.send.platforms.has(platform);

  async function tenants(): Promise<string[]> {
    // A failing alert source must not stop posts to the tenants we know; it is logged.
    const fromAlerts =
      (await opts.alerts
        ?.tenants?.()
        .catch((err: unknown) => (logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'alert tenants unavailable'), []))) ?? [];
    return listTenants(services.store, [...(opts.tenants ?? []), ...fromAlerts]);
  }

  async function targets(job: JobName): Promise<Target[]> {
    if (job === 'iv' || job === 'chains') return [{ tenant: '*', channel: '-' }];
    if ((job === 'intraday' || job === 'risk') && !opts.alerts) return [];
    const out: Target[] = [];
    for (const tenant of await tenants()) {
      const s = await getTenantSettings(services.store, tenant);
      const channel = job === 'morning' ? s.picksChannel : (s.alertsChannel ?? s.picksChannel);
      if (channel && runs(channel.split(':')[0] ?? '')) out.push({ tenant, channel });
    }
    return out;
  }

  const alertReply = (m: AlertMessage, job: JobName, slot: Slot): Reply => ({
    ok: true,
    command: 'alert',
    kind: 'alert',
    // "⚠ ALERT Alert" told a trader nothing before the text: the text's own lead ("Stop loss hit") is the title.
    title: m.title ?? /^([^:.]{3,40}):/.exec(m.text)?.[1] ?? (m.severity === 'error' ? 'Alert' : 'Heads-up'),
    text: m.text,
    severity: m.severity,
    // The alert quotes prices: say where they came from, and that simulated ones are not real.
    footer: `${sourceLabel(services.market.mode)} · ${job === 'risk' ? 'risk check' : job === 'eod' ? 'after the close' : 'intraday check'} ${slot.id.slice(11)} ET`,
    // A personal book's alert names its owner; delivery routes it by their preference. Shared-book alerts go to the channel.
    ...(m.user && /^[a-z]+:/.test(m.user) ? { recipient: { tenant: m.tenant, user: m.user } } : {}),
    data: { job, slot: slot.id, key: m.key, tenant: m.tenant, user: m.user, severity: m.severity, detail: m.data },
  });

  async function deliverAlerts(job: JobName, slot: Slot, t: Target, msgs: AlertMessage[]): Promise<string> {
    let fresh = 0;
    for (const m of msgs.filter((x) => x.tenant === t.tenant)) {
      if (
        await outbox.put(
          { id: `alert|${t.tenant}|${m.key}`, kind: 'alert', tenant: t.tenant, channel: t.channel, day: slot.date, reply: alertReply(m, job, slot) },
          clock.now(),
        )
      )
        fresh++;
    }
    return `${msgs.length} alerts, ${fresh} new`;
  }

  // Alerts reach the outbox before the source saves the state that fired them; the returned list is
  // put again afterwards, which the outbox ignores by id (and which covers sources without a sink).
  const sinkFor = (job: JobName, slot: Slot, t: Target) => async (msgs: AlertMessage[]) => {
    await deliverAlerts(job, slot, t, msgs);
    const first = msgs.find((m) => m.tenant === t.tenant);
    if (first) await opts.pause?.('alert-queued', `alert|${t.tenant}|${first.key}`);
  };

  // The scan and the option math load on first use: most ticks need neither.
  const morningPost = async (slot: Slot) => (await import('./jobs/morning.js')).buildMorningPost(services, slot);

  async function work(slot: Slot, t: Target, run: RunKey): Promise<string> {
    const id = runKey(run);
    switch (slot.job) {
      case 'morning': {
        let post = posts.get(slot.id);
        if (!post) {
          post = opts.morningPost ? opts.morningPost(slot) : morningPost(slot);
          posts.set(slot.id, post);
        }
        // Only evicts the shared promise so the next tick retries; the failure itself reaches the awaiting tick below.
        post.catch(() => posts.delete(slot.id));
        const reply = await post;
        // The track record keeps what actually went out: recorded only from a post the outbox took.
        if (await outbox.put({ id, kind: 'post', tenant: t.tenant, channel: t.channel, day: slot.date, reply }, clock.now()))
          await recordMorning(services, reply);
        return 'posted';
      }
      case 'eod': {
        // Expiries settle after the close, before the summary that reports the day.
        await deliverAlerts('eod', slot, t, await expiryAlerts(services, t.tenant, clock.now(), sinkFor('eod', slot, t)));
        const reply = await buildDaySummary(services, t.tenant, slot, outbox, opts.summary);
        await outbox.put({ id, kind: 'post', tenant: t.tenant, channel: t.channel, day: slot.date, reply }, clock.now());
        return 'posted';
      }
      case 'intraday':
        if (!cal.isOpen(clock.now())) return 'market closed';
        return deliverAlerts('intraday', slot, t, (await opts.alerts?.intraday(t.tenant, clock.now(), sinkFor('intraday', slot, t))) ?? []);
      case 'risk':
        if (!cal.isOpen(clock.now())) return 'market closed';
        return deliverAlerts('risk', slot, t, (await opts.alerts?.risk?.(t.tenant, clock.now(), sinkFor('risk', slot, t))) ?? []);
      case 'iv': {
        const picks = await loadPicks(services.store, slot.date);
        const extra = [...((await opts.watch?.symbols()) ?? []), ...((await opts.alerts?.symbols?.()) ?? [])];
        const symbols = [...new Set([...picks.map((p) => p.symbol), ...extra])].slice(0, opts.maxIvSymbols ?? 60);
        if (!symbols.length) return 'no symbols';
        // Loaded on first use: the option math is only needed once a day.
        const { snapshotIv } = await import('./jobs/iv.js');
        const r = await snapshotIv(services, symbols);
        for (const s of r.skipped) logger.debug({ symbol: s.symbol, reason: s.reason }, 'no IV snapshot');
        return `stored ${r.stored.length}, skipped ${r.skipped.length}`;
      }
      case 'chains': {
        const { storeClosingChains, wantedChains, mergeWanted } = await import('./jobs/chains.js');
        const wanted = await wantedChains(services, slot.date, await tenants(), (await opts.watch?.symbols()) ?? []);
        const r = await storeClosingChains(services, mergeWanted(wanted, opts.maxIvSymbols ?? 60));
        return `kept ${r.stored.length} chains, skipped ${r.skipped.length}; ${r.requests} requests`;
      }
    }
  }

  /** Runs a slot for every target; true when nothing is left for this process to do. */
  async function runSlot(slot: Slot): Promise<boolean> {
    let settled = true;
    for (const t of await targets(slot.job)) {
      const run: RunKey = { job: slot.job, slot: slot.id, tenant: t.tenant, channel: t.channel };
      const id = runKey(run);
      const backoff = retryAt.get(id);
      if (backoff && backoff.at > Date.now()) {
        settled = false;
        continue;
      }
      const claim = await ledger.claim(run, clock.now());
      if (claim === 'busy') settled = false;
      if (claim !== 'claimed') continue;
      try {
        await withRenewal(
          () => ledger.renew(run),
          async () => {
            await opts.pause?.('run-claimed', id);
            const note = await work(slot, t, run);
            await ledger.complete(run, clock.now(), note);
            logger.info({ run: id, note }, 'scheduled run done');
          },
        );
        retryAt.delete(id);
      } catch (err) {
        settled = false;
        const delay = Math.min(60_000, (backoff?.delay ?? 2500) * 2);
        retryAt.set(id, { at: Date.now() + delay, delay });
        logger.error({ run: id, err: err instanceof Error ? err.message : String(err) }, 'scheduled run failed; will retry inside its window');
      }
    }
    return settled;
  }

  async function skipSlot(slot: Slot): Promise<void> {
    for (const t of await targets(slot.job)) {
      const run: RunKey = { job: slot.job, slot: slot.id, tenant: t.tenant, channel: t.channel };
      const reason = `missed; its window ended ${slot.graceUntil.toISOString()}`;
      if (await ledger.skip(run, clock.now(), reason)) {
        logger.warn(
          { run: runKey(run), graceUntil: slot.graceUntil.toISOString() },
          `skipped ${slot.job} ${slot.id} ET for ${t.tenant}: the bot was not running inside its window`,
        );
      }
    }
  }

  async function pass(): Promise<void> {
    const now = clock.now();
    const date = cal.nyDate(now);
    const reason = cal.closedReason(date);
    if (reason) once(`closed:${date}`, () => logger.info({ date, reason }, 'market closed today: no scheduled jobs'));
    const slots = reason ? [] : planDay(cal, config.schedule, date);
    for (const key of posts.keys()) if (!key.startsWith(date)) posts.delete(key);
    for (const job of JOBS) {
      const due = slots.filter((s) => s.job === job && s.at.getTime() <= now.getTime());
      const latest = due[due.length - 1];
      const pick = latest?.catchUp === 'latest' ? [latest] : due;
      for (const slot of pick) {
        const key = `${job}|${slot.id}`;
        if (handled.has(key)) continue;
        if (now.getTime() >= slot.graceUntil.getTime()) {
          if (slot.catchUp === 'grace') await skipSlot(slot);
          handled.add(key);
        } else if (await runSlot(slot)) handled.add(key);
      }
    }
    await dispatcher.flush();
    await warmer?.tick();
  }

  return {
    ledger,
    outbox,
    dispatcher,
    tick() {
      running ??= pass()
        .catch((err: unknown) => logger.error({ err: err instanceof Error ? err.message : String(err) }, 'scheduler tick failed'))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
  };
}
