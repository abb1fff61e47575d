/**
 * Benchmark: everything a 2,000-symbol scan needs (quotes for all, 150 daily histories,
 * 20 fundamentals, 10 option chains) through the gateway against a local fake Yahoo with
 * 50-150 ms latency, beside a naive fetcher making one request per symbol per module.
 * Run: npx tsx tests/bench/gateway.ts
 */
import { pathToFileURL } from 'node:url';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig } from '../../src/market/index.js';
import { FUNDAMENTAL_MODULES } from '../../src/market/yahoo/provider.js';
import { openStore } from '../../src/store/index.js';
import { startFakeYahoo } from '../market/helpers/fakeYahoo.js';
import { maxInWindow } from '../market/helpers/server.js';

const SYMBOLS = 2_000;
const HISTORIES = 150;
const FUNDAMENTALS = 20;
const CHAINS = 10;
const NAIVE_CONCURRENCY = 16;

const symbolAt = (i: number): string => {
  let s = '';
  for (let n = i + 26 * 26 * 26; n > 0; n = Math.floor(n / 26)) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
};

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

interface Run {
  label: string;
  requests: number;
  ms: number;
  peakPerMinute: number;
}

async function naive(symbols: string[]): Promise<Run> {
  const fake = await startFakeYahoo({ latency: () => 50 + Math.random() * 100 });
  const started = Date.now();
  await fetch(`${fake.url}/quote/AAPL`);
  const crumb = await (await fetch(`${fake.url}/v1/test/getcrumb`)).text();
  const urls = [
    ...symbols.map((s) => `/v7/finance/quote?symbols=${s}`),
    ...symbols.slice(0, HISTORIES).map((s) => `/v8/finance/chart/${s}?interval=1d&period1=1700000000&period2=1740000000`),
    ...symbols.slice(0, FUNDAMENTALS).flatMap((s) => FUNDAMENTAL_MODULES.map((m) => `/v10/finance/quoteSummary/${s}?modules=${m}`)),
    ...symbols.slice(0, CHAINS).map((s) => `/v7/finance/options/${s}`),
  ];
  await pool(urls, NAIVE_CONCURRENCY, async (u) => (await fetch(`${fake.url}${u}${u.includes('?') ? '&' : '?'}crumb=${crumb}`)).arrayBuffer());
  const run = {
    label: `naive (1 request/symbol/module, ${NAIVE_CONCURRENCY} at once)`,
    requests: fake.log.length,
    ms: Date.now() - started,
    peakPerMinute: maxInWindow(
      fake.log.map((r) => r.at),
      60_000,
    ),
  };
  await fake.close();
  return run;
}

async function viaGateway(symbols: string[]): Promise<Run[]> {
  const fake = await startFakeYahoo({ latency: () => 50 + Math.random() * 100 });
  const store = await openStore('memory://');
  const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
  const limit = { requests: 40, perSeconds: 1, concurrency: 8 };
  const gw = await createMarketData(
    DataConfig.parse({
      yahooBaseUrl: fake.url,
      rateLimits: { yahoo: limit },
      quoteBatch: { windowMs: 10, maxSymbols: 200 },
      timeoutMs: 5_000,
      universe: { nasdaq: false },
    }),
    { store, clock, logger: silentLogger },
  );
  const from = '2025-01-01';
  const scan = async (): Promise<void> => {
    const chunks = Array.from({ length: Math.ceil(symbols.length / 100) }, (_, i) => symbols.slice(i * 100, i * 100 + 100));
    await Promise.all(chunks.map((c) => gw.quotes(c)));
    await Promise.all(symbols.slice(0, HISTORIES).map((s) => gw.history(s, { from })));
    await Promise.all(symbols.slice(0, FUNDAMENTALS).map((s) => gw.fundamentals(s)));
    await Promise.all(symbols.slice(0, CHAINS).map((s) => gw.optionChain(s)));
  };
  const runs: Run[] = [];
  for (const label of [`gateway, cold cache (limit ${limit.requests}/s, ${limit.concurrency} at once)`, 'gateway, warm cache (same scan again)']) {
    const before = fake.log.length;
    const started = Date.now();
    await scan();
    runs.push({
      label,
      requests: fake.log.length - before,
      ms: Date.now() - started,
      peakPerMinute: maxInWindow(
        fake.log.slice(before).map((r) => r.at),
        60_000,
      ),
    });
  }
  await gw.close();
  await store.close();
  await fake.close();
  return runs;
}

export async function runGatewayBench(): Promise<void> {
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => symbolAt(i));
  console.log(
    `Scan of ${SYMBOLS} symbols: quotes for all, ${HISTORIES} histories, ${FUNDAMENTALS} fundamentals, ${CHAINS} option chains; fake Yahoo latency 50-150 ms.`,
  );
  const runs = [...(await viaGateway(symbols)), await naive(symbols)];
  const width = Math.max(...runs.map((r) => r.label.length));
  console.log(`${'fetcher'.padEnd(width)}  requests  wall time  busiest minute`);
  for (const r of runs) {
    console.log(
      `${r.label.padEnd(width)}  ${String(r.requests).padStart(8)}  ${`${(r.ms / 1000).toFixed(1)} s`.padStart(9)}  ${String(r.peakPerMinute).padStart(14)}`,
    );
  }
  console.log(
    "Yahoo's tolerance is roughly tens of requests a minute from one IP (default limit here: 30/min): the naive fetcher's busiest minute is what gets an IP blocked.",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runGatewayBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
