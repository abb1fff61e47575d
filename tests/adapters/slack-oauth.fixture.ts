/**
 * Bots for the Slack OAuth tests: each a "process" with its own store connection on one shared
 * SQLite file and its own HTTP port, in front of one fake Slack; plus what an installer's browser
 * does and what the tests read back (tokens, Web API calls, store rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { expect } from 'vitest';
import type { Command } from '../../src/chat/command.js';
import { createRouter } from '../../src/chat/router.js';
import { SlackAdapter } from '../../src/chat/slack/index.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';
import { findInstallation } from '../../src/store/installations.js';
import { CLIENT_ID, CLIENT_SECRET, FakeSlack, SIGNING_SECRET } from './fakes/slack.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices, sleep } from './support.js';

export const A = { id: 'T0ALPHA', name: 'Alpha Traders' };
export const B = { id: 'T0BETA', name: 'Beta Desk' };
const STATE_SECRET = 'state-secret-for-tests-0123456789';
const commands = fakeCommands as Command[];

export interface Bot {
  services: Services;
  adapter: SlackAdapter;
  h: SlackHarness;
  logs: { level: number; msg: string }[];
  base: string;
}

export class OAuthBots {
  dir = '';
  storeUrl = '';
  fake = new FakeSlack();
  readonly bots: Bot[] = [];

  async open(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'slack-oauth-'));
    this.storeUrl = `sqlite://${join(this.dir, 'tracker.sqlite')}`;
    await this.fake.listen();
  }

  async close(): Promise<void> {
    for (const bot of [...this.bots]) await this.stop(bot);
    await this.fake.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A bot process: its own store connection on the shared SQLite file, its own HTTP port. */
  async start(extra: { redirectUri?: string } = {}): Promise<Bot> {
    const logs: Bot['logs'] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Bot['logs'][number]) });
    const services: Services = { ...(await fakeServices()), store: await openStore(this.storeUrl), logger };
    const adapter = new SlackAdapter(services, createRouter(commands), {
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: this.fake.apiUrl,
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET, ...extra },
    });
    await adapter.start();
    const bot = { services, adapter, h: new SlackHarness(this.fake, adapter, 'http'), logs, base: `http://127.0.0.1:${adapter.port}` };
    this.bots.push(bot);
    return bot;
  }

  async stop(bot: Bot): Promise<void> {
    await bot.adapter.stop();
    await bot.services.store.close();
    this.bots.splice(this.bots.indexOf(bot), 1);
  }

  /** What an installer's browser does: open the install page, follow "Add to Slack", approve, come back with the code and state. */
  async install(bot: Bot, team: { id: string; name: string }, tamper: { state?: string; noCookie?: boolean } = {}) {
    const page = await fetch(`${bot.base}/slack/install`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const href = /<a href="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const authorize = new URL(href.replace(/&amp;/g, '&'));
    const state = tamper.state ?? authorize.searchParams.get('state') ?? '';
    const code = this.fake.grant(team);
    const back = await fetch(`${bot.base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
      redirect: 'manual',
      headers: tamper.noCookie ? {} : { cookie },
    });
    return { authorize, cookie, status: back.status, text: await back.text() };
  }

  /** Slack's event is acknowledged before the listener runs (as Slack wants): wait for the delete to land. */
  async gone(bot: Bot, team: string): Promise<boolean> {
    for (let i = 0; i < 100; i++) {
      if (!(await findInstallation(bot.services.store, { teamId: team }))) return true;
      await sleep(20);
    }
    return false;
  }

  /** Every row of every table in the store, to show a request left it as it was. */
  async storeRows(bot: Bot): Promise<Record<string, unknown[]>> {
    const tables = await bot.services.store.sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const rows: Record<string, unknown[]> = {};
    for (const { name } of tables) rows[name] = await bot.services.store.sql.all(`SELECT * FROM "${name}"`);
    return rows;
  }

  tokenOf = (team: string): string[] => [...this.fake.issued].filter(([, o]) => o.team === team).map(([t]) => t);
  callsSince = (n: number) => this.fake.api.slice(n);
}
