/**
 * Done-when, console flavour: `npm start` in live mode (MARKET_DATA=yahoo, YAHOO_BASE_URL and
 * NASDAQ_BASE_URL at the live fakes), `--json`. The console answers its lines in order, so a
 * /quote typed while the scan runs is answered within 3 s of the scan's reply; a second /scan
 * comes from the snapshot at once; Yahoo never answers 429.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let fakes: LiveFakes | undefined;
afterEach(async () => {
  await fakes?.close();
});

it('console, live mode: cold /scan, a /quote typed during it, then /scan from the snapshot', async () => {
  fakes = await startLiveFakes({ now: () => new Date('2026-12-01T11:00:00-05:00'), symbols: 3_500 });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--json'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MARKET_DATA: 'yahoo',
      YAHOO_BASE_URL: fakes.yahoo.url,
      NASDAQ_BASE_URL: fakes.nasdaq.url,
      TICKERS_FILE: '/nonexistent/tickers.txt',
      STORE_URL: 'memory://',
      TRACKER_CLOCK: '2026-12-01T11:00:00-05:00',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const replies: Array<{ at: number; reply: { ok: boolean; command: string; data: Record<string, unknown> } }> = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (line.startsWith('{')) replies.push({ at: performance.now(), reply: JSON.parse(line) });
    }
  });
  const closed = new Promise((r) => child.on('close', r));
  const t0 = performance.now();
  child.stdin.write('/scan\n');
  await new Promise((r) => setTimeout(r, 1_000));
  child.stdin.write(`/quote ${fakes.market[7]?.symbol}\n/scan\n`);
  child.stdin.end();
  await closed;

  const [scan, quote, again] = replies;
  expect(scan?.reply).toMatchObject({ ok: true, command: 'scan' });
  expect((scan?.at ?? Infinity) - t0).toBeLessThan(90_000);
  expect((scan?.reply.data.picks as unknown[]).length).toBeGreaterThanOrEqual(5);
  expect(quote?.reply).toMatchObject({ ok: true, command: 'quote' });
  expect((quote?.at ?? Infinity) - (scan?.at ?? 0)).toBeLessThan(3_000);
  expect(again?.reply.data.snapshot).toBeDefined();
  expect((again?.at ?? Infinity) - (quote?.at ?? 0)).toBeLessThan(2_000);
  expect(fakes.statuses()[429] ?? 0).toBe(0);
}, 150_000);
