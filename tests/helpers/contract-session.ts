/**
 * What the `--json` contract tests run on every kind of data (simulated, live fakes, recordings):
 * the command list a user goes through, and the scheduler's morning post, intraday check and
 * end-of-day summary on one trading day.
 */
import type { Reply } from '../../src/chat/reply.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { portfolioAlertSource, portfolioSummary } from '../../src/scheduler/portfolio.js';
import type { Services } from '../../src/services.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';

/**
 * Every command with realistic arguments for `sym` (price `price`, option `opt` as `EXPIRY STRIKE call`,
 * a second expiry `other`): bought above the market with the stop between, so the first intraday
 * check fires the stop-loss alert.
 */
export function contractLines(x: { sym: string; price: number; opt: string; other: string; notes: string }): string[] {
  const { sym, price, opt } = x;
  return [
    '/help',
    '/help greeks',
    `/quote ${sym}`,
    `/greeks ${sym}`,
    `/greeks ${sym} ${x.other} put`,
    '/scan limit=3',
    '/scan momentum limit=2 price=2..50',
    `/watch add ${sym}`,
    '/watch list',
    `/watch remove ${sym}`,
    '/status',
    '/schedule',
    '/settings',
    '/settings timezone Europe/London',
    `/portfolio add ${sym} 100 ${(price * 1.06).toFixed(2)} stop=${(price * 1.02).toFixed(2)}`,
    `/portfolio add ${sym} 2 ${opt}`,
    '/portfolio list',
    '/portfolio show P1',
    `/portfolio edit P1 target=${(price * 1.3).toFixed(2)} notes=${x.notes}`,
    `/size ${sym}`,
    `/size ${sym} ${opt}`,
    '/risk',
    '/alerts',
    '/alerts mute P2',
    '/alerts unmute P2',
    '/alerts deliver channel',
    `/alerts add ${sym} above ${(price * 2).toFixed(2)}`,
    `/alerts add ${sym} move 5`,
    '/alerts list',
    '/alerts remove A2',
    '/portfolio close P2 1',
    '/pnl',
  ];
}

/** Runs the console tenant's scheduler at 09:45, 10:00 and 16:15 New York on `day`, collecting what it posts. */
export async function driveScheduler(bot: { services: Services; clock: { set(at: Date): void } }, day: string, posted: Reply[]): Promise<void> {
  const send = Object.assign(async (_channel: string, reply: Reply) => void posted.push(reply), { platforms: new Set(['console']) });
  const scheduler = await createScheduler({
    services: bot.services,
    send,
    alerts: portfolioAlertSource(bot.services),
    summary: portfolioSummary(bot.services),
    tenants: [CONSOLE_TENANT],
  });
  for (const at of ['09:45', '10:00', '16:15']) {
    bot.clock.set(new Date(`${day}T${at}:00-05:00`));
    await scheduler.tick();
  }
}
