/**
 * Per-provider request limiter: at most `requests` in ANY sliding window of `perSeconds` and at
 * most `concurrency` in flight. A sliding log (not bottleneck's fixed-interval reservoir) because
 * a fixed reservoir lets 2×N requests through around a refill boundary, which is exactly the
 * burst that gets an IP blocked. A slot is freed one window after its request *finished*, not
 * started: the server logs a request somewhere between the two, so only the finish time makes
 * "never more than N in a window of the server's log" hold whatever the network latency.
 * A little random jitter keeps queued callers from firing in lockstep.
 *
 * Two queues: interactive requests (a person waiting) start before any queued background request,
 * and background requests never use the last `reserve` slots of a window, so a /quote typed
 * during a scan finds budget at once instead of waiting for the window to roll.
 */
import { ProviderError } from './errors.js';
import { currentPriority, type Priority } from './priority.js';

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
  start: () => void;
}

export class RateLimiter {
  /** One per request in the window: `at` is Infinity while in flight, then its finish time. */
  private readonly slots: Array<{ at: number; bg: boolean }> = [];
  private readonly queues: Record<Priority, Waiter[]> = { interactive: [], background: [] };
  /** Start times of the last hour's requests, for /status. */
  private readonly starts: number[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
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
    this.prune();
    return Math.max(0, this.spec.requests - this.slots.length);
  }

  get reserve(): number {
    return Math.min(this.opts.reserve ?? 0, this.spec.requests - 1);
  }

  snapshot(): BudgetSnapshot {
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
    if (wait > this.opts.maxQueueMs) {
      const mins = Math.ceil(wait / 60_000);
      return Promise.reject(
        new ProviderError(
          'RATE_LIMITED',
          `${this.opts.label}'s request limit (${this.spec.requests} per ${describeWindow(this.spec.perSeconds)}) is used up; try again in about ${mins} minute${mins === 1 ? '' : 's'}.`,
          this.id,
          { retryable: false },
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.queues[priority].push({
        start: () => {
          this.active += 1;
          this.sent += 1;
          if (priority === 'background') this.sentBackground += 1;
          this.starts.push(this.now());
          const slot = { at: Infinity, bg: priority === 'background' };
          this.slots.push(slot);
          fn()
            .then(resolve, reject)
            .finally(() => {
              slot.at = this.now();
              this.active -= 1;
              this.pump();
            });
        },
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

function describeWindow(secs: number): string {
  if (secs === 60) return 'minute';
  if (secs === 86_400) return 'day';
  if (secs === 3_600) return 'hour';
  return `${secs} seconds`;
}
