import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/market/gateway/limiter.js';
import { withPriority } from '../../src/market/gateway/priority.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openRequestLedger, type RequestLedger } from '../../src/store/slots.js';
import { sharedStores } from './postgres.helpers.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LIMIT = { requests: 5, perSeconds: 0.6, concurrency: 2 };

interface Replica {
  store: Store;
  ledger: RequestLedger;
  limiter: RateLimiter;
}

async function replica(url: string, spec = LIMIT, reserve = 0): Promise<Replica> {
  const store = await openStore(url);
  const ledger = (await openRequestLedger(store)) as RequestLedger;
  const limiter = new RateLimiter('yahoo', spec, { label: 'Test', maxQueueMs: 600_000, reserve, jitterMs: 0, shared: ledger.window('yahoo', 5_000) });
  return { store, ledger, limiter };
}

async function close(rs: Replica[]): Promise<void> {
  for (const r of rs) {
    r.limiter.close();
    await r.ledger.close();
    await r.store.close();
  }
}

/** Requests "served" between their start and finish; a window counts every one that started before it closed and finished after it opened. */
function maxOverlap(spans: Array<{ start: number; end: number }>, windowMs: number): number {
  let best = 0;
  for (const s of spans) best = Math.max(best, spans.filter((o) => o.start <= s.start && o.end > s.start - windowMs).length);
  return best;
}

async function twoReplicasKeepTheLimit(url: string): Promise<void> {
  const rs = [await replica(url), await replica(url)];
  const spans: Array<{ start: number; end: number; who: number }> = [];
  const work = (who: number) => async () => {
    const start = Date.now();
    await pause(10 + Math.random() * 30);
    spans.push({ start, end: Date.now(), who });
  };
  const t0 = Date.now();
  await Promise.all(rs.flatMap((r, who) => Array.from({ length: 10 }, () => r.limiter.schedule(work(who)))));
  const elapsed = Date.now() - t0;
  expect(spans).toHaveLength(20);
  expect(new Set(spans.map((s) => s.who))).toEqual(new Set([0, 1]));
  // Never more than 5 in a window of 600 ms measured to each finish; 20 requests need at least three window rolls.
  expect(maxOverlap(spans, 600)).toBeLessThanOrEqual(5);
  expect(elapsed).toBeGreaterThanOrEqual(3 * 600);
  // Each replica's /status counts both replicas' requests (read from the ledger).
  await rs[0]?.limiter.readBudget();
  expect(rs[0]?.limiter.snapshot()).toMatchObject({ lastMinute: 20, lastHour: 20 });
  expect(rs[0]?.limiter.sent).toBe(10);
  await close(rs);
}

describe('shared request ledger', () => {
  const stores = sharedStores('slots');

  it('an in-memory store has none: the process limiter alone', async () => {
    const store = await openStore('memory://');
    expect(await openRequestLedger(store)).toBeUndefined();
    await store.close();
  });

  it('two replicas on one SQLite file keep the limit together', async () => {
    await twoReplicasKeepTheLimit(stores.sqlite('a.sqlite'));
  }, 30_000);

  it('two replicas on PostgreSQL keep the limit together', async () => {
    await twoReplicasKeepTheLimit(await stores.postgres('slots'));
  }, 30_000);

  it('a slot its process never finished (killed mid-request) stops counting staleMs after it started, then one window', async () => {
    const store = await openStore(stores.sqlite('c.sqlite'));
    const ledger = (await openRequestLedger(store)) as RequestLedger;
    const win = ledger.window('yahoo', 1_000);
    const req = { bg: false, requests: 1, bgRequests: 1, windowMs: 1_000 };
    const t0 = Date.now();
    expect(await win.take(req)).toHaveProperty('id'); // never finished
    const refused = await win.take(req);
    expect(refused).toHaveProperty('waitMs', 100); // in flight: ask again shortly
    expect(refused.window).toEqual([expect.objectContaining({ bg: false, freeInMs: null })]);
    while (Date.now() - t0 < 1_100) await pause(20);
    // Presumed finished at start + 1 s: free one window (1 s) later, not before.
    const later = await win.take(req);
    expect((later as { waitMs: number }).waitMs).toBeGreaterThan(100);
    expect(Date.now() - t0 + (later as { waitMs: number }).waitMs).toBeGreaterThanOrEqual(2_000);
    while (Date.now() - t0 < 2_100) await pause(20);
    expect(await win.take(req)).toHaveProperty('id');
    await ledger.close();
    await store.close();
  });

  it('a ledger that cannot be read refuses the request with a sentence instead of sending it uncounted', async () => {
    const r = await replica(stores.sqlite('d.sqlite'));
    await r.ledger.close();
    let sent = false;
    const out = r.limiter.schedule(async () => {
      sent = true;
    });
    await expect(out).rejects.toMatchObject({ code: 'UNAVAILABLE', message: "Test's shared request budget could not be read from the store." });
    expect(sent).toBe(false);
    r.limiter.close();
    await r.store.close();
  });

  it('background work on one replica leaves the reserve to a person on the other', async () => {
    const url = stores.sqlite('b.sqlite');
    const spec = { requests: 4, perSeconds: 30, concurrency: 4 };
    const [a, b] = [await replica(url, spec, 2), await replica(url, spec, 2)] as [Replica, Replica];
    const [slow, person] = [a.limiter, b.limiter];
    let bgDone = 0;
    void withPriority('background', () =>
      Promise.all(
        [1, 2, 3, 4].map(() =>
          slow.schedule(async () => {
            bgDone += 1;
          }),
        ),
      ),
    );
    await pause(300);
    expect(bgDone).toBe(2); // 4 minus the reserve of 2; the rest wait for the 30 s window
    const t0 = performance.now();
    await person.schedule(async () => undefined);
    await person.schedule(async () => undefined);
    expect(performance.now() - t0).toBeLessThan(500);
    // The window is now full for everyone: a third request waits for it to roll.
    let third = false;
    void person.schedule(async () => {
      third = true;
    });
    await pause(300);
    expect(third).toBe(false);
    expect(bgDone).toBe(2);
    await close([a, b]);
  }, 30_000);
});
