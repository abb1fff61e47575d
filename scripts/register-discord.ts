/**
 * Registers the slash commands with Discord (`npm run register`): guild-scoped when
 * DISCORD_GUILD_ID is set (they appear at once), global otherwise (up to an hour).
 * Needs DISCORD_TOKEN; DISCORD_APP_ID defaults to the token's application.
 */
import { existsSync } from 'node:fs';
import { REST, Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { registerCommands } from '../src/chat/discord/register.js';
import { loadConfig } from '../src/config/index.js';

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { token, appId, guildId, apiBase } = loadConfig().chat.discord;
  if (!token) {
    process.stderr.write('DISCORD_TOKEN is not set: create a bot in the Discord developer portal and export its token.\n');
    return 1;
  }
  const rest = new REST({ api: apiBase }).setToken(token);
  const app = appId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const result = await registerCommands(rest, app, commands, guildId);
  process.stdout.write(`Registered ${result.names.length} ${result.scope} commands: ${result.names.map((n) => `/${n}`).join(' ')}\n`);
  if (result.scope === 'global')
    process.stdout.write('Global commands can take up to an hour to appear; set DISCORD_GUILD_ID for instant ones while testing.\n');
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`Registration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
