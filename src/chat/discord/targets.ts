/**
 * Verifies a delivery target before a server admin saves it: the channel must be a text channel
 * of this very server that the bot can see and post in, and a user to mention or DM must be a
 * member of this server. Otherwise one server could make the bot post into (and ping people in)
 * another server's channels.
 */
import { PermissionFlagsBits, type Client } from 'discord.js';
import { parseAddress, type Address } from '../render/address.js';

const SNOWFLAKE = /^\d{5,25}$/;
const NEEDED = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

export function discordTargetCheck(client: Client, guildId: string): (target: string) => Promise<string | undefined> {
  return async (target) => {
    let to: Address;
    try {
      to = parseAddress('discord', target);
    } catch (err) {
      return `${(err as Error).message}.`;
    }
    const guild = client.guilds.cache.get(guildId) ?? (await client.guilds.fetch(guildId).catch(() => undefined));
    if (!guild) return 'The bot cannot see this server right now; try again in a minute.';
    if (to.kind !== 'dm') {
      if (!SNOWFLAKE.test(to.channel)) return `"${to.channel.slice(0, 40)}" is not a Discord channel id; mention the channel or say "here".`;
      const channel = await client.channels.fetch(to.channel).catch(() => null);
      if (!channel || !('guildId' in channel) || channel.guildId !== guildId) {
        return `Channel ${to.channel} is not a channel of this server (or the bot cannot see it); pick one of this server's channels.`;
      }
      if (!channel.isTextBased() || !('permissionsFor' in channel))
        return `Channel ${to.channel} is not a text channel; pick one the bot can post messages in.`;
      const me = client.user?.id;
      const perms = me ? channel.permissionsFor(me) : null;
      if (!perms || !perms.has(NEEDED))
        return `The bot cannot post in channel ${to.channel}: give it View Channel, Send Messages and Embed Links there, then try again.`;
    }
    if (to.kind !== 'channel') {
      const member = await guild.members.fetch({ user: to.user, force: true }).catch(() => undefined);
      if (!member) return `User ${to.user} is not a member of this server; alerts can only mention or message its members.`;
    }
    return undefined;
  };
}
