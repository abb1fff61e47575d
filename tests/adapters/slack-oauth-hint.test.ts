/**
 * Slack for many workspaces: a workspace that has not installed the bot. A slash command from it is
 * answered in the HTTP acknowledgement itself (no token is needed there) with one ephemeral sentence
 * naming the install page; nothing is stored and no Web API call is made; an event is only logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installUrlFrom } from '../../src/chat/slack/oauth.js';
import { type FakeSlack, postToBot } from './fakes/slack.js';
import { type Bot, OAuthBots } from './slack-oauth.fixture.js';
import { sleep } from './support.js';

describe('Slack for many workspaces: a workspace without an installation', () => {
  const o = new OAuthBots();
  const bots = o.bots;
  let fake: FakeSlack;
  const startBot = (extra?: { redirectUri?: string }) => o.start(extra);
  const stopBot = (bot: Bot) => o.stop(bot);
  const storeRows = (bot: Bot) => o.storeRows(bot);
  const { callsSince } = o;

  beforeAll(async () => {
    await o.open();
    fake = o.fake;
    await startBot();
  }, 30_000);
  afterAll(() => o.close());

  it('answers a command from a workspace without an installation in the HTTP acknowledgement: one ephemeral sentence with the install link, no Web API call, nothing stored; an event only logs', async () => {
    const known = await startBot({ redirectUri: 'https://bots.example.com/tracker/slack/oauth_redirect' });
    const unknown = bots[0] as Bot;
    const before = await storeRows(known);
    const since = fake.api.length;
    const responses = fake.responses.length;
    const nobody = { team: 'T0NOBODY', user: 'U0NEW' };

    const linked = await postToBot(`${known.base}/slack/events`, fake.commandFields('/whoami', '', nobody));
    expect(linked.status).toBe(200);
    expect(JSON.parse(linked.text)).toEqual({
      response_type: 'ephemeral',
      text: 'This Slack workspace has not installed the Small-Cap Tracker yet: a workspace admin can add it at https://bots.example.com/tracker/slack/install.',
    });
    // Without SLACK_REDIRECT_URI the bot does not know its public address: it says what to ask for.
    const unlinked = await postToBot(`${unknown.base}/slack/events`, fake.commandFields('/portfolio', 'add RXBY 10', nobody));
    expect(JSON.parse(unlinked.text)).toEqual({
      response_type: 'ephemeral',
      text: "This Slack workspace has not installed the Small-Cap Tracker yet: a workspace admin can add it from this bot's install page (its address ends in /slack/install; ask whoever runs the bot).",
    });
    // An event has no one to tell: an empty acknowledgement and the log line.
    const event = await postToBot(
      `${known.base}/slack/events`,
      {},
      { json: fake.eventBody(nobody.team, { type: 'message', text: 'hi', user: 'U0NEW', channel: 'C0ZED' }) },
    );
    expect([event.status, event.text]).toEqual([200, '']);

    await sleep(300);
    expect(callsSince(since)).toEqual([]);
    expect(fake.responses.length).toBe(responses);
    expect(await storeRows(known)).toEqual(before);
    expect(known.logs.map((l) => l.msg).filter((m) => m.startsWith('slack: no installation for team T0NOBODY'))).toEqual([
      'slack: no installation for team T0NOBODY; its command was answered with the install hint (install the app there through /slack/install)',
      'slack: no installation for team T0NOBODY; its request was acknowledged and dropped (install the app there through /slack/install)',
    ]);
    await stopBot(known);
  });
});

describe('the install link in the not-installed sentence', () => {
  it('is the install page beside SLACK_REDIRECT_URI, a proxy prefix kept, or unknown when that URL is not the redirect path', () => {
    expect(installUrlFrom('https://your.host/slack/oauth_redirect')).toBe('https://your.host/slack/install');
    expect(installUrlFrom('https://your.host:8443/bots/tracker/slack/oauth_redirect?x=1')).toBe('https://your.host:8443/bots/tracker/slack/install');
    expect(installUrlFrom('https://your.host/oauth/callback')).toBeUndefined();
    expect(installUrlFrom(undefined)).toBeUndefined();
  });
});
