/**
 * Done-when of issue 15 (the shared Yahoo limit): THREE real bot processes in live mode
 * (MARKET_DATA=yahoo) against ONE live-shaped fake Yahoo + NASDAQ with a strict 429 and a request
 * log, configured for 12 requests per 10 s (the fake enforces the same), each doing a cold /scan
 * and a /quote at once, on one SQLite file and on a real PostgreSQL: the fake's combined log never
 * has more than 12 requests in any sliding 10 s, and no request was answered 429. Each process
 * alone keeps 12 per 10 s; before the ledger, three kept 36.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';
import { maxInWindow } from '../market/helpers/server.js';
import { sharedStores } from './postgres.helpers.js';
import { runBot } from '../helpers/botProcess.js';

const NOW = '2026-12-01T11:00:00-05:00';
const LIMIT = 12;
const WINDOW_S = 10;

describe('three live replicas share one Yahoo budget', () => {
  const stores = sharedStores('sharedlimit');
  let fakes: LiveFakes | undefined;
  afterEach(async () => {
    await fakes?.close();
    fakes = undefined;
  });

  async function threeReplicas(storeUrl: string): Promise<void> {
    const config = join(stores.dir, 'config.json');
    // The bot's own limit equals the fake's; scans plan for one window so the test stays short.
    writeFileSync(
      config,
      JSON.stringify({
        data: { rateLimits: { yahoo: { requests: LIMIT, perSeconds: WINDOW_S, concurrency: 2 } }, interactiveReserve: 2 },
        scanner: { live: { targetSeconds: WINDOW_S } },
      }),
    );
    fakes = await startLiveFakes({ now: () => new Date(NOW), symbols: 1_500, limit: LIMIT, windowMs: WINDOW_S * 1000 });
    const env = {
      MARKET_DATA: 'yahoo',
      YAHOO_BASE_URL: fakes.yahoo.url,
      NASDAQ_BASE_URL: fakes.nasdaq.url,
      TICKERS_FILE: '/nonexistent/tickers.txt',
      TRACKER_CONFIG: config,
      TRACKER_CLOCK: NOW,
      STORE_URL: storeUrl,
    };
    const symbols = fakes.market.slice(0, 3).map((s) => s.symbol);
    const runs = await Promise.all(symbols.map((s) => runBot(env, ['/scan', `/quote ${s}`], [], { demo: false })));
    for (const r of runs) {
      expect(r.code, r.stderr.slice(-2000)).toBe(0);
      expect(r.lines.map((l) => l.ok)).toEqual([true, true]);
    }
    const log = fakes.requests();
    expect(log.length).toBeGreaterThan(1.5 * LIMIT); // more than one window can hold (27 in a run here)
    expect(fakes.statuses()[429] ?? 0).toBe(0);
    expect(
      maxInWindow(
        log.map((r) => r.at),
        WINDOW_S * 1000,
      ),
    ).toBeLessThanOrEqual(LIMIT);
    // A fourth replica's /status counts the three others' requests (all of them went through the ledger).
    const status = await runBot(env, ['/status'], [], { demo: false });
    expect((status.lines[0]?.data?.budget as { lastHour?: number } | undefined)?.lastHour).toBe(log.length);
  }

  it('on one SQLite file', async () => {
    await threeReplicas(stores.sqlite('store.sqlite'));
  }, 240_000);

  it('on PostgreSQL', async () => {
    await threeReplicas(await stores.postgres('sharedlimit'));
  }, 240_000);
});
