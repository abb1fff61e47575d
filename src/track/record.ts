/**
 * Turns a posted scan (the morning post, or /scan in a channel) into track-record entries: the
 * entry is exactly the pick's `price` in the post and the idea's entry the premium it quoted.
 * Reads only the fields it needs from the post's `data`, validated, so a changed post shape
 * fails loudly here rather than recording wrong numbers.
 */
import { z } from 'zod';
import type { Services } from '../services.js';
import type { TrackedPick } from './schema.js';
import { recordPicks } from './store.js';

const PostedScan = z.object({
  preset: z.string(),
  picks: z.array(
    z.object({
      symbol: z.string(),
      price: z.number(),
      option: z.object({ contract: z.string(), type: z.enum(['call', 'put']), strike: z.number(), expiry: z.string(), premium: z.number() }).optional(),
    }),
  ),
});

export interface PostInfo {
  origin: TrackedPick['origin'];
  /** `*` for the morning post. */
  tenant: string;
  postedAt: Date;
}

export function picksFromPost(services: Pick<Services, 'calendar'>, data: unknown, info: PostInfo): TrackedPick[] {
  const scan = PostedScan.parse(data);
  const day = services.calendar.nyDate(info.postedAt);
  return scan.picks.map((p) => ({
    symbol: p.symbol,
    preset: scan.preset,
    origin: info.origin,
    tenant: info.tenant,
    postedAt: info.postedAt.toISOString(),
    day,
    entry: p.price,
    idea: p.option ? { contract: p.option.contract, type: p.option.type, strike: p.option.strike, expiry: p.option.expiry, entry: p.option.premium } : null,
  }));
}

/** Records a posted scan; returns how many picks were new. */
export async function recordPost(services: Services, data: unknown, info: PostInfo): Promise<number> {
  return recordPicks(services, picksFromPost(services, data, info));
}
