/** A delivered alert's title says what happened ("Stop loss hit"), not just "Alert" or "Heads-up". */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => h?.close());

describe('alert titles', () => {
  it('take the alert text’s own lead, and fall back to the severity word without one', async () => {
    h = await createHarness('2026-12-01T10:00:00-05:00');
    h.alerts = (tenant, now) =>
      now.getTime() >= Date.parse('2026-12-01T10:10:00-05:00')
        ? [
            { key: 'k1', tenant, severity: 'error', text: 'Stop loss hit: P1 ABCD (long 10) is at $4.10, stop $4.20.' },
            { key: 'k2', tenant, severity: 'success', text: 'ABCD is at $6.00' },
          ]
        : [];
    await h.walk('2026-12-01T10:10:00-05:00');
    const titles = h.sent.filter((s) => s.reply.kind === 'alert').map((s) => s.reply.title);
    expect(titles).toEqual(['Stop loss hit', 'Heads-up']);
  });
});
