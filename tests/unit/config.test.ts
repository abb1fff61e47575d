import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const load = (env: Record<string, string> = {}, file?: string) => loadConfig({ env, file: file ?? false });

describe('config', () => {
  it('loads config/default.json with the seed defaults when nothing else is set', () => {
    const c = load();
    expect(c.data.source).toBe('yahoo');
    expect(c.scanner.weights).toEqual({ technical: 0.25, options: 0.5, risk: 0.15, portfolio: 0.1 });
    expect(c.store.url).toBe('sqlite://data/tracker.sqlite');
    expect(c.schedule.timezone).toBe('America/New_York');
    expect(c.chat.slack.port).toBe(3000);
  });

  it('maps environment variables onto their keys, numbers converted', () => {
    const c = load({ MARKET_DATA: 'sim', SLACK_PORT: '4100', STORE_URL: 'memory://', DISCORD_GUILD_ID: '123456789' });
    expect(c.data.source).toBe('sim');
    expect(c.chat.slack.port).toBe(4100);
    expect(c.store.url).toBe('memory://');
    expect(c.chat.discord.guildId).toBe('123456789');
  });

  it('lets a user file override defaults, and the environment override the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'local.json');
    writeFileSync(file, JSON.stringify({ trading: { stopLossPct: 0.05 }, data: { source: 'sim' } }));
    const c = load({ MARKET_DATA: 'yahoo' }, file);
    expect(c.trading.stopLossPct).toBe(0.05);
    expect(c.trading.profitTargetPct).toBe(0.2);
    expect(c.data.source).toBe('yahoo');
  });

  it.each([
    [{ SLACK_PORT: 'abc' }, /^Config error: SLACK_PORT \(chat\.slack\.port\) must be a number, but got "abc"\.$/],
    [{ MARKET_DATA: 'bloomberg' }, /MARKET_DATA \(data\.source\) must be yahoo, sim, replay:DIR or record:DIR, but got "bloomberg"/],
    [{ STORE_URL: 'mysql://db' }, /STORE_URL \(store\.url\) must be sqlite:\/\/path, postgres:\/\/user:password@host:port\/db or memory:\/\//],
    // A URL's password is never echoed, even in a wrong URL.
    [{ STORE_URL: 'mysql://bot:hunter2@db/x' }, /but got "mysql:\/\/bot:\*\*\*@db\/x"\.$/],
    [{ DISCORD_APP_ID: 'my-app' }, /DISCORD_APP_ID \(chat\.discord\.appId\) must be a numeric application id/],
  ])('stops with one sentence naming the key for %o', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(message);
  });

  it('never echoes a secret in the error', () => {
    try {
      load({ SLACK_BOT_TOKEN: 'super-secret-value' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
      expect((err as Error).message).not.toContain('super-secret-value');
    }
  });

  it('names the key and the range for a bad value in a user file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ trading: { stopLossPct: 2 } }));
    expect(() => load({}, file)).toThrow('Config error: trading.stopLossPct must be at most 1, but got 2.');
  });

  it('reports a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "trading": ');
    expect(() => load({}, file)).toThrow(/is not valid JSON/);
  });
});
