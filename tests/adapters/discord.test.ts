import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommands } from '../../src/chat/discord/definitions.js';
import { DiscordAdapter } from '../../src/chat/discord/index.js';
import { okReply } from '../../src/chat/reply.js';
import { createRouter } from '../../src/chat/router.js';
import { DiscordHarness, embedText } from './discord-harness.js';
import { APP_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from './fakes/discord.js';
import { discordMentionSafe } from './platforms.js';
import { fakeCommands, fakeServices, sleep } from './support.js';

describe('Discord adapter against a fake Discord', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await DiscordHarness.start(await fakeServices(), createRouter(fakeCommands));
  }, 30_000);
  afterAll(async () => h?.close());

  it('connects with only the Guilds intent and registers one guild command per definition', async () => {
    expect((h.fake.identifies[0] as { intents: number }).intents).toBe(1);
    const put = await h.fake.waitFor((c) => c.method === 'PUT');
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body).toEqual(slashCommands(fakeCommands));
    expect(h.fake.commands.map((c) => c.name)).toEqual(fakeCommands.map((c) => c.name));
    expect(h.adapter.registered).toEqual({ scope: 'guild', names: fakeCommands.map((c) => c.name) });
  });

  it('defers before routing, then edits the reply; progress edits the deferred reply', async () => {
    const out = await h.command('scan', [{ name: 'limit', type: 4, value: 3 }]);
    expect(out.ackType).toBe(5);
    expect(out.ok).toBe(true);
    const edits = out.payloads.filter((c) => c.method === 'PATCH').map((c) => (c.body as { content?: string }).content);
    expect(edits[0]).toBe('⏳ scanning');
    expect(out.text).toContain('SYM0003');
  });

  it('defers ephemeral for personal commands and checks Manage Server for admin commands', async () => {
    const denied = await h.command('settings', [], { admin: false });
    expect(denied.ackEphemeral).toBe(true);
    expect(denied.ok).toBe(false);
    expect(denied.text).toMatch(/Only server admins/);
    const allowed = await h.command('settings', [], { admin: true });
    expect(allowed.text).toContain('settings ok');
  });

  it('uses the guild as tenant, and the user in a DM', async () => {
    const inGuild = await h.command('whoami', [], { user: '500000000000000042' });
    expect(inGuild.text).toContain(`tenant=discord:${GUILD_ID} user=discord:500000000000000042 channel=discord:${CHANNEL_ID} admin=false`);
    const dm = await h.command('whoami', [], { user: '500000000000000042', dm: true });
    expect(dm.text).toContain('tenant=discord:dm:500000000000000042');
    // A DM has no server, so nobody is its admin (issue #16: a DM used to count as admin).
    expect(dm.text).toContain('admin=false');
  });

  it('answers a failing command with one ephemeral sentence, mentions disabled', async () => {
    const out = await h.command('broken');
    expect(out.finalEphemeral).toBe(true);
    expect(out.text).toBe('This command is broken on purpose.');
    expect(discordMentionSafe(out)).toBe(true);
    expect(out.payloads.some((c) => c.method === 'DELETE')).toBe(true);
  });

  it('autocompletes tickers from the market universe', async () => {
    const { token } = h.fake.interact({ kind: 'autocomplete', name: 'greeks', options: [{ name: 'ticker', type: 3, value: 'ab', focused: true }] });
    const res = await h.fake.waitFor((c) => c.path.includes(`/${token}/callback`));
    expect(res.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: 'ABCD — ABCD Corp', value: 'ABCD' },
          { name: 'ABEX — ABEX Corp', value: 'ABEX' },
        ],
      },
    });
  });

  it('flips /greeks to puts and steps expiries with buttons', async () => {
    const out = await h.command('greeks', [{ name: 'ticker', type: 3, value: 'ABCD' }]);
    const edit = out.payloads.find((c) => c.method === 'PATCH') as { body: { components: { components: { custom_id: string; label: string }[] }[] } };
    const nav = edit.body.components.flatMap((r) => r.components);
    expect(nav.map((b) => b.label)).toEqual(['Calls', 'Puts', '2027-01-15 ▶']);
    const puts = nav[1]?.custom_id as string;
    const { token } = h.fake.interact({ kind: 'button', customId: puts, message: h.fake.message(edit.body, CHANNEL_ID) });
    const ack = await h.fake.waitFor((c) => c.path.includes(`/${token}/callback`));
    expect((ack.body as { type: number }).type).toBe(6);
    const updated = await h.fake.waitFor((c) => c.method === 'PATCH' && c.path.includes(`/${token}/`));
    expect(embedText(updated.body)).toContain('ABCD options 2026-12-18 puts');
    const labels = (updated.body as typeof edit.body).components.flatMap((r) => r.components).map((b) => b.label);
    expect(labels).toEqual(['Calls', '2027-01-15 ▶']);
  });

  it('answers an expired page button instead of failing', async () => {
    const { token } = h.fake.interact({ kind: 'button', customId: 'page:gone:1:next', message: h.fake.message({ content: 'x' }, CHANNEL_ID) });
    const res = await h.fake.waitFor((c) => c.path.includes(`/${token}/callback`));
    expect((res.body as { data: { content: string; flags: number } }).data).toMatchObject({ content: expect.stringMatching(/expired/), flags: 64 });
  });

  it('posts scheduled messages to channels and DMs with mentions disabled', async () => {
    await h.adapter.send(`discord:${CHANNEL_ID}`, okReply('scan', { kind: 'post', title: 'Morning picks', text: '@everyone ABCD' }));
    const post = await h.fake.waitFor((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [] }, embeds: [{ title: 'Morning picks', description: '@everyone ABCD' }] });
    await h.adapter.send('discord:dm:500000000000000077', okReply('alerts', { kind: 'alert', text: 'Stop hit' }));
    const dm = await h.fake.waitFor((c) => c.method === 'POST' && c.path === '/users/@me/channels');
    expect(dm.body).toEqual({ recipient_id: '500000000000000077' });
  });

  it('survives a gateway drop: resumes and keeps answering', async () => {
    h.fake.dropConnections();
    for (let i = 0; i < 200 && h.fake.resumes.length + h.fake.identifies.length < 2; i++) await sleep(25);
    expect(h.fake.resumes.length + h.fake.identifies.length).toBeGreaterThanOrEqual(2);
    await sleep(100);
    const out = await h.command('greeks', [{ name: 'ticker', type: 3, value: 'XYZ' }]);
    expect(out.text).toContain('XYZ options');
  }, 20_000);
});

describe('Discord registration without a guild id', () => {
  it('registers global commands', async () => {
    const fake = new FakeDiscord();
    const api = await fake.listen();
    const adapter = new DiscordAdapter(await fakeServices(), createRouter(fakeCommands), { token: 't', apiBase: api });
    try {
      await adapter.start();
      expect(adapter.registered?.scope).toBe('global');
      expect(fake.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${APP_ID}/commands`)).toBe(true);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
