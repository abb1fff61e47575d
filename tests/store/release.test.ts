/**
 * Graceful shutdown releases claims: a run claimed and a message being sent by a stopping process
 * can be taken by another process at once, not after the 30 s lease.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { processOwner, type Liveness } from '../../src/store/lease.js';
import { createOutbox } from '../../src/store/outbox.js';
import { createRunLedger } from '../../src/store/runs.js';

// Both owners are this test process (same pid), so judge by the lease alone, as on another host.
const leaseOnly: Liveness = (h, now) => (h.lease_until ?? 0) > now;

describe('releasing claims', () => {
  it('lets another owner take a released run and message at once', async () => {
    const store = await openStore('memory://');
    const [a, b] = [processOwner(), processOwner()];
    const at = new Date('2026-12-01T14:45:00Z');
    const run = { job: 'morning', slot: '2026-12-01T09:45', tenant: 't', channel: 'c' };
    const ledgerA = createRunLedger(store.sql, a, { liveness: leaseOnly });
    const ledgerB = createRunLedger(store.sql, b, { liveness: leaseOnly });
    expect(await ledgerA.claim(run, at)).toBe('claimed');
    expect(await ledgerB.claim(run, at)).toBe('busy');

    const boxA = createOutbox(store.sql, a, { liveness: leaseOnly });
    const boxB = createOutbox(store.sql, b, { liveness: leaseOnly });
    await boxA.put({ id: 'm1', kind: 'post', tenant: 't', channel: 'c', day: '2026-12-01', reply: { text: 'x' } as never }, at);
    expect(await boxA.claim('m1')).toBe(true);
    expect(await boxB.claim('m1')).toBe(false);

    expect(await ledgerA.release()).toBe(1);
    expect(await boxA.release()).toBe(1);
    expect(await ledgerB.claim(run, at)).toBe('claimed');
    expect(await boxB.claim('m1')).toBe(true);
    // Releasing twice releases nothing; B's claims are not A's to release.
    expect(await ledgerA.release()).toBe(0);
    expect(await boxA.release()).toBe(0);
    expect(await boxA.get('m1')).toMatchObject({ state: 'sending' });
    await store.close();
  });
});
