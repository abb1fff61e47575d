/**
 * The track record's shapes: what is stored when a pick is posted (`TrackedPick`) and what
 * `/track` returns (`TrackData`, the command's `data`). Returns are decimals (0.05 = +5 %).
 */
import { z } from 'zod';

/** The option idea as posted: the contract and the premium the post quoted (the ask). */
export const PostedIdea = z.object({
  contract: z.string(),
  type: z.enum(['call', 'put']),
  strike: z.number(),
  expiry: z.string(),
  entry: z.number(),
});
export type PostedIdea = z.infer<typeof PostedIdea>;

export const TrackedPick = z.object({
  symbol: z.string(),
  preset: z.string(),
  /** `morning` (the scheduled post) or `scan` (a /scan reply posted in a channel). */
  origin: z.enum(['morning', 'scan']),
  /** `*` for the morning post (the same for every server), else the tenant whose channel saw it. */
  tenant: z.string(),
  postedAt: z.string(),
  /** New York trading day of the post. */
  day: z.string(),
  /** The pick's `price` in its post. */
  entry: z.number(),
  idea: PostedIdea.nullable(),
});
export type TrackedPick = z.infer<typeof TrackedPick>;

const ret = z.number().nullable();

export const TrackPickRow = z.object({
  symbol: z.string(),
  preset: z.string(),
  origin: z.enum(['morning', 'scan']),
  postedAt: z.string(),
  entry: z.number(),
  returns: z.object({ d1: ret, d5: ret, d20: ret }),
  /** The benchmark over the same windows (from the close before the post), null until due or when unavailable. */
  benchmark: z.object({ d1: ret, d5: ret, d20: ret }),
  idea: z
    .object({
      contract: z.string(),
      entry: z.number(),
      /** Later value of the same contract: its mid (real quote) or, after expiry, intrinsic at the expiry close. Null when none. */
      mark: z.number().nullable(),
      markedBy: z.enum(['quote', 'expiry', 'none']),
      /** (mark − entry) ÷ entry, null when there is no later quote. */
      pnl: z.number().nullable(),
    })
    .nullable(),
});
export type TrackPickRow = z.infer<typeof TrackPickRow>;

export const HorizonStats = z.object({
  /** Picks whose return at this horizon is due. */
  n: z.number(),
  hitRate: z.number().nullable(),
  average: z.number().nullable(),
  median: z.number().nullable(),
  /** Average benchmark return over the same picks' windows. */
  benchmark: z.number().nullable(),
});
export type HorizonStats = z.infer<typeof HorizonStats>;

export const PresetSummary = z.object({
  preset: z.string(),
  picks: z.number(),
  d1: HorizonStats,
  d5: HorizonStats,
  d20: HorizonStats,
  /** Option ideas with a later quote: how many and their average P&L on premium. */
  ideas: z.object({ n: z.number(), average: z.number().nullable() }),
});
export type PresetSummary = z.infer<typeof PresetSummary>;

export const TrackData = z.object({
  days: z.number(),
  preset: z.string().nullable(),
  asOf: z.string(),
  source: z.string(),
  benchmark: z.string(),
  picks: z.array(TrackPickRow),
  summary: z.array(PresetSummary),
});
export type TrackData = z.infer<typeof TrackData>;

export const HORIZONS = [1, 5, 20] as const;
