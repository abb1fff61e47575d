/**
 * The Slack adapter: a Bolt app in Socket Mode when an app token is given, else HTTP mode with
 * request signature verification (Bolt rejects unsigned requests and timestamps older than five
 * minutes). The Web API, the Socket Mode handshake included, goes to `apiUrl`.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Services } from '../../services.js';
import type { ChatAdapter } from '../adapter.js';
import { PageStore } from '../render/pages.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';
import { createAdminCheck } from './admin.js';
import { errorSentence, type SlackPage } from './blocks.js';
import { pageMessage, registerListeners, replyPages } from './handlers.js';

export interface SlackOptions {
  botToken: string;
  /** Required in HTTP mode. */
  signingSecret?: string;
  /** `xapp-…`: turns on Socket Mode. */
  appToken?: string;
  /** HTTP mode port; 0 picks a free one (tests). */
  port: number;
  host?: string;
  /** Web API root, ending in `/`. */
  apiUrl: string;
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly app: App;
  readonly pages = new PageStore<SlackPage>();
  /** The HTTP port actually listened on (HTTP mode). */
  port?: number;

  constructor(
    services: Services,
    router: Router,
    private readonly opts: SlackOptions,
  ) {
    const logger = boltLogger(services.logger);
    const clientOptions = { slackApiUrl: opts.apiUrl };
    if (opts.appToken) {
      const receiver = new SocketModeReceiver({ appToken: opts.appToken, logger, installerOptions: { clientOptions } });
      this.app = new App({ token: opts.botToken, receiver, socketMode: true, logger, clientOptions });
    } else {
      if (!opts.signingSecret) throw new Error('SLACK_SIGNING_SECRET is needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
      const receiver = new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: '/slack/events', logger, signatureVerification: true });
      this.app = new App({ token: opts.botToken, receiver, logger, clientOptions });
    }
    this.app.error(async (err) => services.logger.error({ err }, 'slack app error'));
    registerListeners(this.app, { services, router, pages: this.pages, isAdmin: createAdminCheck() });
  }

  async start(): Promise<void> {
    if (this.opts.appToken) {
      await this.app.start();
      return;
    }
    const server = (await this.app.start({ port: this.opts.port, host: this.opts.host })) as { address(): AddressInfo | string | null };
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : this.opts.port;
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  /** Posts to `slack:<channel>` (or a bare channel id); long replies keep their paging buttons. */
  async send(channel: string, reply: Reply): Promise<void> {
    const target = channel.replace(/^slack:/, '');
    const message = reply.ok ? pageMessage(this.pages, replyPages(reply)) : { text: errorSentence(reply), blocks: [] };
    await this.app.client.chat.postMessage({ channel: target, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
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
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
