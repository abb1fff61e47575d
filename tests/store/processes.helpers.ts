/**
 * Real bot processes on one store: `node --import tsx src/main.ts --demo --json` with commands piped
 * on standard input; each exits at the end of its input.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/index.js';
import { manualClock } from '../../src/clock.js';
import { createSimProvider } from '../../src/market/sim/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One `--json` line of the console bot. */
export interface Line {
  ok?: boolean;
  kind?: string;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface Finished {
  code: number | null;
  lines: Line[];
  stderr: string;
}

/** Runs one bot over `input` lines and resolves when it exits. */
export function runBot(env: Record<string, string>, input: string[], args: string[] = []): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo', '--json', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(input.map((l) => `${l}\n`).join(''));
  return new Promise((ok) =>
    child.on('exit', (code) =>
      ok({
        code,
        stderr: err,
        lines: out
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as Line),
      }),
    ),
  );
}

/** `n` symbols of the simulated market the demo bot runs (so /watch add accepts them). */
export function simSymbols(n: number): string[] {
  const { sim } = loadConfig({ env: {}, file: false, overrides: { data: { source: 'sim' } } }).data;
  const provider = createSimProvider({ seed: sim.seed, symbols: sim.symbols, clock: manualClock(new Date('2026-12-01T16:00:00Z')) });
  return provider
    .companies()
    .slice(0, n)
    .map((c) => c.symbol);
}
