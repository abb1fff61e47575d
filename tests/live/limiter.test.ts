/** Budget fairness in the rate limiter: interactive requests jump the background queue and own a reserve. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/market/gateway/limiter.js';
import { withPriority } from '../../src/market/gateway/priority.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RateLimiter priorities', () => {
  it('starts a queued interactive request before queued background ones, and background never uses the reserve', async () => {
    const limiter = new RateLimiter('t', { requests: 4, perSeconds: 2, concurrency: 1 }, { label: 'Test', maxQueueMs: 10_000, reserve: 1, jitterMs: 0 });
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(name);
      await pause(5);
    };
    const bg = withPriority('background', () => Promise.all([1, 2, 3, 4, 5].map((i) => limiter.schedule(job(`bg${i}`)))));
    await pause(1);
    expect(limiter.snapshot().queued.background).toBeGreaterThan(0);
    const person = limiter.schedule(job('quote'));
    await person;
    // The person went right after the background request in flight, not after the queue.
    expect(order.indexOf('quote')).toBeLessThanOrEqual(1);
    await pause(40);
    // In the first window: 3 background (4 minus the reserve of 1) plus the person's request.
    expect(order.filter((n) => n.startsWith('bg'))).toHaveLength(3);
    expect(limiter.snapshot()).toMatchObject({ reserve: 1, sent: 4, sentBackground: 3, lastMinute: 4, lastHour: 4, queued: { interactive: 0, background: 2 } });
    await bg;
    expect(order).toHaveLength(6);
    limiter.close();
  });

  it('a person waiting behind a full background window gets the reserve at once', async () => {
    const limiter = new RateLimiter('t', { requests: 3, perSeconds: 60, concurrency: 2 }, { label: 'Test', maxQueueMs: 600_000, reserve: 1, jitterMs: 0 });
    void withPriority('background', () => Promise.all([1, 2, 3, 4].map(() => limiter.schedule(async () => undefined))));
    await pause(20);
    expect(limiter.snapshot().backgroundLeft).toBe(0);
    const t0 = performance.now();
    await limiter.schedule(async () => undefined);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(limiter.snapshot().budgetLeft).toBe(0);
    limiter.close();
  });
});
