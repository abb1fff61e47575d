/** The morning picks of each day (`schedpicks`, key YYYY-MM-DD), kept for the IV snapshot and the summary. */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

export interface PostedPick {
  symbol: string;
  price: number;
  score: number;
}

export const PICKS_NS = 'schedpicks';

const schema = z.array(z.looseObject({ symbol: z.string(), price: z.number(), score: z.number() }));

export async function loadPicks(store: Store, date: string): Promise<PostedPick[]> {
  return (parseStored(schema, await store.ns<PostedPick[]>(PICKS_NS).get(date), `picks of ${date}`) as PostedPick[] | undefined) ?? [];
}

export async function savePicks(store: Store, date: string, picks: readonly PostedPick[]): Promise<void> {
  await store.ns<PostedPick[]>(PICKS_NS).set(
    date,
    picks.map((p) => ({ symbol: p.symbol, price: p.price, score: p.score })),
  );
}
