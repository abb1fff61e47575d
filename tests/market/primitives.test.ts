/** The gateway's building blocks, each with the invariant it exists for. */
import { describe, expect, it } from 'vitest';
import { QuoteBatcher } from '../../src/market/gateway/batcher.js';
import { CircuitBreaker } from '../../src/market/gateway/breaker.js';
import { ProviderError, parseRetryAfter } from '../../src/market/gateway/errors.js';
import { RateLimiter } from '../../src/market/gateway/limiter.js';
import { backoffMs, withRetry } from '../../src/market/gateway/retry.js';
import { SingleFlight } from '../../src/market/gateway/singleflight.js';
import type { Quote } from '../../src/market/types.js';
import { delay, maxInWindow } from './helpers/server.js';

describe('RateLimiter', () => {
  it('never lets more than N requests into any window, counting from when each finished', async () => {
    const limiter = new RateLimiter('t', { requests: 3, perSeconds: 0.2, concurrency: 2 }, { label: 'Test', maxQueueMs: 10_000 });
    const spans: Array<[number, number]> = [];
    await Promise.all(
      Array.from({ length: 10 }, () =>
        limiter.schedule(async () => {
          const start = Date.now();
          await delay(5 + Math.random() * 15);
          spans.push([start, Date.now()]);
        }),
      ),
    );
    expect(spans).toHaveLength(10);
    expect(
      maxInWindow(
        spans.map(([s]) => s),
        200,
      ),
    ).toBeLessThanOrEqual(3);
    // concurrency: never more than 2 overlapping
    for (const [s] of spans) expect(spans.filter(([a, b]) => a <= s && s < b).length).toBeLessThanOrEqual(2);
    expect(limiter.sent).toBe(10);
  });

  it('refuses at once, with a sentence, when the queue would outlast maxQueueMs', async () => {
    const limiter = new RateLimiter('polygon', { requests: 1, perSeconds: 60, concurrency: 1 }, { label: 'Polygon.io', maxQueueMs: 1_000 });
    await limiter.schedule(async () => undefined);
    expect(limiter.budgetLeft()).toBe(0);
    await expect(limiter.schedule(async () => undefined)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: "Polygon.io's request limit (1 per minute) is used up; try again in about 1 minute.",
    });
    limiter.close();
  });
});

describe('CircuitBreaker', () => {
  it('opens after N failures, lets one probe through after the cooldown, closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker(2, 1_000, () => t);
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.retryInSeconds()).toBe(1);
    t = 1_000;
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.failure();
    expect(b.state).toBe('open');
    t = 2_500;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
  });
});

describe('withRetry', () => {
  const policy = { retries: 3, minDelayMs: 100, maxDelayMs: 1_000 };

  it('retries retryable errors a bounded number of times, with growing jittered delays', async () => {
    const waits: number[] = [];
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls += 1;
        throw new ProviderError('UNAVAILABLE', 'down.', 'x', { retryable: true });
      },
      policy,
      { sleep: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual((100 * 2 ** i) / 2);
      expect(w).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it('does not retry definitive errors and honours Retry-After (capped)', async () => {
    let calls = 0;
    await withRetry(async () => {
      calls += 1;
      throw new ProviderError('UNKNOWN_SYMBOL', 'no.', 'x');
    }, policy).catch(() => undefined);
    expect(calls).toBe(1);
    expect(backoffMs(0, policy, 5_000)).toBe(1_000);
    expect(backoffMs(0, policy, 700)).toBe(700);
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8_000);
  });

  it('runs the session reset between attempts', async () => {
    const events: string[] = [];
    const out = await withRetry(
      async (attempt) => {
        events.push(`try${attempt}`);
        if (attempt === 0) throw new ProviderError('AUTH', 'crumb.', 'yahoo', { retryable: true, resetSession: true });
        return 'ok';
      },
      policy,
      { sleep: async () => undefined, beforeRetry: () => void events.push('reset') },
    );
    expect(out).toBe('ok');
    expect(events).toEqual(['try0', 'reset', 'try1']);
  });
});

describe('SingleFlight and QuoteBatcher', () => {
  it('shares one promise between identical requests in flight', async () => {
    const sf = new SingleFlight();
    let runs = 0;
    const work = async (): Promise<number> => {
      runs += 1;
      await delay(10);
      return 42;
    };
    expect(await Promise.all([sf.run('k', work), sf.run('k', work)])).toEqual([42, 42]);
    expect(runs).toBe(1);
    expect(sf.size).toBe(0);
  });

  it('merges concurrent calls and splits into chunks of maxSymbols', async () => {
    const chunks: string[][] = [];
    const batcher = new QuoteBatcher(5, 3, async (symbols) => {
      chunks.push(symbols);
      return new Map(symbols.map((s) => [s, { symbol: s, price: 1 } as Quote]));
    });
    const [a, b] = await Promise.all([batcher.load(['A', 'B']), batcher.load(['B', 'C', 'D'])]);
    expect([...a.keys()]).toEqual(['A', 'B']);
    expect([...b.keys()]).toEqual(['B', 'C', 'D']);
    expect(chunks).toEqual([['A', 'B', 'C'], ['D']]);
  });
});
