/**
 * `npm run bench`: every benchmark in one run, each printing its figures beside the npm peers or
 * the naive approach a user might pick instead, then a summary of the goals (figure, goal, baseline
 * measured in the same run, ratio). `npm run bench -- options scan` runs a subset. Figures depend on
 * the machine and its load: the load average is printed first. A missed goal is reported; the exit
 * code is 1 only when a number is wrong (an accuracy check failed).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { summary } from './goals.js';

const suites: Record<string, () => Promise<void>> = {
  startup: async () => (await import('./startup.js')).runStartupBench(),
  loop: async () => (await import('./loop.js')).runLoopBench(),
  greeks: async () => (await import('./greeks.js')).runGreeksBench(),
  options: async () => (await import('./options.js')).runOptionsBench(),
  risk: async () => (await import('./risk.js')).runRiskBench(),
  portfolio: async () => (await import('./portfolio.js')).runPortfolioBench(),
  gateway: async () => (await import('./gateway.js')).runGatewayBench(),
  scan: async () => (await import('./scan.js')).runScanBench(),
  live: async () => (await import('./live-scan.js')).runLiveScanBench(),
  quote: async () => (await import('./quote.js')).runQuoteBench(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
const unknown = names.filter((n) => !suites[n]);
if (unknown.length) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(suites).join(', ')}.\n`);
  process.exit(2);
}
const [l1] = loadavg();
process.stdout.write(
  `Small-Cap Market Tracker benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${availableParallelism()}, load average ${l1?.toFixed(2)}\n` +
    (l1 !== undefined && l1 > 1 ? 'Note: the machine is busy; figures will be lower than on an idle core.\n' : ''),
);
for (const name of names) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = performance.now();
  await (suites[name] as () => Promise<void>)();
  process.stdout.write(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
summary();
const [end] = loadavg();
process.stdout.write(`load average at the end ${end?.toFixed(2)}\n`);
