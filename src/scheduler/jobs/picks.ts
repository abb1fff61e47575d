/** The morning picks of each day (`schedpicks`, key YYYY-MM-DD), kept for the IV snapshot and the summary. */
export interface PostedPick {
  symbol: string;
  price: number;
  score: number;
}

export const PICKS_NS = 'schedpicks';
