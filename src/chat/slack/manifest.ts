/**
 * The Slack app manifest, generated from the command definitions so installing the app is one
 * paste (api.slack.com/apps → Create New App → From a manifest). Socket Mode is on by default, so
 * no public URL is needed; for HTTP mode turn it off and set the request URLs to
 * https://<your-host>/slack/events (`requestUrl` does both, and points the OAuth redirect URL at
 * https://<your-host>/slack/oauth_redirect for installs into many workspaces). The app subscribes
 * to app_uninstalled and tokens_revoked so a workspace that removes it is forgotten.
 */
import type { Command } from '../command.js';
import { usage } from '../usage.js';

export const UMBRELLA = 'tracker';

// channels:read and groups:read let /settings check that a target channel is this workspace's and the bot is in it.
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'im:write', 'files:write', 'channels:read', 'groups:read'];

export interface ManifestOptions {
  name?: string;
  /** HTTP mode: the public URL of /slack/events. Omit for Socket Mode. */
  requestUrl?: string;
}

/** Where the OAuth redirect URL points when no public URL is known yet (replace your.host). */
export const PLACEHOLDER_ORIGIN = 'https://your.host';
export const UNINSTALL_EVENTS = ['app_uninstalled', 'tokens_revoked'];

/** The OAuth redirect URL beside a request URL: same origin, /slack/oauth_redirect (oauth.ts serves it). */
export function redirectUrlFor(requestUrl?: string): string {
  return `${requestUrl ? new URL(requestUrl).origin : PLACEHOLDER_ORIGIN}/slack/oauth_redirect`;
}

const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function buildManifest(commands: readonly Command[], opts: ManifestOptions = {}) {
  const url = opts.requestUrl ? { url: opts.requestUrl } : {};
  const slash = commands.map((c) => ({
    command: `/${c.name}`,
    description: clip(c.description, 100),
    usage_hint: clip(usage(c).replace(/^\/\S+\s*/, ''), 100),
    should_escape: false,
    ...url,
  }));
  slash.push({
    command: `/${UMBRELLA}`,
    description: 'Run any tracker command: /tracker <command> …',
    usage_hint: clip(`${commands.map((c) => c.name).join(' | ')} …`, 100),
    should_escape: false,
    ...url,
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: opts.name ?? 'Small-Cap Tracker',
      description: 'Scans small caps, analyses their options, tracks portfolios and warns about risk.',
      background_color: '#1e293b',
    },
    features: {
      bot_user: { display_name: opts.name ?? 'Small-Cap Tracker', always_online: true },
      slash_commands: slash,
    },
    oauth_config: { redirect_urls: [redirectUrlFor(opts.requestUrl)], scopes: { bot: BOT_SCOPES } },
    settings: {
      event_subscriptions: { ...(opts.requestUrl ? { request_url: opts.requestUrl } : {}), bot_events: UNINSTALL_EVENTS },
      interactivity: { is_enabled: true, ...(opts.requestUrl ? { request_url: opts.requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !opts.requestUrl,
      token_rotation_enabled: false,
    },
  };
}
