/**
 * Keeps scan snapshots warm so /scan and the morning post answer at once: on a trading day at
 * config.scanner.live.warmAt (default 09:00 New York) it runs each kept preset's scan, which also
 * fills the listing, quote, fundamentals and history caches; during the session it refreshes a
 * preset's shared snapshot once it is older than refreshMinutes, using at most refreshBudgetShare
 * of the background budget. One scan at a time, never awaited by the scheduler's tick.
 */
import type { PresetName } from '../../core/scanner/presets.js';
import type { Services } from '../../services.js';
import { latestSnapshot, scanOrSnapshot, SHARED } from '../../scanner/snapshot.js';
import { nextSnapshotAt } from '../../scanner/snapshot-times.js';

export interface SnapshotWarmer {
  /** Starts the scan that is due, if any and none is running; resolves when it is started. */
  tick(): Promise<void>;
  /** The running scan, for tests and shutdown. */
  running(): Promise<void> | undefined;
}

export function createSnapshotWarmer(services: Services): SnapshotWarmer {
  const { clock, config, logger } = services;
  const live = config.scanner.live;
  let current: Promise<void> | undefined;
  // After a failure, wait before trying again rather than spending the budget every tick.
  let retryAfter = 0;

  async function due(): Promise<PresetName | undefined> {
    const now = clock.now();
    for (const preset of live.presets) {
      const last = await latestSnapshot(services, SHARED, preset);
      const next = nextSnapshotAt(services, now, last?.takenAt);
      if (next && next.getTime() <= now.getTime()) return preset;
    }
    return undefined;
  }

  return {
    async tick() {
      if (current || clock.now().getTime() < retryAfter) return;
      const preset = await due();
      if (!preset) return;
      current = scanOrSnapshot(services, { preset }, { scope: SHARED, fresh: true, budgetShare: live.refreshBudgetShare })
        .then(({ result }) => logger.info({ preset, picks: result.picks.length, ms: result.elapsedMs }, 'scan snapshot taken'))
        .catch((err: unknown) => {
          retryAfter = clock.now().getTime() + 5 * 60_000;
          logger.warn({ preset, err: err instanceof Error ? err.message : String(err) }, 'scan snapshot failed; trying again in 5 minutes');
        })
        .finally(() => {
          current = undefined;
        });
    },
    running: () => current,
  };
}
