/** Starts the Discord adapter from the loaded config (composition root entry point). */
import type { Services } from '../../services.js';
import type { Router } from '../router.js';
import { DiscordAdapter } from './adapter.js';

export { DiscordAdapter, type DiscordOptions } from './adapter.js';
export { registerCommands } from './register.js';
export { slashCommands } from './definitions.js';
export { renderPages } from './embeds.js';

/** Connects, registers the slash commands and resolves once the bot is online. Needs `chat.discord.token`. */
export async function startDiscord(services: Services, router: Router): Promise<DiscordAdapter> {
  const { token, appId, guildId, apiBase, shard } = services.config.chat.discord;
  if (!token) throw new Error('DISCORD_TOKEN is not set; the Discord adapter cannot start.');
  const [id, count] = shard ? shard.split('/').map(Number) : [];
  const adapter = new DiscordAdapter(services, router, {
    token,
    apiBase,
    ...(appId ? { appId } : {}),
    ...(guildId ? { guildId } : {}),
    ...(id !== undefined && count !== undefined ? { shard: { id, count } } : {}),
  });
  await adapter.start();
  return adapter;
}
