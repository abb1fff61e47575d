/**
 * Real bot processes for the multi-process and crash tests: `node --import tsx src/main.ts --demo
 * --json` with a clean environment (no developer .env or config/local.json is read: the working
 * directory is the repo, but only the variables given here reach the child). A started bot keeps
 * running (its standard input stays open) until it is killed or its input is ended; `runBot` pipes a
 * batch of commands and resolves when the bot exits. Waits poll a condition on the bot's output —
 * readiness and log signals, never a fixed sleep — and fail early when the bot exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { createSimProvider } from '../../src/market/sim/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One `--json` line of the console bot (a reply, or a scheduled `post` / `alert`). */
export interface Line {
  ok?: boolean;
  kind?: string;
  command?: string;
  text?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields the line under test carries.
  data?: Record<string, any>;
  error?: { code: string; message: string };
}

export interface BotProcess {
  readonly pid: number;
  /** Every JSON line printed so far. */
  readonly lines: Line[];
  stderr(): string;
  /** Writes one command line to the bot's standard input. */
  send(line: string): void;
  /** Polls `test` until it holds; throws after `ms` or when the bot exits first. */
  waitFor(what: string, test: () => boolean, ms?: number): Promise<void>;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  /** Ends the input; resolves with the exit code. */
  end(): Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** SIGKILLs every bot a test left running (call from afterEach). */
export function killBots(): void {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
}

export interface BotOptions {
  /** Extra command-line arguments after `--demo --json`. */
  args?: string[];
  /** `--demo` (the simulated market; the default) or not (the market data the environment selects). */
  demo?: boolean;
  /** LOG_LEVEL of the child (default `info`: the tests wait on its log lines). */
  logLevel?: string;
}

export function startBot(env: Record<string, string>, opts: BotOptions = {}): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...(opts.demo === false ? [] : ['--demo']), '--json', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: opts.logLevel ?? 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: Line[] = [];
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const parts = out.split('\n');
    out = parts.pop() ?? '';
    for (const l of parts) if (l.trim()) lines.push(JSON.parse(l) as Line);
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((ok) =>
    child.on('exit', (code) => {
      running.delete(child);
      ok(code);
    }),
  );
  return {
    pid: child.pid ?? -1,
    lines,
    stderr: () => err,
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async waitFor(what, test, ms = 90_000) {
      const until = Date.now() + ms;
      while (!test()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; stderr: ${err.slice(-2000)}`);
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`bot exited (${child.exitCode ?? child.signalCode}) waiting for ${what}; stderr: ${err.slice(-2000)}`);
        await new Promise((ok) => setTimeout(ok, 50));
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    end() {
      child.stdin.end();
      return exited;
    },
  };
}

export interface Finished {
  code: number | null;
  lines: Line[];
  stderr: string;
}

/** Runs one bot over `input` lines (log level `warn`) and resolves when it exits at the end of its input. */
export async function runBot(env: Record<string, string>, input: string[], args: string[] = [], opts: Pick<BotOptions, 'demo'> = {}): Promise<Finished> {
  const bot = startBot(env, { args, logLevel: 'warn', ...opts });
  for (const l of input) bot.send(l);
  const code = await bot.end();
  return { code, lines: bot.lines, stderr: bot.stderr() };
}

/**
 * The bot logged a finished scheduled run of `job` (any job when omitted) for a slot at or after
 * `slot` (New York wall time, `2026-12-01T09:50`): its scheduler demonstrably ran past that slot.
 */
export function ranSince(bot: Pick<BotProcess, 'stderr'>, slot: string, job?: string): boolean {
  return bot
    .stderr()
    .split('\n')
    .some((l) => {
      const m = /"run":"(\w+)\|([^|"]+)\|/.exec(l);
      return l.includes('scheduled run done') && !!m?.[2] && m[2] >= slot && (!job || m[1] === job);
    });
}

/** The simulated market the demo bot runs, on a clock the test sets (to know prices ahead). */
export function demoMarket(at: Date) {
  const { sim } = loadConfig({ env: {}, file: false, overrides: { data: { source: 'sim' } } }).data;
  const clock = manualClock(at);
  return { clock, market: createSimProvider({ seed: sim.seed, symbols: sim.symbols, clock }) };
}

/** `n` symbols of the simulated market the demo bot runs (so /watch add accepts them). */
export function simSymbols(n: number): string[] {
  return demoMarket(new Date('2026-12-01T16:00:00Z'))
    .market.companies()
    .slice(0, n)
    .map((c) => c.symbol);
}
