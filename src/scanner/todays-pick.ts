/**
 * Whether a symbol is one of today's scan picks, and in which direction: what /greeks defaults its
 * bias to when a trader comes to it from a pick. Looked up in today's track record (the morning post
 * for everyone, a /scan posted in the tenant's channels) and in today's newest scan snapshot (the
 * tenant's own, else the shared one) of any preset.
 */
import { PRESET_NAMES } from '../core/scanner/presets.js';
import type { Services } from '../services.js';
import { listPicks } from '../track/store.js';
import { latestPicks, SHARED } from './snapshot.js';

export type PickDirection = 'bullish' | 'bearish';

/** The scanner ranks long setups and its option ideas are calls: a pick is bullish unless its idea is a put. */
export const directionOf = (ideaType: 'call' | 'put' | undefined): PickDirection => (ideaType === 'put' ? 'bearish' : 'bullish');

export interface TodaysPick {
  symbol: string;
  direction: PickDirection;
  preset: string;
  /** Where it was found. */
  from: 'track record' | 'snapshot';
}

type Deps = Pick<Services, 'market' | 'config' | 'calendar' | 'store' | 'clock'>;

/** Today's pick of `symbol` seen by `tenant`, or undefined. A store that cannot be read means no pick, not an error. */
export async function todaysPick(deps: Deps, tenant: string, symbol: string): Promise<TodaysPick | undefined> {
  const sym = symbol.toUpperCase();
  const now = deps.clock.now();
  const today = deps.calendar.nyDate(now);
  const tracked = (await listPicks(deps, tenant, today, 1).catch(() => [])).filter((p) => p.symbol === sym && p.day === today);
  // The tenant's own call first (its channel saw it), then the morning post's.
  const t = tracked.find((p) => p.tenant === tenant) ?? tracked[0];
  if (t) return { symbol: sym, direction: directionOf(t.idea?.type), preset: t.preset, from: 'track record' };
  let best: { at: string; pick: TodaysPick } | undefined;
  const wanted = [tenant, SHARED].flatMap((scope) => PRESET_NAMES.map((preset) => [scope, preset] as const));
  const found = await latestPicks(deps, wanted).catch(() => []);
  found.forEach((s, i) => {
    if (!s || deps.calendar.nyDate(new Date(s.takenAt)) !== today || new Date(s.takenAt) > now) return;
    const p = s.picks.find((x) => x.symbol === sym);
    const preset = wanted[i]?.[1] as string;
    if (p && (!best || s.takenAt > best.at)) best = { at: s.takenAt, pick: { symbol: sym, direction: directionOf(p.ideaType), preset, from: 'snapshot' } };
  });
  return best?.pick;
}
