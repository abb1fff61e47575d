/**
 * Exactly once across crashes: the bot runs as a child process (`--demo --json`, a SQLite store
 * file, an accelerated TRACKER_CLOCK just before 09:45), is SIGKILLed in the middle of the
 * morning post (TRACKER_PAUSE_AT holds it between claim and send), and restarted on the same
 * store: one morning post overall. An alert left in the outbox by a crash is delivered once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/delivery/db.js';
import { processOwner } from '../../src/store/lease.js';
import { createOutbox } from '../../src/store/outbox.js';
import { killBots, ranSince, startBot, type BotProcess as Bot } from '../helpers/botProcess.js';

const dirs: string[] = [];
afterEach(() => {
  killBots();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-crash-'));
  dirs.push(dir);
  return join(dir, 'store.sqlite');
};
const morningPosts = (bots: Bot[]) => bots.flatMap((b) => b.lines).filter((l) => l.kind === 'post' && l.data?.job === 'morning');

describe('exactly once across a SIGKILL (child process)', () => {
  for (const point of ['run-claimed', 'outbox-claimed'] as const) {
    it(`posts the morning picks once when killed at ${point} and restarted`, async () => {
      const file = store();
      const env = { STORE_URL: `sqlite://${file}`, TRACKER_CLOCK: '2026-12-01T09:44:30-05:00x60' };
      const first = startBot({ ...env, TRACKER_PAUSE_AT: `${point}:120000:morning|` });
      await first.waitFor(`pause at ${point}`, () => first.stderr().includes(`TRACKER_PAUSED ${point} morning|2026-12-01T09:45|console:local|console:main`));
      await first.kill();
      expect(morningPosts([first])).toHaveLength(0);

      const second = startBot({ ...env, TRACKER_CLOCK: '2026-12-01T09:50:00-05:00x60' });
      await second.waitFor('the morning post', () => morningPosts([second]).length > 0);
      await second.waitFor('a later slot run by the second bot', () => ranSince(second, '2026-12-01T09:55'));
      await second.kill();

      const third = startBot({ ...env, TRACKER_CLOCK: '2026-12-01T10:00:00-05:00x60' });
      // A third start later that morning posts nothing, judged once its scheduler ran the 10:05 slot.
      await third.waitFor('the third bot running the 10:05 slot', () => ranSince(third, '2026-12-01T10:05'));
      await third.kill();
      const posts = morningPosts([first, second, third]);
      expect(posts).toHaveLength(1);
      expect(posts[0]?.data?.slot).toBe('2026-12-01T09:45');
    }, 120_000);
  }

  it('delivers an alert that a crash left in the outbox once after the restart, and not again after another', async () => {
    const file = store();
    const db = await openDb(file);
    const outbox = createOutbox(db, processOwner());
    const id = 'alert|console:local|console:local|P9|stopLoss|2026-12-01';
    await outbox.put(
      {
        id,
        kind: 'alert',
        tenant: 'console:local',
        channel: 'console:main',
        day: '2026-12-01',
        reply: { ok: true, command: 'alert', kind: 'alert', text: 'Stop loss hit: P9 ABCD', data: { key: id } },
      },
      new Date('2026-12-01T15:00:00Z'),
    );
    await db.close();
    const env = { STORE_URL: `sqlite://${file}`, TRACKER_CLOCK: '2026-12-01T12:00:00-05:00x60' };
    const mine = (b: Bot) => b.lines.filter((l) => l.kind === 'alert' && l.text === 'Stop loss hit: P9 ABCD');
    const first = startBot(env);
    await first.waitFor('the pending alert', () => mine(first).length > 0);
    await new Promise((ok) => setTimeout(ok, 1500));
    await first.kill();
    const second = startBot({ ...env, TRACKER_CLOCK: '2026-12-01T12:30:00-05:00x60' });
    await second.waitFor('the second bot running the 12:35 slot', () => ranSince(second, '2026-12-01T12:35'));
    await second.kill();
    expect(mine(first)).toHaveLength(1);
    expect(mine(second)).toHaveLength(0);
  }, 120_000);
});
