/** Gateway payloads the fake Discord sends, shaped like Discord API v10. */
import { APP_ID, CHANNEL_ID, GUILD_ID } from './discord.js';

export type InteractionSpec =
  | {
      kind: 'command';
      name: string;
      options?: { name: string; type: number; value: unknown; focused?: boolean }[];
      user?: string;
      admin?: boolean;
      dm?: boolean;
    }
  | { kind: 'autocomplete'; name: string; options: { name: string; type: number; value: unknown; focused?: boolean }[]; user?: string }
  | { kind: 'button'; customId: string; message: Record<string, unknown>; user?: string };

export function guildPayload(guildId: string, channelId: string, botId: string, everyone = '0') {
  return {
    id: guildId,
    name: 'Test Traders',
    icon: null,
    owner_id: '1',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: guildId, name: '@everyone', permissions: everyone, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    channels: [{ id: channelId, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: guildId }],
    threads: [],
    members: [
      {
        user: { id: botId, username: 'tracker', discriminator: '0', avatar: null, bot: true },
        roles: [],
        joined_at: '2026-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      },
    ],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: '2026-01-01T00:00:00.000Z',
  };
}

const user = (id: string) => ({ id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null });

export function interactionPayload(spec: InteractionSpec, id: string, token: string) {
  const userId = spec.user ?? '500000000000000005';
  const dm = spec.kind === 'command' && spec.dm;
  const admin = spec.kind === 'command' && spec.admin;
  const where = dm
    ? { user: user(userId), channel_id: '600000000000000006', channel: { id: '600000000000000006', type: 1 }, context: 1 }
    : {
        guild_id: GUILD_ID,
        channel_id: CHANNEL_ID,
        channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
        // MANAGE_GUILD is 1 << 5.
        member: {
          user: user(userId),
          roles: [],
          joined_at: '2026-01-01T00:00:00.000Z',
          permissions: admin ? '32' : '0',
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
        },
        guild_locale: 'en-US',
        context: 0,
      };
  const base = {
    id,
    token,
    application_id: APP_ID,
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    ...where,
  };
  if (spec.kind === 'button') {
    return { ...base, type: 3, data: { custom_id: spec.customId, component_type: 2 }, message: spec.message };
  }
  return { ...base, type: spec.kind === 'command' ? 2 : 4, data: { id: '700000000000000007', name: spec.name, type: 1, options: spec.options ?? [] } };
}
