/**
 * The track record service: every posted pick graded in public. `/track` and the end-of-day
 * summary read it; the scheduler and /scan write it (record.ts).
 */
import { SIM_SOURCE } from '../market/sim/index.js';
import type { Services } from '../services.js';
import { gradePicks } from './grade.js';
import type { TrackData } from './schema.js';
import { listPicks } from './store.js';
import { summarize } from './summary.js';

export { TrackData, TrackPickRow, PresetSummary, TrackedPick } from './schema.js';
export { recordPost, picksFromPost } from './record.js';
export { cumulative } from './summary.js';
export { tradingDayAfter } from './grade.js';

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
