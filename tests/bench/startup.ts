/**
 * Start-up benchmark: `npm start -- --demo` until the first reply to `/help` is printed, beside
 * `npm start` of a no-op script (a temporary package whose start script is `node noop.mjs`): the
 * cost of npm and of starting Node, which no bot can avoid. Then the bot's resident memory once idle.
 * Judged in the configuration a newcomer runs: the default SQLite store, on its first start (so it
 * creates the file and seeds the demo portfolio), in a fresh temporary folder through STORE_URL,
 * never the user's own store. The in-memory store (`STORE_URL=memory://`) is printed beside it.
 * Best of three interleaved runs each, after a warm-up run of each (which also rebuilds dist/ if a
 * source changed). Run: `npx tsx tests/bench/startup.ts`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, figure } from './goals.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Milliseconds from spawn to the first byte on stdout; with `idleRssMs`, also the deepest process's RSS after that pause. */
function firstOutput(
  cwd: string,
  args: string[],
  input: string | undefined,
  storeUrl: string,
  idleRssMs = 0,
): Promise<{ ms: number; rssMb: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(npm, args, { cwd, env: { ...process.env, STORE_URL: storeUrl, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
    let first = NaN;
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!Number.isNaN(first)) return;
      first = performance.now() - t0;
      if (!idleRssMs) return;
      setTimeout(() => {
        const rssMb = deepestRss(child.pid ?? 0);
        child.stdin.end();
        child.once('exit', () => resolve({ ms: first, rssMb, out }));
      }, idleRssMs);
    });
    child.once('error', reject);
    child.once('exit', () => {
      if (!idleRssMs) resolve({ ms: first, rssMb: NaN, out });
    });
    if (input !== undefined) child.stdin.write(input);
    if (!idleRssMs) child.stdin.end();
  });
}

/** RSS (MB) of the last descendant of `pid` (npm → sh → node): the bot itself. */
function deepestRss(pid: number): number {
  let current = pid;
  for (let depth = 0; depth < 6; depth++) {
    let kids: string[] = [];
    try {
      kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(current)], { encoding: 'utf8' })
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    } catch {
      // ps exits 1 when there is no child
    }
    if (!kids.length) break;
    current = Number(kids[kids.length - 1]);
  }
  const status = readFileSync(`/proc/${current}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

interface Best {
  ms: number;
  rssMb: number;
}

export async function runStartupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'noop-start-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'noop', private: true, scripts: { start: 'node noop.mjs' } }));
  writeFileSync(join(dir, 'noop.mjs'), "process.stdout.write('ok\\n');\n");
  try {
    const noop = () => firstOutput(dir, ['start', '--silent'], undefined, 'memory://');
    const bot = (storeUrl: string) => firstOutput(ROOT, ['start', '--silent', '--', '--demo'], '/help\n', storeUrl, 1500);
    /** A first start on the default SQLite store: a new file in a new folder, removed afterwards. */
    const sqliteFirst = async () => {
      const folder = mkdtempSync(join(tmpdir(), 'bench-store-'));
      try {
        return await bot(`sqlite://${join(folder, 'demo.sqlite')}`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    };
    await noop();
    const warm = await sqliteFirst();
    check(warm.out.includes('/greeks'), 'npm start -- --demo did not answer /help with the command list');
    await bot('memory://');
    let bestNoop = Infinity;
    const sqlite: Best = { ms: Infinity, rssMb: Infinity };
    const memory: Best = { ms: Infinity, rssMb: Infinity };
    const keep = (best: Best, r: { ms: number; rssMb: number }) => {
      best.ms = Math.min(best.ms, r.ms);
      best.rssMb = Math.min(best.rssMb, r.rssMb);
    };
    for (let i = 0; i < 3; i++) {
      bestNoop = Math.min(bestNoop, (await noop()).ms);
      keep(sqlite, await sqliteFirst());
      keep(memory, await bot('memory://'));
    }
    console.log(
      `npm start -- --demo → first /help reply ${sqlite.ms.toFixed(0)} ms (SQLite store, first start; memory:// ${memory.ms.toFixed(0)} ms); ` +
        `npm start of a no-op script ${bestNoop.toFixed(0)} ms; bot RSS idle ${sqlite.rssMb.toFixed(0)} MB (memory:// ${memory.rssMb.toFixed(0)} MB) (best of 3)`,
    );
    figure({
      name: 'start-up to first /help',
      value: sqlite.ms,
      unit: 'ms',
      goal: '≤ 3× no-op (≤ 1 s idle)',
      met: sqlite.ms <= 3 * bestNoop,
      baseline: { label: 'npm start no-op', value: bestNoop },
      ratio: sqlite.ms / bestNoop,
    });
    figure({ name: 'RSS idle after /help', value: sqlite.rssMb, unit: 'MB', goal: '≤ 120 MB', met: sqlite.rssMb <= 120 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runStartupBench();
