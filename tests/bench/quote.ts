/**
 * /quote latency through the whole bot (router → command → gateway → cache) on a SQLite store
 * file, against the live-shaped fake Yahoo: a cold quote (one request), then cached quotes read
 * within the in-memory first level, then cached quotes whose first-level copy is older than 5 s
 * (the clock moved 6 s before each: the store is read, as a replica does for a quote another
 * replica fetched). `npm run bench -- quote`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import { createServices } from '../../src/app.js';
import { createRouter } from '../../src/chat/router.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import { startLiveFakes } from '../market/helpers/liveFakes.js';

const NOW = new Date('2026-12-01T11:00:00-05:00');

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

export async function runQuoteBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-quote-bench-'));
  const fakes = await startLiveFakes({ now: () => NOW, symbols: 50, latency: () => 20 });
  const env = { MARKET_DATA: 'yahoo', YAHOO_BASE_URL: fakes.yahoo.url, NASDAQ_BASE_URL: fakes.nasdaq.url, TICKERS_FILE: '/nonexistent/tickers.txt' };
  const config = loadConfig({ env, file: false, overrides: { store: { url: `sqlite://${join(dir, 'store.sqlite')}` } } });
  const clock = manualClock(NOW);
  const services = await createServices({ config, env, logger: silentLogger, clock });
  const router = createRouter(commands);
  const symbol = fakes.market[0]?.symbol as string;
  const quote = async (): Promise<number> => {
    const t0 = performance.now();
    const reply = await router.handle(
      { line: `/quote ${symbol}` },
      { platform: 'test', tenant: 'test:t', user: 'test:u', channel: 'test:c', isAdmin: false, services, progress: async () => undefined },
    );
    if (!reply.ok) throw new Error(`quote failed: ${reply.error?.message}`);
    return performance.now() - t0;
  };
  try {
    const cold = await quote();
    const hot: number[] = [];
    for (let i = 0; i < 300; i++) hot.push(await quote());
    const fromStore: number[] = [];
    for (let i = 0; i < 40; i++) {
      clock.advance(6_000);
      fromStore.push(await quote());
    }
    const yahoo = fakes.requests().filter((r) => r.path === '/v7/finance/quote').length;
    const line = (name: string, xs: number[]) => `${name}: median ${pct(xs, 0.5).toFixed(2)} ms, p95 ${pct(xs, 0.95).toFixed(2)} ms (${xs.length} quotes)\n`;
    process.stdout.write(
      `cold /quote: ${cold.toFixed(1)} ms (fake Yahoo latency 20 ms)\n${line('cached, first level', hot)}${line('cached, first level older than 5 s', fromStore)}quote requests sent to Yahoo: ${yahoo}\n`,
    );
  } finally {
    await services.market.close();
    await services.store.close();
    await fakes.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
