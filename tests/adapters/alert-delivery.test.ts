/**
 * Personal alerts by DM or mention, as the user chose with /alerts deliver: scheduled alerts go
 * through a real outbox and dispatcher to the real adapters (discord.js, Bolt) against the fakes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import alertsCommand from '../../commands/alerts.js';
import type { Command } from '../../src/chat/command.js';
import { okReply, type Reply } from '../../src/chat/reply.js';
import { createRouter } from '../../src/chat/router.js';
import { openDb, type Db } from '../../src/delivery/db.js';
import { channelSender, createDispatcher, type Dispatcher } from '../../src/delivery/dispatcher.js';
import { processOwner } from '../../src/store/lease.js';
import { createOutbox, type Outbox } from '../../src/store/outbox.js';
import { getUserPrefs, setAlertDelivery } from '../../src/store/prefs.js';
import { routeAlerts } from '../../src/delivery/route.js';
import type { Services } from '../../src/services.js';
import { DiscordHarness } from './discord-harness.js';
import { CHANNEL_ID, GUILD_ID, type RestCall } from './fakes/discord.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices } from './support.js';

const commands = [...fakeCommands, alertsCommand as unknown as Command];

/** An alert as the scheduler writes it (scheduler.ts alertReply): `recipient` is the book's owner. */
function alert(tenant: string, user: string, text: string): Reply {
  return {
    ...okReply('alert', { kind: 'alert', title: 'Alert', text, severity: 'error', footer: 'intraday check 10:30 ET', recipient: { tenant, user } }),
    data: { job: 'intraday', tenant, user, key: text },
  };
}

async function delivery(services: Services, send: ReturnType<typeof channelSender>) {
  const db = await openDb(':memory:');
  const outbox = createOutbox(db, processOwner());
  const dispatcher = createDispatcher({
    outbox,
    send: routeAlerts(send, services.store, services.logger),
    clock: services.clock,
    logger: services.logger,
    sleep: async () => undefined,
  });
  return { db, outbox, dispatcher };
}

describe('Discord: personal alerts by DM or mention', () => {
  const tenant = `discord:${GUILD_ID}`;
  const [DM, MENTION, PLAIN, CLOSED] = ['500000000000000101', '500000000000000102', '500000000000000103', '500000000000000104'];
  let h: DiscordHarness;
  let services: Services;
  let db: Db;
  let outbox: Outbox;
  let dispatcher: Dispatcher;
  const put = (id: string, user: string, text: string) =>
    outbox.put({ id, kind: 'alert', tenant, channel: `discord:${CHANNEL_ID}`, day: '2026-12-01', reply: alert(tenant, user, text) }, services.clock.now());
  const messages = (since: number): RestCall[] => h.fake.calls.slice(since).filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));

  beforeAll(async () => {
    services = await fakeServices();
    h = await DiscordHarness.start(services, createRouter(commands));
    ({ db, outbox, dispatcher } = await delivery(services, channelSender([h.adapter])));
  }, 30_000);
  afterAll(async () => {
    await db?.close();
    await h?.close();
  });

  it('/alerts deliver stores the choice per tenant and user; a bad mode is a coded error', async () => {
    const out = await h.command(
      'alerts',
      [
        { name: 'action', type: 3, value: 'deliver' },
        { name: 'target', type: 3, value: 'dm' },
      ],
      { user: DM },
    );
    expect(out.ackEphemeral).toBe(true);
    expect(out.text).toContain('Alert delivery: dm');
    expect(await getUserPrefs(services.store, tenant, `discord:${DM}`)).toEqual({ alerts: 'dm' });
    expect(await getUserPrefs(services.store, 'discord:999999', `discord:${DM}`)).toEqual({ alerts: 'channel' });
    const bad = await h.command(
      'alerts',
      [
        { name: 'action', type: 3, value: 'deliver' },
        { name: 'target', type: 3, value: 'pigeon' },
      ],
      { user: DM },
    );
    expect(bad.text).toBe('/alerts deliver needs channel, dm, mention — for example: /alerts deliver dm.');
    await h.command(
      'alerts',
      [
        { name: 'action', type: 3, value: 'deliver' },
        { name: 'target', type: 3, value: 'mention' },
      ],
      { user: MENTION },
    );
  });

  it('sends each alert once, by the owner’s choice; shared-book alerts stay in the channel', async () => {
    const since = h.fake.calls.length;
    await put('alert|dm', `discord:${DM}`, 'ABCD stop hit @everyone');
    await put('alert|mention', `discord:${MENTION}`, 'XYZ target hit @everyone');
    await put('alert|plain', `discord:${PLAIN}`, 'BCDE expiry near');
    await put('alert|shared', 'shared', 'Book VaR over limit');
    expect(await dispatcher.flush()).toBe(4);

    const open = h.fake.calls.slice(since).filter((c) => c.path === '/users/@me/channels');
    expect(open.map((c) => c.body)).toEqual([{ recipient_id: DM }]);
    const sent = messages(since);
    expect(sent).toHaveLength(4);
    const dmChannel = [...h.fake.dmChannels].find(([, user]) => user === DM)?.[0];
    const [dm, mention, plain, shared] = sent;
    expect(dm?.path).toBe(`/channels/${dmChannel}/messages`);
    expect(dm?.body).toMatchObject({ content: '', allowed_mentions: { parse: [] } });
    expect(mention?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    // Exactly one user may be pinged, the owner; the @everyone in the text stays inert.
    expect(mention?.body).toMatchObject({ content: `<@${MENTION}>`, allowed_mentions: { parse: [], users: [MENTION] } });
    expect(JSON.stringify(mention?.body)).toContain('@everyone');
    for (const c of [plain, shared]) {
      expect(c?.path).toBe(`/channels/${CHANNEL_ID}/messages`);
      expect(c?.body).toMatchObject({ content: '', allowed_mentions: { parse: [] } });
      expect((c?.body as { allowed_mentions: { users?: string[] } }).allowed_mentions.users).toBeUndefined();
    }

    for (const id of ['alert|dm', 'alert|mention', 'alert|plain', 'alert|shared']) {
      expect(await outbox.get(id)).toMatchObject({ id, state: 'sent', attempts: 1, channel: `discord:${CHANNEL_ID}` });
    }
    // Exactly once: a second pass, or the same alert written again, sends nothing.
    expect(await put('alert|dm', `discord:${DM}`, 'ABCD stop hit @everyone')).toBe(false);
    const before = h.fake.calls.length;
    expect(await dispatcher.flush()).toBe(0);
    expect(h.fake.calls.length).toBe(before);
  });

  it('posts in the channel with a mention when the user refuses DMs', async () => {
    await setAlertDelivery(services.store, tenant, `discord:${CLOSED}`, 'dm');
    h.fake.closedDms.add(CLOSED);
    const since = h.fake.calls.length;
    await put('alert|closed', `discord:${CLOSED}`, 'ABEX stop hit');
    expect(await dispatcher.flush()).toBe(1);
    const sent = messages(since);
    expect(sent.map((c) => c.path)).toEqual([expect.stringMatching(/^\/channels\/\d+\/messages$/), `/channels/${CHANNEL_ID}/messages`]);
    expect(sent[1]?.body).toMatchObject({ content: `<@${CLOSED}>`, allowed_mentions: { parse: [], users: [CLOSED] } });
    expect(await outbox.get('alert|closed')).toMatchObject({ state: 'sent', attempts: 1 });
  });
});

describe('Slack: personal alerts by DM or mention', () => {
  const tenant = 'slack:T0TEST';
  let h: SlackHarness;
  let services: Services;
  let db: Db;
  let outbox: Outbox;
  let dispatcher: Dispatcher;
  const put = (id: string, user: string, text: string) =>
    outbox.put({ id, kind: 'alert', tenant, channel: 'slack:C0ALERTS', day: '2026-12-01', reply: alert(tenant, user, text) }, services.clock.now());

  beforeAll(async () => {
    services = await fakeServices();
    h = await SlackHarness.start(services, createRouter(commands), 'http');
    ({ db, outbox, dispatcher } = await delivery(services, channelSender([h.adapter])));
  }, 30_000);
  afterAll(async () => {
    await db?.close();
    await h?.close();
  });

  it('routes by /alerts deliver: DM to the user id, mention of that user only, channel by default', async () => {
    expect((await h.command('/alerts', 'deliver dm', { user: 'U0DM' })).text).toContain('Alert delivery: dm');
    expect((await h.command('/tracker', 'alerts deliver mention', { user: 'U0MENTION' })).text).toContain('Alert delivery: mention');
    const since = h.fake.api.length;
    await put('alert|dm', 'slack:U0DM', 'ABCD stop hit <!everyone>');
    await put('alert|mention', 'slack:U0MENTION', 'XYZ target hit <!channel> <@U0OTHER>');
    await put('alert|plain', 'slack:U0PLAIN', 'BCDE expiry near');
    await put('alert|shared', 'shared', 'Book VaR over limit');
    expect(await dispatcher.flush()).toBe(4);

    const posts = h.fake.api.slice(since).filter((r) => r.path === 'chat.postMessage');
    expect(posts.map((p) => p.body.channel)).toEqual(['U0DM', 'C0ALERTS', 'C0ALERTS', 'C0ALERTS']);
    const [dm, mention, plain, shared] = posts.map((p) => JSON.stringify(p.body));
    expect(String(posts[1]?.body.text)).toMatch(/^<@U0MENTION> /);
    expect((posts[1]?.body.blocks as { text?: { text: string } }[])[0]?.text?.text).toBe('<@U0MENTION>');
    // The one live mention is the owner's; the text's broadcast and other user are escaped.
    expect(mention?.match(/<[@!][^>]*>/g)).toEqual(['<@U0MENTION>', '<@U0MENTION>']);
    for (const raw of [dm, plain, shared]) expect(raw).not.toMatch(/<[@!]/);
    for (const id of ['alert|dm', 'alert|mention', 'alert|plain', 'alert|shared']) expect(await outbox.get(id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await dispatcher.flush()).toBe(0);
  });
});
