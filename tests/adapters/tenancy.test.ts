/**
 * Issue #16's tenancy attacks, through the real clients against the fake Discord and Slack: a DM
 * posing as a server admin, channel targets in another server or workspace, mentions of people who
 * are not members. Each is refused with the sentence the user reads, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../../src/chat/discord/definitions.js';
import type { Command } from '../../src/chat/command.js';
import { createRouter } from '../../src/chat/router.js';
import { getTenantSettings } from '../../src/store/settings.js';
import type { Services } from '../../src/services.js';
import portfolio from '../../commands/portfolio.js';
import settings from '../../commands/settings.js';
import { CHANNEL_ID, GUILD_ID, MUTED_CHANNEL_ID, OTHER_CHANNEL_ID } from './fakes/discord.js';
import { CHANNEL, FOREIGN_CHANNEL, TEAM, UNJOINED_CHANNEL } from './fakes/slack.js';
import { DiscordHarness } from './discord-harness.js';
import { SlackHarness } from './slack-harness.js';
import { fakeServices, fakeWhoami } from './support.js';

const commands = [settings, portfolio, fakeWhoami] as unknown as Command[];
const str = (name: string, value: string) => ({ name, type: 3, value });
const bool = (name: string, value: boolean) => ({ name, type: 5, value });
const MEMBER = '500000000000000005';
const OUTSIDER = '510000000000000051';

describe('Discord tenancy', () => {
  let h: DiscordHarness;
  let services: Services;
  beforeAll(async () => {
    services = await fakeServices();
    h = await DiscordHarness.start(services, createRouter(commands));
  }, 30_000);
  afterAll(async () => h?.close());

  const set = (setting: string, value: string, who: { admin?: boolean; dm?: boolean } = { admin: true }) =>
    h.command('settings', [str('setting', setting), str('value', value)], who);

  it('offers /settings in servers only, never in DMs', () => {
    const json = slashCommand(settings as unknown as Command) as unknown as Record<string, unknown>;
    expect(json.contexts).toEqual([0]);
    expect(json.dm_permission).toBe(false);
    expect((slashCommand(portfolio as unknown as Command) as unknown as Record<string, unknown>).contexts).toEqual([0, 1]);
  });

  it('refuses /settings in a DM, even to pick a channel id', async () => {
    const out = await set('picks-channel', OTHER_CHANNEL_ID, { dm: true });
    expect(out.ok).toBe(false);
    expect(out.text).toBe("/settings changes a server's settings, so it works only in a channel of that server, not in a direct message.");
  });

  it('refuses the shared portfolio in a DM', async () => {
    const out = await h.command('portfolio', [str('action', 'add'), str('ticker', 'ABCD'), { name: 'quantity', type: 10, value: 10 }, bool('shared', true)], {
      dm: true,
    });
    expect(out.ok).toBe(false);
    expect(out.text).toMatch(/^The shared portfolio belongs to a server: run \/portfolio … shared=true in a channel of that server/);
  });

  it('does not make the DM sender an admin of their DM', async () => {
    const out = await h.command('whoami', [], { dm: true });
    expect(out.text).toContain('admin=false');
  });

  it('refuses a picks channel of another server the bot is also in', async () => {
    const out = await set('picks-channel', OTHER_CHANNEL_ID);
    expect(out.text).toBe(`Channel ${OTHER_CHANNEL_ID} is not a channel of this server (or the bot cannot see it); pick one of this server's channels.`);
    expect((await getTenantSettings(services.store, `discord:${GUILD_ID}`)).picksChannel).toBeUndefined();
  });

  it('refuses a channel that does not exist, and one where the bot may not post', async () => {
    expect((await set('picks-channel', '399999999999999999')).text).toMatch(/^Channel 399999999999999999 is not a channel of this server/);
    expect((await set('alerts-channel', MUTED_CHANNEL_ID)).text).toBe(
      `The bot cannot post in channel ${MUTED_CHANNEL_ID}: give it View Channel, Send Messages and Embed Links there, then try again.`,
    );
  });

  it('refuses a mention or DM target who is not a member of this server', async () => {
    expect((await set('alerts-channel', `discord:${CHANNEL_ID}@${OUTSIDER}`)).text).toBe(
      `User ${OUTSIDER} is not a member of this server; alerts can only mention or message its members.`,
    );
    expect((await set('alerts-channel', `discord:dm:${OUTSIDER}`)).text).toMatch(/^User 510000000000000051 is not a member of this server/);
    expect((await getTenantSettings(services.store, `discord:${GUILD_ID}`)).alertsChannel).toBeUndefined();
  });

  it('accepts its own channel, and a member to mention there', async () => {
    expect((await set('picks-channel', `<#${CHANNEL_ID}>`)).ok).toBe(true);
    expect((await set('alerts-channel', `discord:${CHANNEL_ID}@${MEMBER}`)).ok).toBe(true);
    expect(await getTenantSettings(services.store, `discord:${GUILD_ID}`)).toMatchObject({
      picksChannel: `discord:${CHANNEL_ID}`,
      alertsChannel: `discord:${CHANNEL_ID}@${MEMBER}`,
    });
  });
});

describe('Slack tenancy', () => {
  let h: SlackHarness;
  let services: Services;
  beforeAll(async () => {
    services = await fakeServices();
    h = await SlackHarness.start(services, createRouter(commands), 'http');
    h.fake.admins.add('U0BOSS');
  }, 30_000);
  afterAll(async () => h?.close());

  const set = (setting: string, value: string) => h.command('/settings', `${setting} ${value}`, { user: 'U0BOSS' });

  it('refuses a channel of another workspace', async () => {
    const out = await set('picks-channel', FOREIGN_CHANNEL);
    expect(out.ok).toBe(false);
    expect(out.text).toBe(`Channel ${FOREIGN_CHANNEL} is not a channel of this workspace (or the bot cannot see it); pick one of this workspace's channels.`);
  });

  it('refuses a channel the bot is not in, and a DM as a channel', async () => {
    expect((await set('picks-channel', UNJOINED_CHANNEL)).text).toBe(
      `The bot is not in channel ${UNJOINED_CHANNEL}: invite it there (/invite @tracker), then try again.`,
    );
    expect((await set('picks-channel', 'slack:D0SOMEONE')).text).toMatch(/^"D0SOMEONE" is not a Slack channel id/);
  });

  it('refuses a mention or DM of someone outside the workspace', async () => {
    expect((await set('alerts-channel', `slack:${CHANNEL}@U0STRANGER`)).text).toBe(
      'User U0STRANGER is not a member of this workspace; alerts can only mention or message its members.',
    );
    expect((await set('alerts-channel', 'slack:dm:U0STRANGER')).text).toMatch(/^User U0STRANGER is not a member of this workspace/);
    expect((await getTenantSettings(services.store, `slack:${TEAM}`)).alertsChannel).toBeUndefined();
  });

  it('accepts its own channel and a member of the workspace', async () => {
    expect((await set('alerts-channel', `slack:${CHANNEL}@U0MEMBER`)).text).toContain('alerts-channel updated');
    expect((await getTenantSettings(services.store, `slack:${TEAM}`)).alertsChannel).toBe(`slack:${CHANNEL}@U0MEMBER`);
  });
});
