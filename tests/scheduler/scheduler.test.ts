import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { updateTenantSettings } from '../../src/store/settings.js';
import { createHarness, type Harness } from './harness.js';

// Reference for every expected instant: NYSE hours in America/New_York (EST = UTC−5, EDT = UTC−4).
const open: Harness[] = [];
const harness = async (...args: Parameters<typeof createHarness>) => {
  const h = await createHarness(...args);
  open.push(h);
  return h;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

const hhmm = (iso: string) => iso.slice(11, 16);

describe('a normal trading day (Tue 2026-12-01, EST)', () => {
  it('posts the morning picks once at 09:45, checks every 5 minutes while open, risk hourly + close, and sends the summary at 16:15', async () => {
    const h = await harness('2026-12-01T09:00:00-05:00');
    await h.walk('2026-12-01T09:44:00-05:00');
    expect(h.sent).toHaveLength(0);
    await h.walk('2026-12-01T09:45:00-05:00');
    expect(h.posts('morning')).toHaveLength(1);
    expect(h.posts('morning')[0]?.channel).toBe('console:main');
    await h.walk('2026-12-01T23:00:00-05:00');
    expect(h.posts('morning')).toHaveLength(1);
    expect(h.calls.intraday).toHaveLength(77);
    expect(hhmm(h.calls.intraday[0] as string)).toBe('14:35'); // 09:35 ET
    expect(hhmm(h.calls.intraday.at(-1) as string)).toBe('20:55'); // 15:55 ET
    expect(h.calls.risk.map(hhmm)).toEqual(['15:30', '16:30', '17:30', '18:30', '19:30', '20:30', '20:59']);
    const eod = h.posts('eod');
    expect(eod).toHaveLength(1);
    expect((eod[0]?.reply.data as { slot: string }).slot).toBe('2026-12-01T16:15');
  });

  it('delivers an alert once even when the source reports it at every check, and lists it in the summary', async () => {
    const h = await harness('2026-12-01T10:00:00-05:00');
    h.alerts = (tenant, now) =>
      now.getTime() >= Date.parse('2026-12-01T10:10:00-05:00')
        ? [{ key: 'ABCD:stop:2026-12-01', tenant, severity: 'error', text: 'ABCD crossed its stop at $4.10' }]
        : [];
    await h.walk('2026-12-01T16:20:00-05:00');
    const alerts = h.sent.filter((s) => s.reply.kind === 'alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.reply).toMatchObject({ kind: 'alert', severity: 'error', text: 'ABCD crossed its stop at $4.10' });
    const summary = h.posts('eod')[0]?.reply;
    expect(summary?.text).toContain('ABCD crossed its stop');
  });

  it("names the data source of an alert's prices, marking simulated ones, beside the check time", async () => {
    const h = await harness('2026-12-01T10:00:00-05:00');
    h.alerts = (tenant, now) =>
      now.getTime() >= Date.parse('2026-12-01T10:10:00-05:00') ? [{ key: 'ABCD:stop:2026-12-01', tenant, severity: 'error', text: 'ABCD is at $4.10' }] : [];
    await h.walk('2026-12-01T10:10:00-05:00');
    expect(h.sent.find((s) => s.reply.kind === 'alert')?.reply.footer).toBe('fake · intraday check 10:10 ET');
    const market = h.services.market as { mode: string };
    const was = market.mode;
    market.mode = 'simulated market';
    try {
      h.alerts = (tenant) => [{ key: 'EFGH:stop:2026-12-01', tenant, severity: 'error', text: 'EFGH is at $2.00' }];
      await h.walk('2026-12-01T10:15:00-05:00');
      expect(h.sent.filter((s) => s.reply.kind === 'alert').at(-1)?.reply.footer).toBe(
        'simulated market (simulated data, not real prices) · intraday check 10:15 ET',
      );
    } finally {
      market.mode = was;
    }
  });

  it('the end-of-day summary names its source and as-of time even with no picks to price', async () => {
    const h = await harness('2026-12-01T16:00:00-05:00');
    await h.walk('2026-12-01T16:20:00-05:00');
    expect(h.posts('eod')[0]?.reply.footer).toBe('fake · as of 2026-12-01 16:15 ET');
  });

  it('never checks breaches before the open or after the close, even when ticking', async () => {
    const h = await harness('2026-12-01T06:00:00-05:00');
    await h.walk('2026-12-01T09:34:00-05:00', 2);
    await h.at('2026-12-01T16:01:00-05:00');
    await h.walk('2026-12-01T20:00:00-05:00', 7);
    expect(h.calls.intraday).toHaveLength(0);
    expect(h.calls.risk).toHaveLength(0);
  });
});

describe('closed days', () => {
  it('does nothing on Thanksgiving (2026-11-26)', async () => {
    const h = await harness('2026-11-26T00:00:00-05:00');
    await h.walk('2026-11-26T23:59:00-05:00', 5);
    expect(h.sent).toHaveLength(0);
    expect(h.calls.intraday).toHaveLength(0);
    expect(h.logs.join('')).toContain('Thanksgiving Day');
  });

  it('does nothing on a weekend (Sat 2026-11-28 and Sun 2026-11-29)', async () => {
    const h = await harness('2026-11-28T00:00:00-05:00');
    await h.walk('2026-11-29T23:59:00-05:00', 5);
    expect(h.sent).toHaveLength(0);
    expect(h.calls.intraday.length + h.calls.risk.length).toBe(0);
  });
});

describe('the early close (Fri 2026-11-27, 13:00)', () => {
  it('moves the close check to 12:59 and the summary to 13:15, and stops intraday checks at 13:00', async () => {
    const h = await harness('2026-11-27T09:00:00-05:00');
    await h.walk('2026-11-27T17:00:00-05:00');
    expect(h.posts('morning')).toHaveLength(1);
    expect(hhmm(h.calls.intraday.at(-1) as string)).toBe('17:55'); // 12:55 ET
    expect(h.calls.intraday).toHaveLength(41);
    expect(h.calls.risk.map(hhmm)).toEqual(['15:30', '16:30', '17:30', '17:59']);
    expect((h.posts('eod')[0]?.reply.data as { slot: string }).slot).toBe('2026-11-27T13:15');
  });
});

describe('daylight saving changes', () => {
  it('posts at 09:45 EDT (13:45Z) on Mon 2026-03-09, the day after clocks went forward', async () => {
    const h = await harness('2026-03-09T13:30:00Z');
    await h.walk('2026-03-09T13:44:00Z');
    expect(h.posts('morning')).toHaveLength(0);
    await h.walk('2026-03-09T13:45:00Z');
    expect(h.posts('morning')).toHaveLength(1);
    await h.walk('2026-03-09T15:00:00Z');
    expect(h.posts('morning')).toHaveLength(1);
  });

  it('posts at 09:45 EST (14:45Z) on Mon 2026-11-02, the day after clocks went back — not at 13:45Z', async () => {
    const h = await harness('2026-11-02T13:30:00Z');
    await h.walk('2026-11-02T14:44:00Z');
    expect(h.posts('morning')).toHaveLength(0);
    await h.walk('2026-11-02T14:45:00Z');
    expect(h.posts('morning')).toHaveLength(1);
  });
});

describe('restarts, missed slots and two instances', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const file = () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-sched-'));
    return `sqlite://${join(dir, 'store.sqlite')}`;
  };

  it('does not post again after a restart on the same store', async () => {
    const url = file();
    const a = await harness('2026-12-01T09:45:00-05:00', { storeUrl: url });
    await a.at('2026-12-01T09:45:30-05:00');
    expect(a.posts('morning')).toHaveLength(1);
    await a.close();
    open.splice(open.indexOf(a), 1);
    const b = await harness('2026-12-01T09:46:00-05:00', { storeUrl: url });
    await b.walk('2026-12-01T10:30:00-05:00');
    expect(b.posts('morning')).toHaveLength(0);
  });

  it('catches up a morning post missed while the bot was down, inside the grace window (until 11:00)', async () => {
    const h = await harness('2026-12-01T10:40:00-05:00');
    await h.at('2026-12-01T10:40:00-05:00');
    expect(h.posts('morning')).toHaveLength(1);
  });

  it('skips it after 11:00 with one warning, also across a second restart', async () => {
    const url = file();
    const a = await harness('2026-12-01T11:05:00-05:00', { storeUrl: url });
    await a.at('2026-12-01T11:05:00-05:00');
    await a.at('2026-12-01T11:06:00-05:00');
    expect(a.posts('morning')).toHaveLength(0);
    const warnings = a.logs.filter((l) => l.includes('skipped morning 2026-12-01T09:45'));
    expect(warnings).toHaveLength(1);
    const b = await harness('2026-12-01T11:10:00-05:00', { storeUrl: url });
    await b.at('2026-12-01T11:10:00-05:00');
    expect(b.logs.filter((l) => l.includes('skipped morning'))).toHaveLength(0);
  });

  it('runs only the latest missed intraday check after a gap, not every one it slept through', async () => {
    const h = await harness('2026-12-01T09:40:00-05:00');
    await h.at('2026-12-01T09:40:00-05:00');
    await h.at('2026-12-01T11:02:00-05:00');
    expect(h.calls.intraday.map(hhmm)).toEqual(['14:40', '16:02']); // the 09:40 slot, then only the 11:00 slot (run at 11:02)
  });

  it('posts once when two bots share one store file and tick together', async () => {
    const url = file();
    const a = await harness('2026-12-01T09:45:00-05:00', { storeUrl: url });
    const b = await harness('2026-12-01T09:45:00-05:00', { storeUrl: url });
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    await Promise.all([a.at('2026-12-01T09:46:00-05:00'), b.at('2026-12-01T09:46:00-05:00')]);
    expect(a.posts('morning').length + b.posts('morning').length).toBe(1);
  });

  it('takes over a claim whose holder died between claim and post, and posts once', async () => {
    const url = file();
    const crashed = await harness('2026-12-01T09:45:00-05:00', {
      storeUrl: url,
      pause: async (point) => {
        if (point === 'run-claimed') throw new Error('killed');
      },
    });
    await crashed.at('2026-12-01T09:45:00-05:00');
    expect(crashed.posts('morning')).toHaveLength(0);
    const restarted = await harness('2026-12-01T09:47:00-05:00', { storeUrl: url, liveness: () => false });
    await restarted.at('2026-12-01T09:47:00-05:00');
    await restarted.at('2026-12-01T09:48:00-05:00');
    expect(restarted.posts('morning')).toHaveLength(1);
  });
});

describe('tenants and channels', () => {
  it('posts to each tenant’s picks channel on running platforms only', async () => {
    const h = await harness('2026-12-01T09:45:00-05:00', { platforms: ['console', 'discord'] });
    await updateTenantSettings(h.services.store, 'discord:1', { picksChannel: 'discord:42' });
    await updateTenantSettings(h.services.store, 'slack:T1', { picksChannel: 'slack:C9' });
    await h.at('2026-12-01T09:45:00-05:00');
    expect(
      h
        .posts('morning')
        .map((p) => p.channel)
        .sort(),
    ).toEqual(['console:main', 'discord:42']);
  });
});
