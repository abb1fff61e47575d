import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/chat/router.js';
import { DiscordHarness } from './discord-harness.js';
import { fakeCommands, fakeServices } from './support.js';

describe('Discord adapter against a fake Discord', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await DiscordHarness.start(await fakeServices(), createRouter(fakeCommands));
  }, 30_000);
  afterAll(async () => h?.close());

  it('registers one guild command per definition', async () => {
    expect(h.fake.commands.map((c) => c.name)).toEqual(fakeCommands.map((c) => c.name));
    expect(h.adapter.registered?.scope).toBe('guild');
  });

  it('answers /greeks', async () => {
    const out = await h.command('greeks', [{ name: 'ticker', type: 3, value: 'abcd' }]);
    expect(out.ok).toBe(true);
    expect(out.text).toContain('ABCD options');
  });
});
