import { IANAZone } from 'luxon';
import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { okReply } from '../src/chat/reply.js';
import { getTenantSettings, normalizeChannel, updateTenantSettings, type TenantSettings } from '../src/store/settings.js';
import { settingsData } from './schemas/settings.js';

export { settingsData as dataSchema };

export default defineCommand({
  name: 'settings',
  description: 'Server settings: where the morning picks and the alerts are posted (admins)',
  category: 'bot',
  examples: ['/settings', '/settings picks-channel 123456789012345678', '/settings alerts-channel here', '/settings timezone Europe/London'],
  args: z.object({
    setting: z.enum(['show', 'picks-channel', 'alerts-channel', 'timezone']).optional().describe('What to change; show lists the current settings'),
    value: z.string().max(80).optional().describe('A channel id or mention, "here", or an IANA time zone'),
  }),
  positional: ['setting', 'value'],
  dataSchema: settingsData,
  adminOnly: true,
  ephemeral: true,
  async run(ctx, { setting = 'show', value }) {
    const { store } = ctx.services;
    let current: TenantSettings;
    if (setting === 'show') current = await getTenantSettings(store, ctx.tenant);
    else {
      if (!value)
        throw new CommandError(
          'MISSING_ARGUMENT',
          `Say what to set ${setting} to, e.g. /settings ${setting} ${setting === 'timezone' ? 'Europe/London' : 'here'}.`,
        );
      let patch: TenantSettings;
      if (setting === 'timezone') {
        if (!IANAZone.isValidZone(value))
          throw new CommandError('INVALID_ARGUMENT', `"${value.slice(0, 40)}" is not a time zone; use an IANA name such as America/Chicago.`);
        patch = { timezone: value };
      } else {
        const parsed = normalizeChannel(ctx.tenant, value, ctx.channel);
        if ('error' in parsed) throw new CommandError('INVALID_ARGUMENT', parsed.error);
        const refused = await ctx.checkTarget?.(parsed.channel);
        if (refused) throw new CommandError('INVALID_TARGET', refused);
        patch = setting === 'picks-channel' ? { picksChannel: parsed.channel } : { alertsChannel: parsed.channel };
      }
      current = await updateTenantSettings(store, ctx.tenant, patch);
    }
    return okReply('settings', {
      title: setting === 'show' ? 'Settings' : `Settings — ${setting} updated`,
      fields: [
        { name: 'Picks channel', value: current.picksChannel ?? 'not set', inline: true },
        { name: 'Alerts channel', value: current.alertsChannel ?? `not set${current.picksChannel ? ' (alerts go to the picks channel)' : ''}`, inline: true },
        // Only /schedule shows a second zone: a user who set Europe/London must not expect every as-of stamp in it.
        {
          name: 'Time zone (display)',
          value:
            current.timezone && current.timezone !== 'America/New_York'
              ? `${current.timezone} (/schedule shows its times beside New York's; as-of stamps stay New York time)`
              : 'America/New_York',
          inline: true,
        },
      ],
      data: { tenant: ctx.tenant, ...current },
    });
  },
});
