/**
 * Puts the slash commands: guild-scoped when a guild id is given (they appear at once),
 * global otherwise (Discord can take up to an hour to show them everywhere).
 */
import { Routes, type REST } from 'discord.js';
import type { Command } from '../command.js';
import { slashCommands } from './definitions.js';

export interface RegisterResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function registerCommands(rest: REST, appId: string, commands: readonly Command[], guildId?: string): Promise<RegisterResult> {
  const body = slashCommands(commands);
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
