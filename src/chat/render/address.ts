/**
 * Where a scheduled message goes. Besides a plain channel (`discord:<channelId>`,
 * `slack:<channelId>`) two forms address a person:
 *   `<platform>:dm:<userId>`            a direct message to the user;
 *   `<platform>:<channelId>@<userId>`   the channel, mentioning that one user — the only
 *                                       mention the bot ever lets through.
 * The platform prefix stays first, so `channelSender` routes all three to the same adapter.
 */
export type Address = { kind: 'channel'; channel: string } | { kind: 'dm'; user: string } | { kind: 'mention'; channel: string; user: string };

/** User ids each platform can address: Discord snowflakes, Slack member ids. */
export const USER_ID = { discord: /^\d{5,25}$/, slack: /^[UW][A-Z0-9]{2,30}$/ } as const;

export type PersonalPlatform = keyof typeof USER_ID;

/** A platform whose users can be sent a DM or a mention. */
export const isPersonalPlatform = (platform: string): platform is PersonalPlatform => Object.hasOwn(USER_ID, platform);

export const dmAddress = (platform: PersonalPlatform, user: string): string => `${platform}:dm:${user}`;
export const mentionAddress = (channel: string, user: string): string => `${channel}@${user}`;

/** Parses a platform-prefixed (or bare) address; a user id the platform cannot have is an error. */
export function parseAddress(platform: PersonalPlatform, address: string): Address {
  const rest = address.startsWith(`${platform}:`) ? address.slice(platform.length + 1) : address;
  const valid = (user: string) => {
    if (!USER_ID[platform].test(user)) throw new Error(`"${user.slice(0, 40)}" is not a ${platform} user id`);
    return user;
  };
  if (rest.startsWith('dm:')) return { kind: 'dm', user: valid(rest.slice(3)) };
  const at = rest.lastIndexOf('@');
  if (at > 0) return { kind: 'mention', channel: rest.slice(0, at), user: valid(rest.slice(at + 1)) };
  return { kind: 'channel', channel: rest };
}
