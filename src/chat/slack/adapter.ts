/**
 * The Slack adapter: a Bolt app in Socket Mode when an app token is given, else HTTP mode behind
 * our GuardedReceiver (body cap, signature on the raw bytes, timestamp window, replay refusal).
 * One workspace with a bot token, or many (HTTP mode) with the OAuth install flow: then every
 * request and every scheduled post uses the token of its own workspace (see oauth.ts).
 * The Web API, the Socket Mode handshake included, goes to `apiUrl`. Start-up gives up after
 * `startTimeoutMs` with one sentence, as Discord's does.
 */
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Services } from '../../services.js';
import { SendError, type ChatAdapter, type SendMeta } from '../adapter.js';
import { slackSendFailure } from './errors.js';
import { PageStore } from '../render/pages.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';
import { createAdminCheck } from './admin.js';
import { parseAddress } from '../render/address.js';
import { errorSentence, type SlackBlock, type SlackPage } from './blocks.js';
import { slackChartPng, uploadChart } from './chart.js';
import { pageMessage, registerListeners, replyPages } from './handlers.js';
import { GuardedReceiver } from './receiver.js';
import { registerUninstall } from './uninstall.js';
import { SlackOAuth, type OAuthOptions } from './oauth.js';

export interface SlackOptions {
  /** One workspace: its bot token. */
  botToken?: string;
  /** Many workspaces (HTTP mode): the OAuth app's credentials; installations live in the store. */
  oauth?: Omit<OAuthOptions, 'apiUrl'>;
  /** Required in HTTP mode. */
  signingSecret?: string;
  /** `xapp-…`: turns on Socket Mode. */
  appToken?: string;
  /** HTTP mode port; 0 picks a free one (tests). */
  port: number;
  host?: string;
  /** Web API root, ending in `/`. */
  apiUrl: string;
  /** HTTP mode: largest request body accepted (default 64 KB); larger ones get 413 unread. */
  maxBodyBytes?: number;
  /** How long start-up may take before it fails (default 30 s). */
  startTimeoutMs?: number;
}

const START_TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 64 * 1024;

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly app: App;
  readonly pages: PageStore<SlackPage>;
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;
  private socketStarted = false;
  /** Many-workspace mode. */
  readonly oauth?: SlackOAuth;
  private readonly clients = new Map<string, webApi.WebClient>();
  private readonly boltLog: BoltLogger;

  private readonly logger: Logger;

  constructor(
    services: Services,
    router: Router,
    private readonly opts: SlackOptions,
  ) {
    this.logger = services.logger;
    this.pages = new PageStore<SlackPage>({ store: services.store });
    const logger = boltLogger(services.logger);
    this.boltLog = logger;
    const clientOptions = { slackApiUrl: opts.apiUrl };
    if (opts.oauth) {
      if (opts.appToken || opts.botToken)
        throw new Error('Slack for many workspaces runs in HTTP mode with OAuth: leave SLACK_APP_TOKEN and SLACK_BOT_TOKEN unset.');
      if (!opts.signingSecret) throw new Error('SLACK_SIGNING_SECRET is needed with SLACK_CLIENT_ID (it verifies the requests Slack sends).');
      const oauth = new SlackOAuth(services.store, { ...opts.oauth, apiUrl: opts.apiUrl }, services.logger, logger);
      this.oauth = oauth;
      const receiver = new GuardedReceiver({
        signingSecret: opts.signingSecret,
        logger,
        maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
        routes: (req, res) => oauth.route(req, res),
        emptyAck: (body) => oauth.ackWithoutToken(body),
      });
      this.app = new App({ receiver, authorize: oauth.authorize, logger, clientOptions });
      registerUninstall(this.app, oauth);
    } else if (!opts.botToken) {
      throw new Error('SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID with its secrets (many workspaces) is needed.');
    } else if (opts.appToken) {
      const receiver = new SocketModeReceiver({ appToken: opts.appToken, logger, installerOptions: { clientOptions } });
      this.app = new App({ token: opts.botToken, receiver, socketMode: true, logger, clientOptions });
    } else {
      if (!opts.signingSecret) throw new Error('SLACK_SIGNING_SECRET is needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
      const receiver = new GuardedReceiver({ signingSecret: opts.signingSecret, logger, maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES });
      this.app = new App({ token: opts.botToken, receiver, logger, clientOptions });
    }
    this.app.error(async (err) => services.logger.error({ err }, 'slack app error'));
    registerListeners(this.app, { services, router, pages: this.pages, isAdmin: createAdminCheck() });
  }

  /** Checks the token with auth.test and starts listening; both within the start timeout. */
  async start(): Promise<void> {
    const ms = this.opts.startTimeoutMs ?? START_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const seconds = Number((ms / 1000).toFixed(1));
      timer = setTimeout(
        () =>
          reject(
            new Error(
              this.oauth
                ? `The Slack HTTP endpoint did not start within ${seconds} s; check SLACK_PORT.`
                : `Slack did not answer within ${seconds} s (auth.test${this.opts.appToken ? ' and the Socket Mode connection' : ''}); check SLACK_BOT_TOKEN, SLACK_API_URL and the network.`,
            ),
          ),
        ms,
      );
    });
    try {
      await Promise.race([this.startNow(), timeout]);
    } catch (err) {
      await this.app.stop().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async startNow(): Promise<void> {
    // Many workspaces: there is no one token to check; each workspace's is checked when it installs.
    const auth = this.oauth ? { ok: true } : await this.app.client.auth.test();
    if (!auth.ok) throw new Error(`Slack refused the bot token (auth.test: ${String(auth.error ?? 'not ok')}); check SLACK_BOT_TOKEN.`);
    if (this.opts.appToken) {
      await this.app.start();
      this.socketStarted = true;
      return;
    }
    const server = (await this.app.start({ port: this.opts.port, ...(this.opts.host ? { host: this.opts.host } : {}) })) as {
      address(): AddressInfo | string | null;
    };
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.opts.port;
  }

  /** Started and not stopped (Bolt reconnects Socket Mode by itself; HTTP mode has no connection to lose). */
  connected(): boolean {
    return this.port !== undefined || this.socketStarted;
  }

  async stop(): Promise<void> {
    this.port = undefined;
    this.socketStarted = false;
    await this.app.stop();
  }

  /**
   * Posts a scheduled post or alert to `slack:<channel>` (or a bare id), `slack:dm:<userId>` (a
   * direct message: chat.postMessage to a user id opens the IM), or `slack:<channel>@<userId>`
   * (the channel, mentioning that one user). Long replies keep their paging buttons; a chart
   * too long for an image block follows as an uploaded PNG. With many workspaces the post uses
   * the token of `meta.tenant`'s workspace; one without an installation is refused.
   */
  async send(channel: string, reply: Reply, meta?: SendMeta): Promise<void> {
    try {
      await this.post(channel, reply, await this.clientFor(meta?.tenant));
    } catch (err) {
      if (err instanceof SendError) throw err;
      throw new SendError(slackSendFailure(err), err);
    }
  }

  /** The Web API client to post with: the one token, or the tenant's workspace's. */
  private async clientFor(tenant: string | undefined): Promise<webApi.WebClient> {
    if (!this.oauth) return this.app.client;
    const token = tenant ? await this.oauth.tokenFor(tenant) : undefined;
    if (!token) {
      this.logger.warn({ tenant }, 'slack: no installation for this tenant, so nothing can be posted for it (install the app in that workspace)');
      throw new SendError({ kind: 'refused' }, new Error(`no Slack installation for ${tenant ?? 'a message without a tenant'}`));
    }
    let client = this.clients.get(token);
    if (!client) {
      // Reinstalls change tokens; old clients are dropped rather than kept forever.
      if (this.clients.size >= 200) this.clients.clear();
      client = new webApi.WebClient(token, { slackApiUrl: this.opts.apiUrl, logger: this.boltLog });
      this.clients.set(token, client);
    }
    return client;
  }

  private async post(channel: string, reply: Reply, client: webApi.WebClient): Promise<void> {
    const to = parseAddress('slack', channel);
    const target = to.kind === 'dm' ? to.user : to.channel;
    const png = reply.ok ? await slackChartPng(reply, this.logger) : undefined;
    const message = reply.ok ? pageMessage(this.pages, replyPages(reply, { chartUploaded: !!png })) : { text: errorSentence(reply), blocks: [] };
    // The bot writes this mention itself; everything from the reply stays escaped.
    const lead = to.kind === 'mention' ? `<@${to.user}>` : '';
    const text = lead ? `${lead} ${message.text}` : message.text;
    const blocks =
      lead && message.blocks.length ? [{ type: 'section', text: { type: 'mrkdwn', text: lead } } as SlackBlock, ...message.blocks] : message.blocks;
    const res = await client.chat.postMessage({ channel: target, text, blocks, unfurl_links: false, unfurl_media: false });
    // A DM's real channel (D…) comes back in the answer; files need it rather than the user id.
    if (png) await uploadChart(client, res.channel ?? target, reply, png, this.logger);
  }
}

function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ lib: 'slack-bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(' ')),
    info: (...m: unknown[]) => child.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
