/**
 * Many processes, one truth (SQLite): three real bot processes on one store file, each adding 30
 * different symbols to the same server's watchlist at the same time, leave all 90 (an in-process
 * lock lost 18–27 of them); two demo bots starting together seed the demo portfolio once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { loadTenant } from '../../src/store/portfolio.js';
import { openStore } from '../../src/store/index.js';
import { watchlists } from '../../src/store/watchlist.js';
import { runBot, simSymbols } from '../helpers/botProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'tracker-procs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('three bot processes on one SQLite file', () => {
  it('30 /watch add each for one server leave 90 symbols', async () => {
    const url = `sqlite://${join(dir, 'watch.sqlite')}`;
    const symbols = simSymbols(90);
    const runs = await Promise.all(
      [0, 1, 2].map((i) =>
        runBot(
          { STORE_URL: url },
          symbols.slice(i * 30, i * 30 + 30).map((s) => `/watch add ${s}`),
        ),
      ),
    );
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.lines).toHaveLength(30);
      expect(
        r.lines.every((l) => l.ok === true && l.data?.added === true),
        JSON.stringify(r.lines.find((l) => !l.ok)),
      ).toBe(true);
    }
    const store = await openStore(url);
    expect(await watchlists(store).list(CONSOLE_TENANT)).toEqual([...symbols].sort());
    await store.close();
  }, 180_000);

  it('two demo bots starting together seed the demo portfolio once', async () => {
    const url = `sqlite://${join(dir, 'demo.sqlite')}`;
    const runs = await Promise.all([0, 1].map(() => runBot({ STORE_URL: url, TRACKER_CLOCK: '2026-12-01T10:00:00-05:00' }, ['/help'], ['--schedule'])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const store = await openStore(url);
    const book = await loadTenant(store, CONSOLE_TENANT);
    await store.close();
    expect(book.positions.length).toBeGreaterThan(0);
    expect(book.positions.length).toBeLessThanOrEqual(3);
    expect(new Set(book.positions.map((p) => p.symbol)).size).toBe(book.positions.length);
  }, 180_000);
});
