/**
 * Slack for many workspaces is configured by three variables that only work together, in HTTP
 * mode, instead of a bot token: every half-way setting is one sentence naming what to change,
 * and no secret's value is ever shown.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const OAUTH = {
  SLACK_CLIENT_ID: '1111111111.2222222222222',
  SLACK_CLIENT_SECRET: 'client-SECRET-value',
  SLACK_STATE_SECRET: 'state-SECRET-of-sixteen-plus',
  SLACK_SIGNING_SECRET: 'signing-SECRET',
};
const load = (env: Record<string, string>) => loadConfig({ env, file: false });
const failure = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the config loaded');
};

describe('Slack OAuth config', () => {
  it('loads the three OAuth settings and the optional redirect URL', () => {
    const c = load({ ...OAUTH, SLACK_REDIRECT_URI: 'https://bot.example.com/slack/oauth_redirect' });
    expect(c.chat.slack).toMatchObject({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
      redirectUri: 'https://bot.example.com/slack/oauth_redirect',
    });
    expect(c.chat.slack.botToken).toBeUndefined();
  });

  it.each([
    [
      { SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: 's' },
      'Config error: SLACK_CLIENT_SECRET (chat.slack.clientSecret) must be set as well when SLACK_CLIENT_ID is set (many workspaces need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET), but got nothing.',
    ],
    [
      { SLACK_CLIENT_SECRET: 'x', SLACK_STATE_SECRET: OAUTH.SLACK_STATE_SECRET },
      'Config error: SLACK_CLIENT_ID (chat.slack.clientId) must be set as well when SLACK_CLIENT_SECRET is set (many workspaces need SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET), but got nothing.',
    ],
    [
      { ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-SECRET' },
      'Config error: SLACK_BOT_TOKEN (chat.slack.botToken) must be left unset when SLACK_CLIENT_ID is set (one workspace by token, or many by OAuth, not both), but got a value.',
    ],
    [
      { ...OAUTH, SLACK_APP_TOKEN: 'xapp-SECRET' },
      'Config error: SLACK_APP_TOKEN (chat.slack.appToken) must be left unset when SLACK_CLIENT_ID is set (many workspaces run in HTTP mode), but got a value.',
    ],
    [
      { ...OAUTH, SLACK_SIGNING_SECRET: '' },
      'Config error: SLACK_SIGNING_SECRET (chat.slack.signingSecret) must be set when SLACK_CLIENT_ID is set (it verifies the requests Slack sends to /slack/events), but got nothing.',
    ],
    [
      { ...OAUTH, SLACK_STATE_SECRET: 'short-SECRET' },
      'Config error: SLACK_STATE_SECRET (chat.slack.stateSecret) must be a random string of at least 16 characters, but got a value.',
    ],
    [
      { ...OAUTH, SLACK_CLIENT_ID: 'my-app' },
      'Config error: SLACK_CLIENT_ID (chat.slack.clientId) must be a client id like 1234567890.1234567890123 (Basic Information → App Credentials), but got "my-app".',
    ],
  ])('refuses %o in one sentence', (env, message) => {
    const msg = failure(env);
    expect(msg).toBe(message);
    expect(msg).not.toContain('SECRET-');
  });

  it('leaves single-token mode as it was', () => {
    const c = load({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(c.chat.slack.botToken).toBe('xoxb-1');
    expect(c.chat.slack.clientId).toBeUndefined();
  });
});
