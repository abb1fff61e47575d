/**
 * The Discord adapter: a discord.js client with the minimal Guilds intent, pointed at
 * DISCORD_API_BASE (REST, and the gateway through GET /gateway/bot). It registers the slash
 * commands once connected and posts scheduled posts and alerts with `send`.
 */
import { Client, Events, GatewayIntentBits, Routes, type APIEmbed } from 'discord.js';
import type { Services } from '../../services.js';
import type { ChatAdapter } from '../adapter.js';
import { PageStore } from '../render/pages.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';
import { createSuggester } from './autocomplete.js';
import { errorSentence, type DiscordPage } from './embeds.js';
import { interactionHandler, NO_MENTIONS, pagePayload, replyPages } from './interactions.js';
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
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly client: Client;
  readonly pages = new PageStore<DiscordPage>();
  registered?: RegisterResult;

  constructor(
    private readonly services: Services,
    private readonly router: Router,
    private readonly opts: DiscordOptions,
  ) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: opts.apiBase },
      allowedMentions: NO_MENTIONS,
    });
    const log = services.logger;
    this.client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
    this.client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'discord gateway error; discord.js reconnects'));
    this.client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
    this.client.on(Events.InteractionCreate, interactionHandler({ services, router, pages: this.pages, suggest: createSuggester(services.market) }));
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.opts.token);
    await ready;
    if (this.opts.register === false) return;
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

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /** `channel` is `discord:<channelId>`, a bare channel id, or `discord:dm:<userId>` for a direct message. */
  async send(channel: string, reply: Reply): Promise<void> {
    const target = channel.replace(/^discord:/, '');
    let channelId = target;
    if (target.startsWith('dm:')) {
      const dm = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: target.slice(3) } })) as { id: string };
      channelId = dm.id;
    }
    const body = reply.ok ? toRest(pagePayload(this, replyPages(reply))) : { content: errorSentence(reply), allowed_mentions: NO_MENTIONS };
    await this.client.rest.post(Routes.channelMessages(channelId), { body });
  }
}

function toRest(p: { content: string; embeds: APIEmbed[]; components: unknown[] }) {
  return { content: p.content, embeds: p.embeds, components: p.components, allowed_mentions: NO_MENTIONS };
}
