/** Sharding: one process per gateway shard, told by DISCORD_SHARD=ID/COUNT. */
import { describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/chat/discord/index.js';
import { createRouter } from '../../src/chat/router.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { APP_ID, FakeDiscord } from './fakes/discord.js';
import { fakeCommands, fakeServices } from './support.js';

describe('Discord sharding', () => {
  it('identifies as its shard, and only shard 0 registers the commands', async () => {
    const fake = new FakeDiscord();
    const api = await fake.listen();
    const one = new DiscordAdapter(await fakeServices(), createRouter(fakeCommands), { token: 't', apiBase: api, shard: { id: 1, count: 2 } });
    const zero = new DiscordAdapter(await fakeServices(), createRouter(fakeCommands), { token: 't', apiBase: api, shard: { id: 0, count: 2 } });
    try {
      await one.start();
      expect(fake.identifies).toEqual([expect.objectContaining({ shard: [1, 2] })]);
      expect(fake.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`)).toBe(false);
      await zero.start();
      expect(fake.identifies[1]).toMatchObject({ shard: [0, 2] });
      expect(fake.calls.filter((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`)).toHaveLength(1);
    } finally {
      await one.stop();
      await zero.stop();
      await fake.close();
    }
  });

  it('reads DISCORD_SHARD as ID/COUNT and refuses an id outside the count', () => {
    expect(loadConfig({ env: { DISCORD_SHARD: '3/4' }, file: false }).chat.discord.shard).toBe('3/4');
    expect(() => loadConfig({ env: { DISCORD_SHARD: '4/4' }, file: false })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { DISCORD_SHARD: '4/4' }, file: false })).toThrow(
      'Config error: DISCORD_SHARD (chat.discord.shard) must be ID/COUNT with ID below COUNT, e.g. 0/4, but got "4/4".',
    );
    expect(() => loadConfig({ env: { DISCORD_SHARD: 'two' }, file: false })).toThrow(/must be ID\/COUNT, e\.g\. 0\/4/);
  });
});
