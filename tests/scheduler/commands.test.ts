import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

const discord = { platform: 'discord' as const, tenant: 'discord:900', user: 'discord:1', channel: 'discord:555', isAdmin: true };
let bot: TestBot | undefined;
afterEach(async () => {
  if (bot) {
    await closeDeliveryDb(bot.services.store);
    await bot.close();
  }
  bot = undefined;
});

describe('/settings', () => {
  it('sets the picks and alerts channels of the tenant, prefixed with its platform', async () => {
    bot = await createTestBot({ symbols: 200 });
    const picks = await bot.exec('/settings picks-channel <#123456789012345678>', discord);
    expect(picks).toMatchObject({ ok: true, data: { tenant: 'discord:900', picksChannel: 'discord:123456789012345678' } });
    const alerts = await bot.exec('/settings alerts-channel here', discord);
    expect(alerts).toMatchObject({ ok: true, data: { picksChannel: 'discord:123456789012345678', alertsChannel: 'discord:555' } });
    const other = await bot.exec('/settings', { ...discord, tenant: 'discord:901' });
    expect(other.data).toEqual({ tenant: 'discord:901' });
  });

  it('is for admins only and refuses channels of another platform or bad zones', async () => {
    bot = await createTestBot({ symbols: 200 });
    expect(await bot.exec('/settings picks-channel 123', { ...discord, isAdmin: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await bot.exec('/settings picks-channel slack:C1', discord)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await bot.exec('/settings timezone Mars/Base', discord)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await bot.exec('/settings picks-channel', discord)).toMatchObject({ ok: false, error: { code: 'MISSING_ARGUMENT' } });
  });
});

describe('/schedule', () => {
  const job = (r: Reply, name: string) => (r.data as { jobs: { job: string; next?: string; last?: { slot: string } }[] }).jobs.find((j) => j.job === name);

  it('shows the next run in New York time, skipping Thanksgiving, and the last run once a job ran', async () => {
    bot = await createTestBot({ symbols: 200, now: new Date('2026-11-25T12:00:00-05:00') });
    const before = await bot.exec('/schedule', { platform: 'console', tenant: 'console:local', channel: 'console:main' });
    expect(before.ok).toBe(true);
    expect(job(before, 'morning')?.next).toBe('2026-11-27T14:45:00.000Z');
    expect(job(before, 'eod')?.next).toBe('2026-11-25T21:15:00.000Z');
    expect(job(before, 'morning')?.last).toBeUndefined();

    const sent: Reply[] = [];
    const scheduler = await createScheduler({
      services: bot.services,
      send: async (_c, r) => void sent.push(r),
      tenants: ['console:local'],
      morningPost: async () => ({ ok: true, command: 'morning', kind: 'post', title: 'picks' }),
    });
    bot.clock.set(new Date('2026-11-27T09:45:00-05:00'));
    await scheduler.tick();
    expect(sent).toHaveLength(1);
    const after = await bot.exec('/schedule', { platform: 'console', tenant: 'console:local', channel: 'console:main' });
    expect(job(after, 'morning')?.last?.slot).toBe('2026-11-27T09:45');
    expect(job(after, 'eod')?.next).toBe('2026-11-27T18:15:00.000Z'); // 13:15 after the early close
    expect(after.fields?.find((f) => f.name === 'Picks channel')?.value).toBe('console:main');
  });
});
