/**
 * Scan snapshots: when the scheduler takes them (warm-up at 09:00 New York on trading days,
 * refreshes every 30 minutes in the session, nothing on weekends and holidays), and the warmer
 * against the live fakes: its shared snapshot answers another tenant's /scan at once, saying so,
 * and /status shows the budget (requests in the last minute and hour, queue) and the next snapshot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { commands } from '../../commands/index.js';
import { statusData } from '../../commands/schemas/status.js';
import { createServices } from '../../src/app.js';
import { createRouter } from '../../src/chat/router.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import { createCalendar } from '../../src/market/calendar.js';
import { nextSnapshotAt } from '../../src/scanner/snapshot-times.js';
import { createSnapshotWarmer } from '../../src/scheduler/jobs/snapshots.js';
import type { Services } from '../../src/services.js';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';

const ny = (s: string): Date => new Date(`${s}-05:00`);

describe('nextSnapshotAt', () => {
  const deps = { config: loadConfig({ env: {}, file: false }), calendar: createCalendar() };
  it.each([
    ['before the warm-up, none yet', '2026-12-01T07:00:00', undefined, '2026-12-01T09:00:00'],
    ['past the warm-up, none yet: due now (09:00)', '2026-12-01T09:10:00', undefined, '2026-12-01T09:00:00'],
    ['warm-up taken: next at the open', '2026-12-01T09:05:00', '2026-12-01T09:00:00', '2026-12-01T09:30:00'],
    ['in the session: every 30 minutes', '2026-12-01T10:05:00', '2026-12-01T10:00:00', '2026-12-01T10:30:00'],
    ['near the close: the next trading day', '2026-12-01T15:50:00', '2026-12-01T15:45:00', '2026-12-02T09:00:00'],
    ['Friday after the close: Monday', '2026-12-04T17:00:00', '2026-12-04T15:40:00', '2026-12-07T09:00:00'],
    ['Christmas (a Friday, closed): Monday', '2026-12-25T10:00:00', undefined, '2026-12-28T09:00:00'],
    ['yesterday’s snapshot does not count', '2026-12-02T08:00:00', '2026-12-01T15:45:00', '2026-12-02T09:00:00'],
  ])('%s', (_name, now, last, want) => {
    expect(nextSnapshotAt(deps, ny(now), last ? ny(last).toISOString() : undefined).toISOString()).toBe(ny(want).toISOString());
  });
});

let fakes: LiveFakes | undefined;
let services: Services | undefined;
afterEach(async () => {
  await services?.market.close();
  await services?.store.close();
  await getCrumbClear(new ExtendedCookieJar());
  await fakes?.close();
});

describe('the snapshot warmer (live fakes)', () => {
  it('takes the shared snapshot at 09:00; /scan answers from it at once; /status shows the budget and the next snapshot', async () => {
    const now = ny('2026-12-01T09:05:00');
    fakes = await startLiveFakes({ now: () => now, symbols: 3_000 });
    const env = { MARKET_DATA: 'yahoo', YAHOO_BASE_URL: fakes.yahoo.url, NASDAQ_BASE_URL: fakes.nasdaq.url, TICKERS_FILE: '/nonexistent/tickers.txt' };
    const config = loadConfig({ env, file: false, overrides: { store: { url: 'memory://' } } });
    services = await createServices({ config, env, logger: silentLogger, clock: manualClock(now) });
    const warmer = createSnapshotWarmer(services);
    await warmer.tick();
    expect(warmer.running()).toBeDefined();
    await warmer.running();
    // Nothing more is due until the open.
    await warmer.tick();
    expect(warmer.running()).toBeUndefined();

    const router = createRouter(commands);
    const s = services;
    const exec = (line: string) =>
      router.handle(
        { line },
        { platform: 'slack', tenant: 'slack:T1', user: 'slack:U1', channel: 'slack:C1', isAdmin: false, services: s, progress: async () => undefined },
      );
    const t0 = performance.now();
    const scan = await exec('/scan');
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(scan.ok).toBe(true);
    expect(scan.text).toMatch(/From the scan snapshot of 09:05 ET \(under a minute ago\), the shared one: your watchlist and holdings were not part of it/);
    // The warm-up used at most its share (half) of the background budget.
    expect(fakes.statuses()[429] ?? 0).toBe(0);
    expect(fakes.requests().length).toBeLessThanOrEqual(Math.floor(28 * config.scanner.live.refreshBudgetShare) + 2);

    const status = await exec('/status');
    const fields = Object.fromEntries((status.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['Request budget']).toMatch(
      /^\d+ requests in the last minute, \d+ in the last hour \(limit 30 per 60 s, 2 kept for commands\); queue 0 \(0 interactive\)$/,
    );
    expect(fields['Next scan snapshot']).toBe('2026-12-01 09:35 ET (last 2026-12-01 09:05 ET)');
    // The --json contract holds for live data too: the budget is part of the schema.
    const data = statusData.parse(JSON.parse(JSON.stringify(status.data)));
    expect(data.budget).toMatchObject({ limit: { requests: 30, perSeconds: 60 }, reserve: 2, lastSnapshot: '2026-12-01T14:05:00.000Z' });
    expect(data.nextOpen).toBe('2026-12-01T14:30:00.000Z');
  }, 120_000);
});
