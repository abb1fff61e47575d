import { describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/chat/discord/index.js';
import { createRouter } from '../../src/chat/router.js';
import { FakeDiscord } from './fakes/discord.js';
import { fakeCommands, fakeServices } from './support.js';

describe('Discord start-up', () => {
  it('gives up with one sentence when the gateway never sends READY', async () => {
    const fake = new FakeDiscord({ ready: false });
    const api = await fake.listen();
    const adapter = new DiscordAdapter(await fakeServices(), createRouter(fakeCommands), { token: 't', apiBase: api, readyTimeoutMs: 1500 });
    const t0 = Date.now();
    try {
      const err = await adapter.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(
        'Discord did not report the bot as connected (no READY from the gateway) within 1.5 s; check DISCORD_TOKEN, DISCORD_API_BASE and the network.',
      );
      expect(Date.now() - t0).toBeLessThan(4000);
      // The client reached the gateway (so the wait was for READY, not for the connection).
      expect(fake.identifies.length).toBe(1);
      // Nothing is registered and the client stopped retrying.
      expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
      const identifies = fake.identifies.length;
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.identifies.length).toBe(identifies);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  }, 15_000);
});
