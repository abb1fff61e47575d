import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { slashCommands } from '../../src/chat/discord/definitions.js';
import { buildManifest } from '../../src/chat/slack/manifest.js';
import { REDIRECT_PATH } from '../../src/chat/slack/oauth.js';
import { MANIFEST_FILE, manifestText } from '../../scripts/slack-manifest.js';

describe('platform definitions derived from the commands', () => {
  it('the committed slack-manifest.json is the generated one (run npm run slack-manifest)', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText());
  });

  it('has one Slack slash command per command plus /tracker', () => {
    const slash = buildManifest(commands).features.slash_commands.map((s) => s.command);
    expect(slash).toEqual([...commands.map((c) => `/${c.name}`), '/tracker']);
  });

  it('lists the OAuth redirect URL the bot serves and subscribes to uninstalls (many workspaces)', () => {
    const http = buildManifest(commands, { requestUrl: 'https://bot.example.com/slack/events' });
    expect(http.oauth_config.redirect_urls).toEqual([`https://bot.example.com${REDIRECT_PATH}`]);
    expect(http.settings.event_subscriptions).toEqual({
      request_url: 'https://bot.example.com/slack/events',
      bot_events: ['app_uninstalled', 'tokens_revoked'],
    });
    expect(http.settings.socket_mode_enabled).toBe(false);
    // The committed (Socket Mode) manifest names a placeholder host to replace.
    const socket = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as ReturnType<typeof buildManifest>;
    expect(socket.oauth_config.redirect_urls).toEqual([`https://your.host${REDIRECT_PATH}`]);
    expect(socket.settings.event_subscriptions).toEqual({ bot_events: ['app_uninstalled', 'tokens_revoked'] });
    for (const url of [...http.oauth_config.redirect_urls, ...socket.oauth_config.redirect_urls]) expect(new URL(url).protocol).toBe('https:');
  });

  it('has one Discord slash command per command, within Discord limits', () => {
    const defs = slashCommands(commands);
    expect(defs.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    for (const d of defs) {
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      const opts = (d.options ?? []) as { name: string; required?: boolean; description: string }[];
      expect(opts.length).toBeLessThanOrEqual(25);
      const firstOptional = opts.findIndex((o) => !o.required);
      if (firstOptional >= 0) expect(opts.slice(firstOptional).every((o) => !o.required)).toBe(true);
      for (const o of opts) expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
    }
  });
});
