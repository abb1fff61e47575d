/**
 * The Discord adapter: a discord.js client with the minimal Guilds intent, pointed at
 * DISCORD_API_BASE (REST, and the gateway through GET /gateway/bot). It registers the slash
 * commands once connected and posts scheduled posts and alerts with `send`.
 */
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Services } from '../../services.js';
import { SendError, type ChatAdapter } from '../adapter.js';
import { discordSendFailure } from './errors.js';
import { PageStore } from '../render/pages.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';
import { createSuggester } from './autocomplete.js';
import { errorSentence, type DiscordPage } from './embeds.js';
import { parseAddress } from '../render/address.js';
import { discordMessage } from './chart.js';
import { interactionHandler, NO_MENTIONS, pagePayload } from './interactions.js';
import { registerCommands, type RegisterResult } from './register.js';

export interface DiscordOptions {
  token: string;
  /** Defaults to the application the token belongs to (from READY). */
  appId?: string;
  /** Register guild-scoped (instant) instead of global commands. */
  guildId?: string;
  /** REST root, e.g. `https://discord.com/api`. */
  apiBase: string;
  /** Register slash commands on start (default true). */
  register?: boolean;
  /** How long `start()` waits for the gateway's READY before giving up (default 30 s). */
  readyTimeoutMs?: number;
  /** This process's shard of the gateway (Discord requires sharding from 2,500 servers): servers with (id >> 22) % count = shard. */
  shard?: { id: number; count: number };
}

const READY_TIMEOUT_MS = 30_000;

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly client: Client;
  readonly pages: PageStore<DiscordPage>;
  registered?: RegisterResult;

  constructor(
    private readonly services: Services,
    private readonly router: Router,
    private readonly opts: DiscordOptions,
  ) {
    this.pages = new PageStore<DiscordPage>({ store: services.store });
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: opts.apiBase },
      allowedMentions: NO_MENTIONS,
      ...(opts.shard ? { shards: [opts.shard.id], shardCount: opts.shard.count } : {}),
    });
    const log = services.logger;
    this.client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
    this.client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'discord gateway error; discord.js reconnects'));
    this.client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
    this.client.on(Events.InteractionCreate, interactionHandler({ services, router, pages: this.pages, suggest: createSuggester(services.market) }));
  }

  async start(): Promise<void> {
    await this.connect(this.opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
    // Registration is one bulk overwrite for the whole application: shard 0 does it for all.
    if (this.opts.register === false || (this.opts.shard?.id ?? 0) !== 0) return;
    const appId = this.opts.appId ?? this.client.application?.id;
    if (!appId) throw new Error('Discord did not say which application this token belongs to; set DISCORD_APP_ID.');
    try {
      this.registered = await registerCommands(this.client.rest, appId, this.router.commands, this.opts.guildId);
      this.services.logger.info({ ...this.registered, count: this.registered.names.length }, 'discord commands registered');
    } catch (err) {
      // The bot still answers commands registered earlier; say why new ones may be missing.
      this.services.logger.error({ err }, 'discord command registration failed');
    }
  }

  /**
   * Logs in and waits for READY, at most `ms`: a gateway that accepts the connection but never
   * says READY (wrong address, a proxy that eats frames) would otherwise hang start-up forever.
   */
  private async connect(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    const timeout = new Promise<never>((_, reject) => {
      const seconds = ms % 1000 ? (ms / 1000).toFixed(1) : String(ms / 1000);
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Discord did not report the bot as connected (no READY from the gateway) within ${seconds} s; check DISCORD_TOKEN, DISCORD_API_BASE and the network.`,
            ),
          ),
        ms,
      );
    });
    const login = this.client.login(this.opts.token).then(() => ready);
    try {
      await Promise.race([login, timeout]);
    } catch (err) {
      login.catch(() => undefined);
      // Stop discord.js from retrying in the background after start-up has given up.
      await destroyWhileConnecting(this.client);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  connected(): boolean {
    return this.client.isReady();
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /**
   * Posts a scheduled post or alert. `channel` is `discord:<channelId>` (or a bare id),
   * `discord:dm:<userId>` for a direct message, or `discord:<channelId>@<userId>` to post in the
   * channel mentioning that one user (see render/address.ts). A chart too long to embed by URL
   * is rendered and attached as chart.png.
   */
  async send(channel: string, reply: Reply): Promise<void> {
    try {
      await this.post(channel, reply);
    } catch (err) {
      throw new SendError(discordSendFailure(err), err);
    }
  }

  private async post(channel: string, reply: Reply): Promise<void> {
    const to = parseAddress('discord', channel);
    let channelId = to.kind === 'dm' ? '' : to.channel;
    if (to.kind === 'dm') {
      const dm = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: to.user } })) as { id: string };
      channelId = dm.id;
    }
    const mention = to.kind === 'mention' ? to.user : undefined;
    // Only the addressed user may be pinged; everything else in the message stays inert.
    const allowed_mentions = mention ? { parse: [], users: [mention] } : NO_MENTIONS;
    const lead = mention ? `<@${mention}>` : '';
    if (!reply.ok) {
      await this.client.rest.post(Routes.channelMessages(channelId), {
        body: { content: [lead, errorSentence(reply)].filter(Boolean).join(' '), allowed_mentions },
      });
      return;
    }
    const message = await discordMessage(reply, this.services.logger);
    const page = pagePayload(this, message.pages);
    const body: Record<string, unknown> = { content: lead, embeds: page.embeds, components: page.components, allowed_mentions };
    if (!message.files.length) {
      await this.client.rest.post(Routes.channelMessages(channelId), { body });
      return;
    }
    body.attachments = message.files.map((f, id) => ({ id, filename: f.name }));
    await this.client.rest.post(Routes.channelMessages(channelId), { body, files: message.files.map((f) => ({ name: f.name, data: f.data })) });
  }
}

type ShardInternals = { timeoutAbortControllers?: Map<string, AbortController> };

/**
 * Destroys a client whose shard is still waiting for HELLO or READY. In @discordjs/ws 1.2,
 * destroy() aborts that wait, and the aborted wait starts a reconnect that takes over the close
 * handshake: destroy() never resolves and the shard connects again. Forgetting the pending waits
 * first lets them end on the shard's "closed" event instead. Bounded, in case internals move.
 */
async function destroyWhileConnecting(client: Client): Promise<void> {
  const ws = (client.ws as unknown as { _ws?: { strategy?: { shards?: Map<number, ShardInternals> } } })._ws;
  for (const shard of ws?.strategy?.shards?.values() ?? []) shard.timeoutAbortControllers?.clear();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.destroy().catch(() => undefined), new Promise<void>((ok) => (timer = setTimeout(ok, 5000)))]);
  clearTimeout(timer);
}
