/**
 * Scan benchmark: the default /scan over a 5,000-symbol simulated universe through the real
 * gateway (cache, batching, single flight), with a counting wrapper around the provider. Reports
 * wall and CPU time, memory, and provider requests by kind beside a naive scan's count (one
 * request per symbol per data kind: quote, fundamentals, history, option chain). Then the same
 * scan over 1,250 / 2,500 / 5,000 symbols to show requests following the survivors (capped by
 * config.scanner.depth) rather than the universe, and a warm re-scan served from cache.
 * Floor: under 10 s of scan CPU for 5,000 symbols excluding network waits. The simulator has no
 * network; the CPU it burns generating data inside each call stands in for it and is reported
 * apart (measured by the counting wrapper), beside the process total.
 *
 * Run: `npx tsx tests/bench/scan.ts`.
 */
import { pathToFileURL } from 'node:url';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createCalendar } from '../../src/market/calendar.js';
import { silentLogger } from '../../src/logger.js';
import { createGateway } from '../../src/market/gateway/core.js';
import { MarketCache } from '../../src/market/gateway/cache.js';
import type { MarketDataProvider } from '../../src/market/index.js';
import { createSimProvider } from '../../src/market/sim/index.js';
import { runScan, type ScanResult } from '../../src/scanner/pipeline.js';
import { check, figure } from './goals.js';

const NOW = new Date('2026-12-01T11:00:00-05:00');
const CPU_FLOOR_MS = 10_000;
const KINDS = ['universe', 'quotes', 'fundamentals', 'history', 'optionChain'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Counts provider calls by kind and the CPU time while at least one is in flight. The simulator
 * computes inside its calls and yields to the event loop now and then, so a call's work spans
 * several turns: the CPU from the first call starting to the last one settling is its own (plus the
 * little scanner work that overlaps it), the share of the scan's CPU that stands in for the network.
 */
export function countingProvider(p: MarketDataProvider): { provider: MarketDataProvider; counts: Record<Kind, number>; providerMs: () => number } {
  const counts: Record<Kind, number> = { universe: 0, quotes: 0, fundamentals: 0, history: 0, optionChain: 0 };
  let ms = 0;
  let inFlight = 0;
  let since = process.cpuUsage();
  const timed = <T>(kind: Kind, call: () => Promise<T>): Promise<T> => {
    counts[kind]++;
    if (inFlight++ === 0) since = process.cpuUsage();
    const done = (): void => {
      if (--inFlight === 0) {
        const d = process.cpuUsage(since);
        ms += (d.user + d.system) / 1000;
      }
    };
    return call().finally(done);
  };
  const provider: MarketDataProvider = {
    id: p.id,
    universe: () => timed('universe', () => p.universe()),
    quotes: (s) => timed('quotes', () => p.quotes(s)),
    fundamentals: (s) => timed('fundamentals', () => p.fundamentals(s)),
    history: (s, r) => timed('history', () => p.history(s, r)),
    optionChain: (s, e) => timed('optionChain', () => p.optionChain(s, e)),
  };
  return { provider, counts, providerMs: () => ms };
}

function setup(symbols: number) {
  const config = loadConfig({ env: {}, file: false, overrides: { data: { source: 'sim', sim: { seed: 7, symbols } }, store: { url: 'memory://' } } });
  const clock = manualClock(NOW);
  const { provider, counts, providerMs } = countingProvider(createSimProvider({ seed: 7, symbols, clock }));
  const d = config.data;
  const market = createGateway({
    mode: 'simulated market',
    providers: [{ provider, label: 'simulated market' }],
    cache: new MarketCache(undefined, clock, d.cacheTtl),
    clock,
    retry: d.retry,
    breaker: d.breaker,
    quoteBatch: d.quoteBatch,
    logger: silentLogger,
  });
  return { config, market, counts, providerMs };
}

interface Measured {
  symbols: number;
  result: ScanResult;
  counts: Record<Kind, number>;
  wallMs: number;
  cpuMs: number;
  /** CPU spent inside the simulated provider (stands in for network waits). */
  providerMs: number;
  heapMb: number;
  rssMb: number;
}

async function measure(symbols: number, warm = false): Promise<Measured & { warm?: Record<Kind, number> }> {
  const { config, market, counts, providerMs } = setup(symbols);
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peakHeap = 0;
  const result = await runScan({ market, config, calendar: createCalendar() }, {}, NOW, async () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const mem = process.memoryUsage();
  const out: Measured & { warm?: Record<Kind, number> } = {
    symbols,
    result,
    counts: { ...counts },
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    providerMs: providerMs(),
    heapMb: Math.max(peakHeap, mem.heapUsed) / 2 ** 20,
    rssMb: mem.rss / 2 ** 20,
  };
  if (warm) {
    const before = { ...counts };
    await runScan({ market, config, calendar: createCalendar() }, {}, NOW);
    out.warm = Object.fromEntries(KINDS.map((k) => [k, counts[k] - before[k]])) as Record<Kind, number>;
  }
  await market.close();
  return out;
}

const total = (c: Record<Kind, number>): number => KINDS.reduce((a, k) => a + c[k], 0);
const naive = (n: number): number => 1 + 4 * n;
const fmt = (n: number): string => n.toLocaleString('en-US');

export async function runScanBench(): Promise<void> {
  const full = await measure(5_000, true);
  const r = full.result;
  console.log(`scan bench — default scan, ${fmt(r.universe)}-symbol simulated universe, ${r.picks.length} picks`);
  const scanCpu = full.cpuMs - full.providerMs;
  console.log(
    `  wall ${(full.wallMs / 1000).toFixed(2)} s · CPU ${(full.cpuMs / 1000).toFixed(2)} s, of which the simulator ${(full.providerMs / 1000).toFixed(2)} s`,
  );
  console.log(
    `  scan CPU excluding the provider (network stand-in): ${(scanCpu / 1000).toFixed(2)} s (floor ${CPU_FLOOR_MS / 1000} s) · heap ${full.heapMb.toFixed(0)} MB · rss ${full.rssMb.toFixed(0)} MB`,
  );
  console.log(`  funnel: ${r.funnel.map((s) => `${s.stage} ${fmt(s.in)}→${fmt(s.out)}`).join(' · ')}`);
  console.log(`  provider requests: ${KINDS.map((k) => `${k} ${fmt(full.counts[k])}`).join(', ')} = ${fmt(total(full.counts))}`);
  console.log(
    `  naive scan (1 per symbol per kind: quote, fundamentals, history, chain, + universe): ${fmt(naive(r.universe))}  (${(naive(r.universe) / total(full.counts)).toFixed(0)}× more)`,
  );
  if (full.warm) console.log(`  warm re-scan (gateway cache): ${KINDS.map((k) => `${k} ${fmt(full.warm?.[k] ?? 0)}`).join(', ')} = ${fmt(total(full.warm))}`);
  console.log('  requests vs universe size (same depth caps):');
  console.log('    symbols  listed  quote-pass  requests  naive');
  for (const n of [1_250, 2_500, 5_000]) {
    const m = n === 5_000 ? full : await measure(n);
    const listed = m.result.funnel[0]?.out ?? 0;
    const passed = m.result.funnel[1]?.out ?? 0;
    console.log(
      `    ${fmt(n).padStart(7)}  ${fmt(listed).padStart(6)}  ${fmt(passed).padStart(10)}  ${fmt(total(m.counts)).padStart(8)}  ${fmt(naive(n)).padStart(6)}`,
    );
  }
  figure({
    name: 'scan CPU excl. provider (5,000)',
    value: scanCpu,
    unit: 'ms',
    goal: `≤ ${CPU_FLOOR_MS} ms`,
    met: scanCpu <= CPU_FLOOR_MS,
    baseline: { label: 'simulator CPU', value: full.providerMs },
    ratio: scanCpu / full.providerMs,
  });
  figure({
    name: 'provider requests (5,000)',
    value: total(full.counts),
    unit: '',
    goal: 'report only',
    met: true,
    baseline: { label: 'naive scan', value: naive(r.universe) },
    ratio: total(full.counts) / naive(r.universe),
  });
  check(r.picks.length > 0 && r.universe === 5_000, `the 5,000-symbol scan gave ${r.picks.length} picks over a universe of ${r.universe}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runScanBench();
}
