/**
 * Per-provider request limiter: at most `requests` in ANY sliding window of `perSeconds` and at
 * most `concurrency` in flight. A sliding log (not bottleneck's fixed-interval reservoir) because
 * a fixed reservoir lets 2×N requests through around a refill boundary, which is exactly the
 * burst that gets an IP blocked. A slot is freed one window after its request *finished*, not
 * started: the server logs a request somewhere between the two, so only the finish time makes
 * "never more than N in a window of the server's log" hold whatever the network latency.
 * A little random jitter keeps queued callers from firing in lockstep.
 */
import { ProviderError } from './errors.js';

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
}

interface Waiter {
  start: () => void;
}

export class RateLimiter {
  /** One per request in the window: `at` is Infinity while in flight, then its finish time. */
  private readonly slots: Array<{ at: number }> = [];
  private readonly queue: Waiter[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  /** Requests actually sent. */
  sent = 0;

  constructor(readonly id: string, readonly spec: LimitSpec, private readonly opts: LimiterOptions) {
    this.windowMs = spec.perSeconds * 1000;
    this.marginMs = 5;
    this.now = opts.now ?? Date.now;
  }

  /** Requests that may still start in the current window. */
  budgetLeft(): number {
    this.prune();
    return Math.max(0, this.spec.requests - this.slots.length);
  }

  /** Hold every request until `ms` from now (a server said Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
  }

  schedule<T>(fn: () => Promise<T>): Promise<T> {
    const wait = this.estimateWaitMs();
    if (wait > this.opts.maxQueueMs) {
      const mins = Math.ceil(wait / 60_000);
      return Promise.reject(new ProviderError('RATE_LIMITED',
        `${this.opts.label}'s request limit (${this.spec.requests} per ${describeWindow(this.spec.perSeconds)}) is used up; try again in about ${mins} minute${mins === 1 ? '' : 's'}.`,
        this.id, { retryable: false }));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        start: () => {
          this.active += 1;
          this.sent += 1;
          const slot = { at: Infinity };
          this.slots.push(slot);
          fn().then(resolve, reject).finally(() => {
            slot.at = this.now();
            this.active -= 1;
            this.pump();
          });
        },
      });
      this.pump();
    });
  }

  private estimateWaitMs(): number {
    this.prune();
    const ahead = this.slots.length + this.queue.length;
    const windows = Math.floor(ahead / this.spec.requests);
    return Math.max(0, this.pausedUntil - this.now()) + windows * this.windowMs;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs - this.marginMs;
    for (let i = this.slots.length - 1; i >= 0; i -= 1) {
      if ((this.slots[i]?.at ?? Infinity) <= cutoff) this.slots.splice(i, 1);
    }
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0 && this.active < this.spec.concurrency) {
      const now = this.now();
      if (now < this.pausedUntil) return this.wake(this.pausedUntil - now);
      this.prune();
      if (this.slots.length >= this.spec.requests) {
        const oldest = Math.min(...this.slots.map((s) => s.at));
        // All in flight: the next finish calls pump again.
        if (oldest === Infinity) return;
        return this.wake(oldest + this.windowMs + this.marginMs - now + 1);
      }
      this.queue.shift()?.start();
    }
  }

  private wake(ms: number): void {
    const jitter = Math.random() * (this.opts.jitterMs ?? Math.min(50, this.windowMs * 0.01));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(1, ms + jitter));
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
