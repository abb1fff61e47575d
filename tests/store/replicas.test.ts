import { afterEach, describe, expect, it } from 'vitest';
import { killBots, ranSince, startBot, type BotProcess as Bot } from '../helpers/botProcess.js';
import { sharedStores } from './postgres.helpers.js';

afterEach(killBots);

const morningPosts = (bots: Bot[]) => bots.flatMap((b) => b.lines).filter((l) => l.kind === 'post' && l.data?.job === 'morning');
async function oneMorningPost(storeUrl: string): Promise<void> {
  const env = { STORE_URL: storeUrl, TRACKER_CLOCK: '2026-12-01T09:44:30-05:00x60' };
  // The first bot claims the 09:45 post and is held there, then killed while the others run.
  const first = startBot({ ...env, TRACKER_PAUSE_AT: 'run-claimed:120000:morning|' });
  await first.waitFor('the first bot holding the morning post', () => first.stderr().includes('TRACKER_PAUSED run-claimed morning|2026-12-01T09:45'));
  const others = [0, 1].map(() => startBot({ ...env, TRACKER_CLOCK: '2026-12-01T09:46:00-05:00x60' }));
  // Ready: both schedulers started, and the slots after 09:45 ran (each slot by whichever replica claimed it).
  await Promise.all(others.map((b) => b.waitFor('its scheduler', () => b.stderr().includes('"msg":"scheduler started"'))));
  await others[0]!.waitFor('a later slot run by a replica', () => others.some((b) => ranSince(b, '2026-12-01T09:50')));
  expect(morningPosts([first, ...others])).toHaveLength(0); // held by a live process: nobody else posts
  await first.kill();
  await Promise.race(others.map((b) => b.waitFor('the morning post', () => morningPosts(others).length > 0)));
  // The survivors keep running past the next slots: still one post.
  await others[0]!.waitFor('two more slots', () => others.some((b) => ranSince(b, '2026-12-01T10:00')));
  await Promise.all(others.map((b) => b.kill()));
  const posts = morningPosts([first, ...others]);
  expect(posts).toHaveLength(1);
  expect(posts[0]?.data?.slot).toBe('2026-12-01T09:45');
}

describe('three replicas, one morning post', () => {
  const stores = sharedStores('replicas');

  it('on one SQLite file, with the claiming process SIGKILLed mid-post', async () => {
    await oneMorningPost(stores.sqlite('store.sqlite'));
  }, 240_000);

  it('on PostgreSQL, with the claiming process SIGKILLed mid-post', async () => {
    await oneMorningPost(await stores.postgres('replicas'));
  }, 240_000);
});
