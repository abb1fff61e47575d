import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { nyTime, pct } from '../src/chat/format.js';
import { okReply } from '../src/chat/reply.js';
import { latestSnapshot, SHARED } from '../src/scanner/snapshot.js';
import { nextSnapshotAt } from '../src/scanner/snapshot-times.js';
import { statusData } from './schemas/status.js';

export { statusData as dataSchema };

export default defineCommand({
  name: 'status',
  description: 'Data providers’ health, cache and rate-limit budget, market hours',
  category: 'bot',
  examples: ['/status'],
  args: z.object({}),
  positional: [],
  dataSchema: statusData,
  async run(ctx) {
    const { market, clock, store } = ctx.services;
    const now = clock.now();
    const cal = ctx.services.calendar;
    const today = cal.nyDate(now);
    const session = cal.session(today);
    const open = cal.isOpen(now);
    // Before today's open the next session is today's, not the next trading day's.
    const nextDay = session && now.getTime() < session.open.toMillis() ? today : cal.nextTradingDay(today);
    const next = open ? undefined : cal.session(nextDay);
    const nextOpen = next?.open;
    const marketLine = open
      ? `open until ${session?.close.toFormat('HH:mm')} ET${session?.early ? ' (early close)' : ''}`
      : `closed${cal.closedReason(today) ? ` (${cal.closedReason(today)})` : ''}; next session ${nextDay === today ? 'today' : nextDay}${nextOpen ? ` at ${nextOpen.toFormat('HH:mm')} ET` : ''}${next?.early ? ` (early close ${next.close.toFormat('HH:mm')} ET)` : ''}`;
    await market.refreshBudget?.();
    const providers = market.status();
    // The primary provider's budget, and when the scheduler takes the next scan snapshot.
    const budget = market.budget?.();
    const last = budget ? await latestSnapshot(ctx.services, SHARED, ctx.services.config.scanner.live.presets[0] ?? 'default') : undefined;
    const nextSnap = budget ? nextSnapshotAt(ctx.services, now, last?.takenAt) : undefined;
    const budgetLine = budget
      ? `${budget.lastMinute} requests in the last minute, ${budget.lastHour} in the last hour (limit ${budget.limit.requests} per ${budget.limit.perSeconds} s, ${budget.reserve} kept for commands); ` +
        `queue ${budget.queued.interactive + budget.queued.background} (${budget.queued.interactive} interactive)`
      : undefined;
    return okReply('status', {
      title: `Status — ${market.mode}`,
      fields: [
        { name: 'Clock', value: `${nyTime(now)}${clock.speed !== 1 ? ` (running ${clock.speed}× speed)` : ''}`, inline: true },
        { name: 'Market', value: marketLine, inline: true },
        { name: 'Store', value: store.location, inline: true },
        ...(budgetLine ? [{ name: 'Request budget', value: budgetLine }] : []),
        ...(nextSnap
          ? [
              {
                name: 'Next scan snapshot',
                value: `${nyTime(nextSnap.getTime() < now.getTime() ? now : nextSnap)}${last ? ` (last ${nyTime(last.takenAt)})` : ''}`,
              },
            ]
          : []),
      ],
      tables: [
        {
          columns: ['Provider', 'Health', 'Requests', 'Cache hits', 'Budget left', 'Last error'],
          rows: providers.map((p) => {
            const total = p.cacheHits + p.cacheMisses;
            return [
              p.id,
              p.healthy ? 'ok' : 'failing',
              String(p.requests),
              total ? pct(p.cacheHits / total, 0) : 'n/a',
              p.budgetLeft === undefined ? 'unlimited' : String(p.budgetLeft),
              p.lastError ? `${p.lastError.message} (${nyTime(p.lastError.at)})` : '—',
            ];
          }),
        },
      ],
      data: {
        mode: market.mode,
        now: now.toISOString(),
        marketOpen: open,
        ...(nextOpen ? { nextOpen: nextOpen.toUTC().toISO() as string } : {}),
        providers,
        ...(budget ? { budget: { ...budget, nextSnapshot: nextSnap?.toISOString(), lastSnapshot: last?.takenAt } } : {}),
      },
    });
  },
});
