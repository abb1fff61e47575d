/**
 * Earnings in view for /greeks: the next earnings date (from the provider's fundamentals), whether the
 * shown expiry spans it, and the move the term structure implies — the ATM IVs of the last expiry
 * before the date and the first one on or after it (core/options impliedEarningsMove).
 */
import { impliedEarningsMove } from '../core/options/index.js';
import { yearsToExpiry } from '../market/expiry.js';
import type { MarketGateway, OptionChain } from '../market/index.js';
import { chainAtmIv } from './ivHistory.js';

export interface EarningsView {
  /** Next earnings date, `YYYY-MM-DD`. */
  date: string;
  /** The shown expiry is on or after the earnings date: its price carries the event. */
  spans: boolean;
  /** 1σ implied earnings move as a fraction of spot, and in currency; NaN with `note` when it cannot be formed. */
  move: number;
  moveDollars: number;
  /** The expiries it was read from, with their ATM IVs. */
  before?: { expiry: string; iv: number };
  after?: { expiry: string; iv: number };
  note?: string;
}

export async function earningsView(
  market: Pick<MarketGateway, 'optionChain'>,
  first: OptionChain,
  expiry: string,
  now: Date,
  date: string | undefined,
  m: { rate: number; dividendYield: number; maxSpreadPct: number; maxIv: number },
): Promise<EarningsView | undefined> {
  if (!date) return undefined;
  const spans = expiry >= date;
  const live = first.expiries.filter((e) => yearsToExpiry(e, now) > 0);
  const before = live.filter((e) => e < date).pop();
  const after = live.find((e) => e >= date);
  const base = { date, spans, move: NaN, moveDollars: NaN };
  if (!before || !after) return { ...base, note: before ? 'no expiry listed after earnings' : 'no expiry listed before earnings' };
  const chainFor = async (e: string) => (first.contracts.some((c) => c.expiry === e) ? first : market.optionChain(first.symbol, e));
  try {
    const ivBefore = chainAtmIv(await chainFor(before), before, now, m);
    const ivAfter = chainAtmIv(await chainFor(after), after, now, m);
    const move = impliedEarningsMove({ years: yearsToExpiry(before, now), iv: ivBefore }, { years: yearsToExpiry(after, now), iv: ivAfter });
    return {
      ...base,
      move,
      moveDollars: move * first.spot,
      before: { expiry: before, iv: ivBefore },
      after: { expiry: after, iv: ivAfter },
      ...(Number.isFinite(move) ? {} : { note: 'no clean at-the-money quotes, or no extra variance after earnings' }),
    };
  } catch {
    return { ...base, note: 'the chains either side of earnings could not be read' };
  }
}
