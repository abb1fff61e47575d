import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('store', () => {
  it('persists values across a reopen of the same SQLite file, with WAL on', async () => {
    const file = join(tmp(), 'nested', 'tracker.sqlite');
    const a = await openStore(`sqlite://${file}`);
    await a.ns<{ qty: number }>('portfolios').set('t1', { qty: 5 });
    await a.close();
    const b = await openStore(`sqlite://${file}`);
    expect(await b.ns<{ qty: number }>('portfolios').get('t1')).toEqual({ qty: 5 });
    await b.close();
    // WAL mode is recorded in the database header: bytes 18 and 19 are 2 for WAL.
    const header = readFileSync(file).subarray(18, 20);
    expect([...header]).toEqual([2, 2]);
  });

  it('rejects a corrupt file with a clear STORE_CORRUPT sentence, not a stack trace', async () => {
    const file = join(tmp(), 'bad.sqlite');
    writeFileSync(file, 'this is not a database'.repeat(100));
    await expect(openStore(`sqlite://${file}`)).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(/^The store file .*bad\.sqlite is not a readable SQLite database .*; move it aside or restore a backup\.$/),
    });
  });

  it('rejects a file it cannot write with STORE_UNWRITABLE', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits; a path under a regular file cannot be created by anyone.
      const file = join(tmp(), 'plain');
      writeFileSync(file, '');
      await expect(openStore(`sqlite://${file}/db.sqlite`)).rejects.toMatchObject({ code: 'STORE_UNWRITABLE' });
      return;
    }
    const dir = tmp();
    chmodSync(dir, 0o500);
    await expect(openStore(`sqlite://${join(dir, 'db.sqlite')}`)).rejects.toBeInstanceOf(StoreError);
  });

  it('rejects an unsupported STORE_URL', async () => {
    await expect(openStore('mysql://localhost/db')).rejects.toMatchObject({ code: 'STORE_URL' });
  });

  it('refuses namespaces keyv would clear by LIKE pattern', async () => {
    const s = await openStore('memory://');
    expect(() => s.ns('iv_history')).toThrow(/lowercase letters and digits/);
    await s.close();
  });

  it('transaction serialises read-modify-write so concurrent adds lose nothing', async () => {
    const s = await openStore(`sqlite://${join(tmp(), 'lock.sqlite')}`);
    const kv = s.ns<number>('counters');
    await kv.set('n', 0);
    await Promise.all(
      Array.from({ length: 25 }, () =>
        s.transaction('n', async () => {
          const n = (await kv.get('n')) ?? 0;
          await new Promise((r) => setTimeout(r, 1));
          await kv.set('n', n + 1);
        }),
      ),
    );
    expect(await kv.get('n')).toBe(25);
    await s.close();
  });

  it('a full disk is a logged STORE_WRITE_FAILED, never a quiet false, and the stored value stays', async () => {
    const errors: unknown[] = [];
    const s = await openStore(`sqlite://${join(tmp(), 'full.sqlite')}`, { logger: { error: (obj: unknown) => errors.push(obj) } as never });
    const kv = s.ns<string>('notes');
    await kv.set('a', 'small');
    // SQLite's own "database or disk is full": no page may be added beyond those in use now.
    const { page_count } = (await s.sql.get<{ page_count: number }>('PRAGMA page_count')) as { page_count: number };
    await s.sql.all(`PRAGMA max_page_count=${page_count}`);
    await expect(kv.set('a', 'x'.repeat(200_000))).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
    await expect(s.transaction('a', async () => kv.set('b', 'y'.repeat(200_000)))).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(errors[0])).toMatch(/full/);
    expect(await kv.get('a')).toBe('small');
    expect(await kv.get('b')).toBeUndefined();
    await s.close();
  });

  it('rolls a transaction back when its function throws, and passes that error through unchanged', async () => {
    const s = await openStore('memory://');
    const kv = s.ns<number>('counters');
    await kv.set('n', 1);
    const mine = new Error('refused by the caller');
    await expect(
      s.transaction('n', async () => {
        await kv.set('n', 2);
        throw mine;
      }),
    ).rejects.toBe(mine);
    expect(await kv.get('n')).toBe(1);
    await s.close();
  });
});
