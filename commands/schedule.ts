import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { nyTime } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { getTenantSettings } from '../src/store/settings.js';
import { scheduleStatus, whenText } from '../src/schedule/status.js';
import { scheduleData } from './schemas/schedule.js';

export { scheduleData as dataSchema };

export default defineCommand({
  name: 'schedule',
  description: 'What the bot posts and checks, when (New York time), and when it last ran',
  category: 'bot',
  examples: ['/schedule'],
  args: z.object({}),
  positional: [],
  dataSchema: scheduleData,
  async run(ctx) {
    const { services } = ctx;
    const settings = await getTenantSettings(services.store, ctx.tenant);
    const jobs = await scheduleStatus(services, ctx.tenant);
    const cal = services.calendar;
    const now = services.clock.now();
    const today = cal.nyDate(now);
    const session = cal.session(today);
    const market = session
      ? `${today}: ${session.open.toFormat('HH:mm')}–${session.close.toFormat('HH:mm')} ET${session.early ? ' (early close)' : ''}`
      : `${today}: closed (${cal.closedReason(today)}); next session ${cal.nextTradingDay(today)}`;
    const zone = settings.timezone;
    return okReply('schedule', {
      title: 'Schedule',
      fields: [
        { name: 'Now', value: nyTime(now), inline: true },
        { name: 'Market', value: market, inline: true },
        { name: 'Picks channel', value: settings.picksChannel ?? 'not set — /settings picks-channel <id>', inline: true },
        { name: 'Alerts channel', value: settings.alertsChannel ?? settings.picksChannel ?? 'not set — /settings alerts-channel <id>', inline: true },
      ],
      tables: [
        {
          columns: ['Job', 'When', 'Next run', 'Last run'],
          rows: jobs.map((j) => [
            j.title,
            j.rule,
            whenText(j.next, zone),
            j.last ? `${whenText(j.last.at, zone)}${j.last.note ? ` (${j.last.note})` : ''}` : 'never',
          ]),
        },
      ],
      footer: 'Jobs run on New York time, skip NYSE holidays and weekends, and move with 13:00 early closes.',
      data: {
        now: now.toISOString(),
        timezone: zone ?? 'America/New_York',
        picksChannel: settings.picksChannel ?? null,
        alertsChannel: settings.alertsChannel ?? null,
        jobs,
      },
    });
  },
});
