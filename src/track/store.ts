/**
 * The track record's storage: one list per New York day (`trackpicks`, key `YYYY-MM-DD`),
 * validated on read. A pick counts from its first post: posting the same symbol again the
 * same day (a restart, a second /scan) never replaces the recorded entry.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Services } from '../services.js';
import { TrackedPick } from './schema.js';

export const TRACK_NS = 'trackpicks';
const DayList = z.array(TrackedPick);

const sameCall = (a: TrackedPick, b: TrackedPick) => a.origin === b.origin && a.tenant === b.tenant && a.symbol === b.symbol && a.preset === b.preset;

/** Adds the picks not yet recorded for their day; returns how many were new. */
export async function recordPicks(services: Pick<Services, 'store'>, picks: readonly TrackedPick[]): Promise<number> {
  let added = 0;
  for (const day of new Set(picks.map((p) => p.day))) {
    const list = picks.filter((p) => p.day === day);
    await services.store.transaction(`${TRACK_NS}:${day}`, async () => {
      const kv = services.store.ns<TrackedPick[]>(TRACK_NS);
      const stored = DayList.safeParse((await kv.get(day)) ?? []);
      const have = stored.success ? stored.data : [];
      const fresh = list.filter((p) => !have.some((h) => sameCall(h, p)));
      if (!fresh.length) return;
      if (!(await kv.set(day, [...have, ...fresh]))) throw new Error(`could not write the track record for ${day}`);
      added += fresh.length;
    });
  }
  return added;
}

/** Picks posted on the `days` calendar days up to `today` that `tenant` saw (morning posts are everyone's). */
export async function listPicks(services: Pick<Services, 'store'>, tenant: string, today: string, days: number): Promise<TrackedPick[]> {
  const kv = services.store.ns<TrackedPick[]>(TRACK_NS);
  const end = DateTime.fromISO(today);
  const out: TrackedPick[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = end.minus({ days: i }).toISODate() as string;
    const parsed = DayList.safeParse((await kv.get(day)) ?? []);
    if (parsed.success) out.push(...parsed.data.filter((p) => p.tenant === '*' || p.tenant === tenant));
  }
  return out;
}
