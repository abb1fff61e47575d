/**
 * Per-provider request limiter: at most `requests` in ANY sliding window of `perSeconds` and at
 * most `concurrency` in flight. A sliding log (not bottleneck's fixed-interval reservoir) because
 * a fixed reservoir lets 2×N requests through around a refill boundary, which is exactly the
 * burst that gets an IP blocked. A slot is freed one window after its request *finished*, not
 * started: the server logs a request somewhere between the two, so only the finish time makes
 * "never more than N in a window of the server's log" hold whatever the network latency.
 * A little random jitter keeps queued callers from firing in lockstep.
 *
 * With a `shared` window (a store several replicas use) the slot accounting moves to the store:
 * each start takes a slot there atomically, so the replicas together keep the limit. Queues,
 * priorities, the reserve and concurrency stay per process; `slots` is then this process's latest
 * view of the shared window, for /status and the scan planner.
 *
 * Two queues: interactive requests (a person waiting) start before any queued background request,
 * and background requests never use the last `reserve` slots of a window, so a /quote typed
 * during a scan finds budget at once instead of waiting for the window to roll.
 */
import { budgetUsedUp, ProviderError } from './errors.js';
import { currentPriority, type Priority } from './priority.js';
import type { SharedSlot, SharedWindow } from './shared.js';

export interface LimitSpec {
  requests: number;
  perSeconds: number;
  concurrency: number;
}

export interface LimiterOptions {
  /** Reject instead of queueing when the estimated wait is longer than this. */
  maxQueueMs: number;
  /** Human provider name for the error sentence. */
  label: string;
  jitterMs?: number;
  now?: () => number;
  /** Slots of each window only interactive requests may use (default 0). */
  reserve?: number;
  /** The window every replica on the store shares; absent: this process alone. */
  shared?: SharedWindow;
}

/** The budget as /status and the scan planner see it. */
export interface BudgetSnapshot {
  limit: LimitSpec;
  /** Slots background work may still start in the current window. */
  backgroundLeft: number;
  budgetLeft: number;
  reserve: number;
  /** Requests sent since start (a planner subtracts two readings). */
  sent: number;
  sentBackground: number;
  lastMinute: number;
  lastHour: number;
  queued: { interactive: number; background: number };
}

interface Waiter {
  start: (slotId?: string) => void;
  fail: (err: Error) => void;
}

/** A view of the shared window older than this is read again when someone looks. */
const READ_EVERY_MS = 2_000;

export class RateLimiter {
  /** One per request in the window: `at` is Infinity while in flight, then its finish time. */
  private slots: Array<{ at: number; bg: boolean; id?: string }> = [];
  private readonly queues: Record<Priority, Waiter[]> = { interactive: [], background: [] };
  /** Start times of the last hour's requests, for /status. */
  private starts: number[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private taking = false;
  private pumpAgain = false;
  private readAt = -Infinity;
  /** Requests actually sent, and of them background ones. */
  sent = 0;
  sentBackground = 0;

  constructor(
    readonly id: string,
    readonly spec: LimitSpec,
    private readonly opts: LimiterOptions,
  ) {
    this.windowMs = spec.perSeconds * 1000;
    this.marginMs = 5;
    this.now = opts.now ?? Date.now;
  }

  /** Requests that may still start in the current window. */
  budgetLeft(): number {
    this.readShared();
    this.prune();
    return Math.max(0, this.spec.requests - this.slots.length);
  }

  get reserve(): number {
    return Math.min(this.opts.reserve ?? 0, this.spec.requests - 1);
  }

  snapshot(): BudgetSnapshot {
    this.readShared();
    const now = this.now();
    while ((this.starts[0] ?? Infinity) <= now - 3_600_000) this.starts.shift();
    const left = this.budgetLeft();
    const bgUsed = this.slots.filter((s) => s.bg).length;
    return {
      limit: { ...this.spec },
      budgetLeft: left,
      backgroundLeft: Math.max(0, Math.min(left, this.spec.requests - this.reserve - bgUsed)),
      reserve: this.reserve,
      sent: this.sent,
      sentBackground: this.sentBackground,
      lastMinute: this.starts.filter((t) => t > now - 60_000).length,
      lastHour: this.starts.length,
      queued: { interactive: this.queues.interactive.length, background: this.queues.background.length },
    };
  }

  /** Hold every request until `ms` from now (a server said Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
  }

  schedule<T>(fn: () => Promise<T>, priority: Priority = currentPriority()): Promise<T> {
    const wait = this.estimateWaitMs(priority);
    if (wait > this.opts.maxQueueMs) return Promise.reject(budgetUsedUp(this.opts.label, this.id, this.spec, wait));
    return new Promise<T>((resolve, reject) => {
      this.queues[priority].push({
        start: (id) => {
          this.active += 1;
          this.sent += 1;
          if (priority === 'background') this.sentBackground += 1;
          this.starts.push(this.now());
          const slot = { at: Infinity, bg: priority === 'background', ...(id ? { id } : {}) };
          this.slots.push(slot);
          fn()
            .then(resolve, reject)
            .finally(() => {
              slot.at = this.now();
              for (const s of this.slots) if (id && s.id === id) s.at = slot.at;
              // A finish the store misses keeps the slot counted a while longer (see store/slots.ts): safe.
              if (id) this.opts.shared?.finish(id).catch(() => undefined);
              this.active -= 1;
              this.pump();
            });
        },
        fail: reject,
      });
      this.pump();
    });
  }

  private estimateWaitMs(priority: Priority): number {
    this.prune();
    const queued = this.queues.interactive.length + (priority === 'background' ? this.queues.background.length : 0);
    const perWindow = priority === 'background' ? this.spec.requests - this.reserve : this.spec.requests;
    const windows = Math.floor((this.slots.length + queued) / perWindow);
    return Math.max(0, this.pausedUntil - this.now()) + windows * this.windowMs;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs - this.marginMs;
    for (let i = this.slots.length - 1; i >= 0; i -= 1) {
      if ((this.slots[i]?.at ?? Infinity) <= cutoff) this.slots.splice(i, 1);
    }
  }

  private pump(): void {
    if (this.opts.shared) {
      void this.pumpShared(this.opts.shared);
      return;
    }
    if (this.timer) {
      // Background work waiting for the window to roll must not hold up a person: the loop re-arms it.
      if (this.queues.interactive.length === 0) return;
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.active < this.spec.concurrency) {
      const queue = this.queues.interactive.length > 0 ? this.queues.interactive : this.queues.background;
      if (queue.length === 0) return;
      const now = this.now();
      if (now < this.pausedUntil) {
        this.wake(this.pausedUntil - now);
        return;
      }
      this.prune();
      // Background may fill the window up to the reserve; interactive requests use the reserve first.
      const bg = queue === this.queues.background;
      const full = this.slots.length >= this.spec.requests || (bg && this.slots.filter((s) => s.bg).length >= this.spec.requests - this.reserve);
      if (full) {
        const oldest = Math.min(...this.slots.filter((s) => !bg || s.bg || this.slots.length >= this.spec.requests).map((s) => s.at));
        // All in flight: the next finish calls pump again.
        if (oldest === Infinity) return;
        this.wake(oldest + this.windowMs + this.marginMs - now + 1);
        return;
      }
      queue.shift()?.start();
    }
  }

  /** pump() with the slot taken from the shared window: one atomic take per start. */
  private async pumpShared(shared: SharedWindow): Promise<void> {
    if (this.taking) {
      this.pumpAgain = true;
      return;
    }
    if (this.timer) {
      if (this.queues.interactive.length === 0) return;
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.taking = true;
    try {
      while (this.active < this.spec.concurrency) {
        this.pumpAgain = false;
        const bg = this.queues.interactive.length === 0;
        const queue = bg ? this.queues.background : this.queues.interactive;
        if (queue.length === 0) return;
        const now = this.now();
        if (now < this.pausedUntil) return this.wake(this.pausedUntil - now);
        let took: Awaited<ReturnType<SharedWindow['take']>>;
        try {
          took = await shared.take({ bg, requests: this.spec.requests, bgRequests: this.spec.requests - this.reserve, windowMs: this.windowMs });
        } catch (cause) {
          // Without the shared count no replica can know the budget: refuse rather than risk a block.
          queue
            .shift()
            ?.fail(new ProviderError('UNAVAILABLE', `${this.opts.label}'s shared request budget could not be read from the store.`, this.id, { cause }));
          continue;
        }
        this.setView(took.window);
        if ('waitMs' in took) {
          // A person who arrived during the take may still fit in the reserve.
          if (bg && this.queues.interactive.length > 0) continue;
          return this.wake(took.waitMs);
        }
        const waiter = queue.shift();
        if (waiter) waiter.start(took.id);
        else await shared.finish(took.id).catch(() => undefined);
      }
    } finally {
      this.taking = false;
      if (this.pumpAgain) this.pump();
    }
  }

  /** Replaces the view of the shared window with a reading (durations turned into this clock's times). */
  private setView(window: SharedSlot[]): void {
    const now = this.now();
    this.slots = window.map((s) => ({ id: s.id, bg: s.bg, at: s.freeInMs === null ? Infinity : now + s.freeInMs - this.windowMs - this.marginMs }));
  }

  /** Refreshes the view for /status and the planner, at most every READ_EVERY_MS; the next look sees it. */
  private readShared(): void {
    const shared = this.opts.shared;
    const now = this.now();
    if (!shared || now - this.readAt < READ_EVERY_MS) return;
    this.readAt = now;
    shared
      .read(this.windowMs)
      .then((r) => {
        this.setView(r.window);
        const at = this.now();
        this.starts = r.startedAgoMs.map((ago) => at - ago).sort((a, b) => a - b);
      })
      .catch(() => undefined); // the previous view stays; the next look asks again
  }

  private wake(ms: number): void {
    const jitter = Math.random() * (this.opts.jitterMs ?? Math.min(50, this.windowMs * 0.01));
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, ms + jitter),
    );
  }

  /** Rejects nothing: queued work still runs; used at shutdown to stop timers keeping the process. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
