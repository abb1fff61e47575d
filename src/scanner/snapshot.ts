/**
 * Scan snapshots: the latest result of each preset's scan, kept in the store, so /scan answers at
 * once instead of spending a minute of Yahoo's budget. A snapshot belongs to a scope: a tenant
 * (its watchlist and holdings shaped it, so no other tenant may see it) or `*`, the shared one the
 * scheduler takes with neutral portfolio fit. One is used while it is from the same New York day
 * and younger than config.scanner.live.snapshotMaxAgeMinutes; `fresh=true` always re-runs.
 */
import { DateTime } from 'luxon';
import type { PresetName } from '../core/scanner/presets.js';
import type { Services } from '../services.js';
import { requestFilters, runScan, type ScanProgress, type ScanRequest, type ScanResult } from './pipeline.js';

export const SNAPSHOT_NS = 'scansnap';
/** Beside each snapshot, what every /greeks reads of it (today's pick default): a few hundred bytes, not the ~40 kB result. */
export const SNAPSHOT_PICKS_NS = 'scanpicks';
export const SHARED = '*';

/** A snapshot's picks: when it was taken, each pick's symbol and its option idea's type. */
export interface SnapshotPicks {
  takenAt: string;
  picks: { symbol: string; ideaType?: 'call' | 'put' }[];
}

interface Stored {
  scope: string;
  preset: PresetName;
  /** ISO instant the scan finished, by the bot's clock. */
  takenAt: string;
  /** What shaped the result besides the preset: watchlist and holdings (a tenant's snapshot is void once they change). */
  inputs: string;
  result: ScanResult;
}

export interface SnapshotInfo {
  scope: string;
  takenAt: string;
  ageMinutes: number;
  /** The shared snapshot: the tenant's watchlist and holdings were not part of it. */
  shared: boolean;
}

export interface ScanAnswer {
  result: ScanResult;
  snapshot?: SnapshotInfo;
}

type Deps = Pick<Services, 'market' | 'config' | 'calendar' | 'store' | 'clock'>;

// The data mode is part of the key: a simulated scan must never answer a live /scan.
const key = (deps: Deps, scope: string, preset: PresetName): string => `${deps.market.mode}|${scope}|${preset}`;
const inputsOf = (req: ScanRequest): string =>
  JSON.stringify([[...(req.watchlist ?? [])].sort(), req.holdings === undefined ? null : req.holdings.map((h) => JSON.stringify(h)).sort()]);

/** Only a plain `/scan [preset]` (no filters, band or larger limit) can be answered from a snapshot. */
export function snapshotable(req: ScanRequest, config: Services['config']): boolean {
  const filters = Object.values(req.filters ?? {}).filter((v) => v !== undefined);
  return (
    !req.band &&
    filters.length === 0 &&
    req.minPrice === undefined &&
    req.maxPrice === undefined &&
    !req.sector &&
    (req.limit ?? config.scanner.limit) <= config.scanner.limit
  );
}

export async function latestSnapshot(deps: Deps, scope: string, preset: PresetName): Promise<Stored | undefined> {
  return (await deps.store.ns<Stored>(SNAPSHOT_NS).get(key(deps, scope, preset))) ?? undefined;
}

export async function saveSnapshot(deps: Deps, scope: string, preset: PresetName, result: ScanResult, inputs = ''): Promise<void> {
  // A snapshot that could not be stored costs only the next /scan a fresh run: the result is not lost.
  const k = key(deps, scope, preset);
  const takenAt = deps.clock.now().toISOString();
  await deps.store.ns<Stored>(SNAPSHOT_NS).set(k, { scope, preset, takenAt, inputs, result });
  await deps.store.ns<SnapshotPicks>(SNAPSHOT_PICKS_NS).set(k, picksOf({ takenAt, result }));
}

const picksOf = (s: Pick<Stored, 'takenAt' | 'result'>): SnapshotPicks => ({
  takenAt: s.takenAt,
  picks: s.result.picks.map((p) => (p.option?.type ? { symbol: p.symbol, ideaType: p.option.type } : { symbol: p.symbol })),
});

/**
 * The picks of the latest snapshot of each (scope, preset), in order (undefined where there is none):
 * one read of the small indexes, and the whole snapshot only where an index is missing (a snapshot
 * stored before indexes existed).
 */
export async function latestPicks(deps: Deps, wanted: readonly (readonly [scope: string, preset: PresetName])[]): Promise<(SnapshotPicks | undefined)[]> {
  const keys = wanted.map(([scope, preset]) => key(deps, scope, preset));
  const found = await deps.store.ns<SnapshotPicks>(SNAPSHOT_PICKS_NS).getMany(keys);
  const missing = keys.filter((_, i) => !found[i]);
  if (!missing.length) return found;
  const whole = new Map((await deps.store.ns<Stored>(SNAPSHOT_NS).getMany(missing)).map((s, i) => [missing[i], s]));
  return keys.map((k, i) => {
    const s = whole.get(k);
    return found[i] ?? (s ? picksOf(s) : undefined);
  });
}

/** A stored snapshot usable now, else undefined. */
export function usable(deps: Deps, s: Stored | undefined, now: Date): SnapshotInfo | undefined {
  if (!s) return undefined;
  const taken = new Date(s.takenAt);
  const ageMinutes = (now.getTime() - taken.getTime()) / 60_000;
  if (ageMinutes < 0 || ageMinutes > deps.config.scanner.live.snapshotMaxAgeMinutes) return undefined;
  if (deps.calendar.nyDate(taken) !== deps.calendar.nyDate(now)) return undefined;
  return { scope: s.scope, takenAt: s.takenAt, ageMinutes, shared: s.scope === SHARED };
}

/**
 * The scan a command or post shows: the newest usable snapshot (the scope's own, else the shared
 * one) unless `fresh`, else a new scan, saved as the scope's snapshot when it was a plain one.
 */
export async function scanOrSnapshot(
  deps: Deps,
  req: ScanRequest,
  opts: { scope: string; fresh?: boolean; budgetShare?: number },
  progress?: ScanProgress,
): Promise<ScanAnswer> {
  const preset = req.preset ?? 'default';
  const now = deps.clock.now();
  const plain = snapshotable(req, deps.config);
  if (plain && !opts.fresh) {
    for (const scope of opts.scope === SHARED ? [SHARED] : [opts.scope, SHARED]) {
      const stored = await latestSnapshot(deps, scope, preset);
      const info = usable(deps, stored, now);
      if (stored && info && (scope === SHARED || stored.inputs === inputsOf(req))) {
        const limit = req.limit ?? deps.config.scanner.limit;
        // Infinity does not survive JSON: the preset's filters are rebuilt rather than read back.
        return { result: { ...stored.result, filters: requestFilters(deps.config, { preset }), picks: stored.result.picks.slice(0, limit) }, snapshot: info };
      }
    }
  }
  const result = await runScan(deps, req, now, progress, { budgetShare: opts.budgetShare ?? 1 });
  if (plain) await saveSnapshot(deps, opts.scope, preset, result, opts.scope === SHARED ? '' : inputsOf(req));
  return { result };
}

/** "snapshot from 10:32 ET (12 min ago)". */
export function describeSnapshot(s: SnapshotInfo): string {
  const at = DateTime.fromISO(s.takenAt).setZone('America/New_York').toFormat('HH:mm');
  const age = s.ageMinutes < 1 ? 'under a minute ago' : `${Math.round(s.ageMinutes)} min ago`;
  return `From the scan snapshot of ${at} ET (${age})${s.shared ? ', the shared one: your watchlist and holdings were not part of it' : ''}; \`/scan fresh=true\` runs a new scan.`;
}
