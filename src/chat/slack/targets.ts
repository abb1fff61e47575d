/**
 * Verifies a delivery target before a workspace admin saves it: the channel must be a channel
 * (not a DM) of this workspace that the bot is a member of, and a user to mention or DM must
 * belong to this workspace and be active.
 */
import { parseAddress, type Address } from '../render/address.js';

interface ChannelInfo {
  is_im?: boolean;
  is_mpim?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  context_team_id?: string;
  shared_team_ids?: string[];
}
interface UserInfo {
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  enterprise_user?: { teams?: string[] };
}

export interface TargetClient {
  conversations: { info(args: { channel: string }): Promise<{ ok?: boolean; channel?: ChannelInfo }> };
  users: { info(args: { user: string }): Promise<{ ok?: boolean; user?: UserInfo }> };
}

const CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;

export function slackTargetCheck(client: TargetClient, team: string): (target: string) => Promise<string | undefined> {
  return async (target) => {
    let to: Address;
    try {
      to = parseAddress('slack', target);
    } catch (err) {
      return `${(err as Error).message}.`;
    }
    if (to.kind !== 'dm') {
      if (!CHANNEL_ID.test(to.channel))
        return `"${to.channel.slice(0, 40)}" is not a Slack channel id (C… or G…); run the command in the channel and say "here", or paste its id.`;
      const info = await client.conversations.info({ channel: to.channel }).catch(() => undefined);
      const ch = info?.ok ? info.channel : undefined;
      const teams = [ch?.context_team_id, ...(ch?.shared_team_ids ?? [])].filter(Boolean);
      if (!ch || (teams.length && !teams.includes(team)))
        return `Channel ${to.channel} is not a channel of this workspace (or the bot cannot see it); pick one of this workspace's channels.`;
      if (ch.is_im || ch.is_mpim) return `Channel ${to.channel} is a direct message; pick a channel of this workspace.`;
      if (ch.is_archived) return `Channel ${to.channel} is archived; pick an active channel.`;
      if (!ch.is_member) return `The bot is not in channel ${to.channel}: invite it there (/invite @tracker), then try again.`;
    }
    if (to.kind !== 'channel') {
      const info = await client.users.info({ user: to.user }).catch(() => undefined);
      const u = info?.ok ? info.user : undefined;
      const inTeam = u && (u.team_id === team || (u.enterprise_user?.teams ?? []).includes(team));
      if (!u || !inTeam || u.deleted) return `User ${to.user} is not a member of this workspace; alerts can only mention or message its members.`;
    }
    return undefined;
  };
}
