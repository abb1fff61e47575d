/**
 * The track record service: every posted pick graded in public. `/track` and the end-of-day
 * summary read it; the scheduler and /scan write it (record.ts).
 */
import { SIM_SOURCE } from '../market/sim/index.js';
import type { Services } from '../services.js';
import { gradePicks } from './grade.js';
import type { TrackData, TrackPickRow } from './schema.js';
import { listPicks } from './store.js';
import { summarize } from './summary.js';

export { TrackData, TrackPickRow, PresetSummary, TrackedPick } from './schema.js';
export { recordPost, picksFromPost } from './record.js';
export { cumulative } from './summary.js';
export { tradingDayAfter } from './grade.js';

/** Picks posted on `day` (New York) that `tenant` saw, graded at `now`: the end-of-day summary's "yesterday's picks". */
export async function picksOfDay(services: Services, tenant: string, day: string, now: Date): Promise<TrackPickRow[]> {
  const picks = (await listPicks(services, tenant, day, 1)).filter((p) => p.day === day);
  return picks.length ? (await gradePicks(services, picks, now)).rows : [];
}

export async function trackRecord(services: Services, tenant: string, opts: { preset?: string; days: number }, now: Date): Promise<TrackData> {
  const today = services.calendar.nyDate(now);
  const picks = (await listPicks(services, tenant, today, opts.days)).filter((p) => !opts.preset || p.preset === opts.preset);
  const graded = await gradePicks(services, picks, now);
  return {
    days: opts.days,
    preset: opts.preset ?? null,
    asOf: now.toISOString(),
    source: services.market.mode === SIM_SOURCE ? `${SIM_SOURCE} (simulated data, not real prices)` : services.market.mode,
    benchmark: graded.benchmark,
    picks: graded.rows,
    summary: summarize(graded.rows),
  };
}
