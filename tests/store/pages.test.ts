import { describe, expect, it } from 'vitest';
import { PageStore } from '../../src/chat/render/pages.js';
import { openStore, type Store } from '../../src/store/index.js';
import { sharedStores } from './postgres.helpers.js';

interface Page {
  text: string;
}
const pagesOf = (n: number, tag: string): Page[] => Array.from({ length: n }, (_, i) => ({ text: `${tag} page ${i + 1}` }));

async function clickOnOtherReplica(url: string): Promise<void> {
  const [a, b] = [await openStore(url), await openStore(url)];
  let now = 1_000_000;
  const clock = () => now;
  const rendered = new PageStore<Page>({ store: a, now: clock, ttlMs: 60_000 });
  const other = new PageStore<Page>({ store: b, now: clock, ttlMs: 60_000 });
  const id = rendered.put(pagesOf(3, 'scan'));
  await rendered.settled();
  expect(await other.get(id, 1)).toEqual({ page: { text: 'scan page 2' }, count: 3 });
  expect(await other.get(id, 2)).toEqual({ page: { text: 'scan page 3' }, count: 3 });
  expect(await other.get(id, 3)).toBeUndefined();
  expect(await other.get('nosuchid', 0)).toBeUndefined();
  // Past the TTL: gone on both replicas (the adapters then say "run the command again").
  const late = rendered.put(pagesOf(2, 'greeks'));
  await rendered.settled();
  now += 60_001;
  expect(await new PageStore<Page>({ store: b, now: clock }).get(late, 0)).toBeUndefined();
  expect(await other.get(id, 0)).toBeUndefined();
  expect(await rendered.get(late, 0)).toBeUndefined();
  await a.close();
  await b.close();
}

async function rows(store: Store): Promise<number> {
  return Number((await store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM tracker_pages'))?.n);
}

describe('paging store shared by replicas', () => {
  const stores = sharedStores('pages');

  it('one SQLite file: a click on the other replica shows the right page until it expires', async () => {
    await clickOnOtherReplica(stores.sqlite('a.sqlite'));
  });

  it('PostgreSQL: a click on the other replica shows the right page until it expires', async () => {
    await clickOnOtherReplica(await stores.postgres('pages'));
  }, 30_000);

  it('the store keeps at most `capacity` replies and drops expired ones', async () => {
    const store = await openStore(stores.sqlite('b.sqlite'));
    let now = 0;
    const pages = new PageStore<Page>({ store, capacity: 5, ttlMs: 500_000, now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      now += 61_000; // each put may prune (at most once a minute)
      ids.push(pages.put(pagesOf(1, `r${i}`)));
      await pages.settled();
    }
    // Ttl 500 s = 8 puts; capacity 5 wins: the five newest remain.
    expect(await rows(store)).toBe(5);
    const fresh = new PageStore<Page>({ store, now: () => now });
    expect((await fresh.get(ids[11] as string, 0))?.page.text).toBe('r11 page 1');
    expect(await fresh.get(ids[6] as string, 0)).toBeUndefined();
    await store.close();
  });

  it('on memory:// pages stay in the process that rendered them', async () => {
    const [a, b] = [await openStore('memory://'), await openStore('memory://')];
    const mine = new PageStore<Page>({ store: a });
    const id = mine.put(pagesOf(2, 'x'));
    await mine.settled();
    expect((await mine.get(id, 1))?.page.text).toBe('x page 2');
    expect(await new PageStore<Page>({ store: b }).get(id, 1)).toBeUndefined();
    await a.close();
    await b.close();
  });
});
