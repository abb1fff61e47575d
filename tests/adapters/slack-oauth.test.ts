/**
 * Slack for many workspaces, through the real Bolt App, @slack/oauth InstallProvider and
 * @slack/web-api against the fake Slack on 127.0.0.1: two workspaces install through
 * /slack/install → Slack's consent → /slack/oauth_redirect, each one's commands and scheduled
 * posts use its own bot token (the fake records the token of every Web API call), an uninstall
 * forgets only that workspace, and installations live in the store (a restart, and a second bot
 * on the same SQLite file, see them). A workspace without an installation: slack-oauth-hint.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okReply } from '../../src/chat/reply.js';
import { channelSender, createDispatcher } from '../../src/delivery/dispatcher.js';
import { routeAlerts } from '../../src/delivery/route.js';
import { findInstallation } from '../../src/store/installations.js';
import { processOwner } from '../../src/store/lease.js';
import { createOutbox } from '../../src/store/outbox.js';
import { setAlertDelivery } from '../../src/store/prefs.js';
import { CLIENT_ID, type FakeSlack, postToBot } from './fakes/slack.js';
import { A, B, type Bot, OAuthBots } from './slack-oauth.fixture.js';
import { sleep } from './support.js';

describe('Slack for many workspaces (OAuth)', () => {
  const o = new OAuthBots();
  const bots = o.bots;
  let fake: FakeSlack;
  const startBot = (extra?: { redirectUri?: string }) => o.start(extra);
  const stopBot = (bot: Bot) => o.stop(bot);
  const install = (bot: Bot, team: { id: string; name: string }, tamper?: { state?: string; noCookie?: boolean }) => o.install(bot, team, tamper);
  const gone = (bot: Bot, team: string) => o.gone(bot, team);
  const { tokenOf, callsSince } = o;

  beforeAll(async () => {
    await o.open();
    fake = o.fake;
    await startBot();
  }, 30_000);
  afterAll(() => o.close());

  it('starts without a bot token and serves the install page: Slack’s authorize URL with our client id, the bot scopes and a signed state', async () => {
    const bot = bots[0] as Bot;
    const page = await fetch(`${bot.base}/slack/install`);
    const href = /<a href="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const url = new URL(href.replace(/&amp;/g, '&'));
    expect(`${url.origin}${url.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('scope')?.split(',')).toContain('commands');
    expect(url.searchParams.get('state')).toMatch(/\S{20,}/);
    expect(page.headers.get('set-cookie')).toMatch(/^slack-app-oauth-state=\S+; Secure; HttpOnly/);
    expect(fake.api.filter((c) => c.path === 'auth.test')).toHaveLength(0);
  });

  it('refuses a forged state, a missing state and a state from another browser; nothing is stored', async () => {
    const bot = bots[0] as Bot;
    const forged = await install(bot, A, { state: 'forged-state' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('The install did not complete');
    const other = await install(bot, A, { noCookie: true });
    expect(other.status).toBe(400);
    const missing = await fetch(`${bot.base}/slack/oauth_redirect?code=${fake.grant(A)}`, { redirect: 'manual' });
    expect(missing.status).toBe(400);
    expect(await findInstallation(bot.services.store, { teamId: A.id })).toBeUndefined();
    // A refused redirect never reaches Slack: no code was exchanged.
    expect(fake.api.filter((c) => c.path === 'oauth.v2.access')).toHaveLength(0);
    expect(bot.logs.some((l) => /slack: an install was refused/.test(l.msg))).toBe(true);
  });

  it('installs two workspaces, each stored with its own bot token', async () => {
    const bot = bots[0] as Bot;
    for (const team of [A, B]) {
      const done = await install(bot, team);
      expect(done.status).toBe(200);
      expect(done.text).toContain('installed in your workspace');
    }
    const [a, b] = [await findInstallation(bot.services.store, { teamId: A.id }), await findInstallation(bot.services.store, { teamId: B.id })];
    expect(a?.team).toEqual({ id: A.id, name: A.name });
    expect(b?.team).toEqual({ id: B.id, name: B.name });
    expect(a?.bot?.token).toBe(tokenOf(A.id)[0]);
    expect(b?.bot?.token).toBe(tokenOf(B.id)[0]);
    expect(a?.bot?.token).not.toBe(b?.bot?.token);
    expect(a?.bot?.userId).toBe(`U0BOT${A.id}`);
    // InstallProvider checked each new token with auth.test, carrying that token.
    expect(fake.api.filter((c) => c.path === 'auth.test').map((c) => c.token)).toEqual([a?.bot?.token, b?.bot?.token]);
  });

  it("answers a command from each workspace with that workspace's token", async () => {
    const bot = bots[0] as Bot;
    const [tokenA] = tokenOf(A.id);
    const [tokenB] = tokenOf(B.id);
    let since = fake.api.length;
    const fromA = await bot.h.command('/whoami', '', { team: A.id, user: 'U0ANNA' });
    expect(fromA.text).toBe(`tenant=slack:${A.id} user=slack:U0ANNA channel=slack:C0TEST admin=false`);
    expect(callsSince(since).map((c) => [c.path, c.token])).toEqual([['users.info', tokenA]]);
    since = fake.api.length;
    const fromB = await bot.h.command('/whoami', '', { team: B.id, user: 'U0BOB', channel: 'C0BETA' });
    expect(fromB.text).toBe(`tenant=slack:${B.id} user=slack:U0BOB channel=slack:C0BETA admin=false`);
    expect(callsSince(since).map((c) => [c.path, c.token])).toEqual([['users.info', tokenB]]);
  });

  it("posts a scheduled post and an alert for B's tenant through the outbox with B's token; a tenant without an installation is refused", async () => {
    const bot = bots[0] as Bot;
    const [tokenB] = tokenOf(B.id);
    const outbox = createOutbox(bot.services.store.sql, processOwner());
    const dispatcher = createDispatcher({
      outbox,
      send: routeAlerts(channelSender([bot.adapter]), bot.services.store, bot.services.logger),
      clock: bot.services.clock,
      logger: bot.services.logger,
      sleep: async () => undefined,
    });
    const at = bot.services.clock.now();
    const tenant = `slack:${B.id}`;
    await outbox.put(
      {
        id: 'morning|B',
        kind: 'post',
        tenant,
        channel: 'slack:C0BETA',
        day: '2026-12-01',
        reply: okReply('scan', { kind: 'post', title: 'Morning picks', text: 'ABCD' }),
      },
      at,
    );
    await outbox.put(
      { id: 'alert|B', kind: 'alert', tenant, channel: 'slack:C0BETA', day: '2026-12-01', reply: okReply('alert', { kind: 'alert', text: 'XYZ stop hit' }) },
      at,
    );
    // A personal alert for a member of B who asked for DMs: the DM goes out with B's token too.
    await setAlertDelivery(bot.services.store, tenant, 'slack:U0BOB', 'dm');
    const personal = okReply('alert', { kind: 'alert', text: 'ABCD stop hit', recipient: { tenant, user: 'slack:U0BOB' } });
    await outbox.put({ id: 'alert|B|dm', kind: 'alert', tenant, channel: 'slack:C0BETA', day: '2026-12-01', reply: personal }, at);
    await outbox.put(
      {
        id: 'morning|Z',
        kind: 'post',
        tenant: 'slack:T0NOBODY',
        channel: 'slack:C0ZED',
        day: '2026-12-01',
        reply: okReply('scan', { kind: 'post', text: 'x' }),
      },
      at,
    );
    const since = fake.api.length;
    expect(await dispatcher.flush()).toBe(3);
    const posts = callsSince(since).filter((c) => c.path === 'chat.postMessage');
    expect(posts.map((c) => [c.body.channel, c.token]).sort()).toEqual([
      ['C0BETA', tokenB],
      ['C0BETA', tokenB],
      ['U0BOB', tokenB],
    ]);
    expect((await outbox.get('morning|Z'))?.state).toBe('pending');
    expect((await outbox.get('morning|Z'))?.lastError).toBe('no Slack installation for slack:T0NOBODY');
    expect(bot.logs.some((l) => /no installation for this tenant/.test(l.msg))).toBe(true);
  });

  it('forgets A after app_uninstalled: A’s commands get only the install hint and a clear log line, B is unaffected', async () => {
    const bot = bots[0] as Bot;
    fake.revokeTeam(A.id);
    const event = await postToBot(`${bot.base}/slack/events`, {}, { json: fake.eventBody(A.id, { type: 'app_uninstalled' }) });
    expect(event.status).toBe(200);
    expect(await gone(bot, A.id)).toBe(true);
    expect(bot.logs.some((l) => l.msg === `slack: the app was uninstalled for team ${A.id}; its installation was deleted`)).toBe(true);

    const since = fake.api.length;
    const responses = fake.responses.length;
    const fields = fake.commandFields('/whoami', '', { team: A.id });
    const res = await postToBot(`${bot.base}/slack/events`, fields);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^This Slack workspace has not installed/) });
    await sleep(300);
    expect(callsSince(since)).toEqual([]);
    expect(fake.responses.length).toBe(responses);
    expect(bot.logs.some((l) => l.msg.startsWith(`slack: no installation for team ${A.id}; its command was answered with the install hint`))).toBe(true);

    // Another user of B (the admin check of one user is cached): users.info goes out with B's token.
    const fromB = await bot.h.command('/whoami', '', { team: B.id, user: 'U0BRIT' });
    expect(fromB.text).toContain(`tenant=slack:${B.id}`);
    expect(callsSince(since).map((c) => c.token)).toEqual([tokenOf(B.id)[0]]);
  });

  it('forgets a workspace whose bot token was revoked, but not for a revoked user token', async () => {
    const bot = bots[0] as Bot;
    await install(bot, A);
    await postToBot(`${bot.base}/slack/events`, {}, { json: fake.eventBody(A.id, { type: 'tokens_revoked', tokens: { oauth: ['U0ANNA'] } }) });
    await sleep(300);
    expect(await findInstallation(bot.services.store, { teamId: A.id })).toBeDefined();
    await postToBot(`${bot.base}/slack/events`, {}, { json: fake.eventBody(A.id, { type: 'tokens_revoked', tokens: { bot: [`U0BOT${A.id}`] } }) });
    expect(await gone(bot, A.id)).toBe(true);
  });

  it('keeps installations across a restart, and two bots on one store share installs and uninstalls', async () => {
    await stopBot(bots[0] as Bot);
    const first = await startBot();
    const second = await startBot();
    // Stored before the restart: B answers at once, with its token, from either bot.
    for (const bot of [first, second]) {
      const since = fake.api.length;
      expect((await bot.h.command('/whoami', '', { team: B.id, user: 'U0BOB' })).text).toContain(`tenant=slack:${B.id}`);
      expect(callsSince(since).map((c) => c.token)).toEqual([tokenOf(B.id)[0]]);
    }
    // Installed through one bot, used through the other.
    expect((await install(first, A)).status).toBe(200);
    const tokenA = tokenOf(A.id).at(-1);
    const since = fake.api.length;
    expect((await second.h.command('/whoami', '', { team: A.id, user: 'U0ANNA' })).text).toContain(`tenant=slack:${A.id}`);
    expect(callsSince(since).map((c) => c.token)).toEqual([tokenA]);
    // Uninstalled through the second, gone for the first.
    await postToBot(`${second.base}/slack/events`, {}, { json: fake.eventBody(A.id, { type: 'app_uninstalled' }) });
    expect(await gone(second, A.id)).toBe(true);
    const before = fake.api.length;
    await postToBot(`${first.base}/slack/events`, fake.commandFields('/whoami', '', { team: A.id }));
    await sleep(300);
    expect(callsSince(before)).toEqual([]);
    expect(first.logs.some((l) => l.msg.startsWith(`slack: no installation for team ${A.id}`))).toBe(true);
  });
});
