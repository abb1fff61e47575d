/**
 * Runs the store's pruning once per New York day of the bot's clock (on the first tick of the day,
 * so also at start). A failure is logged and retried the next day; it never stops the scheduler.
 */
import type { Services } from '../services.js';
import { pruneStore } from '../store/prune.js';

const DAY_MS = 86_400_000;

export function dailyPruner(services: Pick<Services, 'store' | 'clock' | 'calendar' | 'logger' | 'config'>): () => Promise<void> {
  let done: string | undefined;
  return async () => {
    const now = services.clock.now();
    const day = services.calendar.nyDate(now);
    if (day === done) return;
    done = day;
    try {
      const pruned = await pruneStore(services.store.sql, new Date(now.getTime() - services.config.store.keepDays * DAY_MS));
      if (pruned.outbox || pruned.runs || pruned.expired) services.logger.info({ ...pruned, keepDays: services.config.store.keepDays }, 'store pruned');
    } catch (err) {
      services.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'store pruning failed; retried tomorrow');
    }
  };
}
