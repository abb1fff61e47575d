/**
 * /greeks latency on the demo's simulated market (4,000 symbols, mid-session), through the router
 * as a user's command: cold (the first /greeks of each of 12 optionable symbols: chain, IV solves,
 * Greeks, IV history) and warm (the same chains asked again, 120 times round-robin, after a /scan left its snapshot). Each reply's
 * latency as on an idle machine (wall less run-queue wait, thread-cpu.ts), beside its wall time and
 * CPU time. The baseline of the warm figure is the cold one, measured in the same run. Run: `npx tsx tests/bench/greeks.ts`.
 */
import { pathToFileURL } from 'node:url';
import { warmUp } from '../../src/options/warmup.js';
import { createTestBot, TRADING_MORNING } from '../helpers/bot.js';
import { check, figure } from './goals.js';
import { latencyClock, type Timed, timed } from './thread-cpu.js';

const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)] as number;

export async function runGreeksBench(): Promise<void> {
  // Optionable symbols, found by another bot so that the measured one starts cold.
  const scout = await createTestBot({ now: TRADING_MORNING });
  const symbols: string[] = [];
  try {
    for (const u of await scout.services.market.universe()) {
      if (symbols.length >= 12) break;
      const chain = await scout.services.market.optionChain(u.symbol).catch(() => undefined);
      if (chain && chain.contracts.length > 10) symbols.push(chain.symbol);
    }
  } finally {
    await scout.close();
  }
  {
    const fresh = await createTestBot({ now: TRADING_MORNING });
    try {
      const run = async (line: string): Promise<Timed<unknown>> => {
        const t = await timed(() => fresh.exec(line));
        const r = t.result;
        check(r.ok && ((r.data as { contracts?: unknown[] }).contracts?.length ?? 0) > 0, `${line} failed: ${r.ok ? 'no contracts' : JSON.stringify(r.error)}`);
        return t;
      };
      // Cold means a chain never asked for, not a process that has never run: the bot has started
      // as `npm start` starts it (its warm-up of the option analysis done, src/options/warmup.ts),
      // and one /quote first builds the market calendar and the simulator's factors, as any earlier
      // command would.
      await warmUp(fresh.services);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await fresh.exec(`/quote ${symbols[symbols.length - 1]}`);
      const cold: Timed<unknown>[] = [];
      for (const s of symbols) cold.push(await run(`/greeks ${s}`));
      // Warm replies on a day with scan snapshots in the store, as after the morning post: every
      // /greeks looks for today's pick of its ticker (the bias default).
      check((await fresh.exec('/scan')).ok, '/scan failed');
      const warm: Timed<unknown>[] = [];
      for (let i = 0; i < 120; i++) warm.push(await run(`/greeks ${symbols[i % symbols.length]}`));
      type Clock = 'wall' | 'idle' | 'main' | 'process';
      const at = (xs: Timed<unknown>[], k: Clock) => p95(xs.map((x) => x[k]));
      const row = (xs: Timed<unknown>[]) => (['idle', 'wall', 'main', 'process'] as Clock[]).map((k) => at(xs, k).toFixed(1)).join(' / ');
      if (process.env.BENCH_DEBUG)
        console.log(cold.map((x) => `${x.idle.toFixed(0)}/${x.wall.toFixed(0)}/${x.main.toFixed(0)}/${x.process.toFixed(0)}`).join(' '));
      console.log(
        `/greeks on ${symbols.length} demo symbols, p95 in ms as ${latencyClock} / wall / main-thread CPU / process CPU: cold ${row(cold)} (p50 ${p50(cold.map((x) => x.idle)).toFixed(1)}); warm ${row(warm)} over ${warm.length} replies`,
      );
      // Judged on the latency the machine would give with a core to itself (wall minus the main
      // thread's run-queue wait), so other processes do not decide it. CPU time would miss what a
      // reply waits for (SQLite in the libuv pool) and, for the whole process, count V8 compiling
      // and collecting garbage on the other core, which a user never waits for.
      const [wc, cc] = [at(warm, 'idle'), at(cold, 'idle')];
      figure({
        name: '/greeks warm p95',
        value: wc,
        unit: 'ms',
        goal: '≤ 10 ms',
        met: wc <= 10,
        baseline: { label: 'cold p95', value: cc },
        ratio: wc / cc,
      });
      figure({ name: '/greeks cold p95', value: cc, unit: 'ms', goal: '≤ 100 ms', met: cc <= 100 });
    } finally {
      await fresh.close();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runGreeksBench();
