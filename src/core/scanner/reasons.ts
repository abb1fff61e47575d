/**
 * A pick's explanation as data: each line says what was checked, what was found, what the scan
 * asked for and whether it passed. `reasonText` is the one place a reason becomes words, so the
 * reply, the morning post and `--json`'s `reasons` strings always read the same.
 */
export interface Reason {
  /**
   * A filter (`price`, `marketCap`, `avgVolume`, `relVolume`, `change`, `gap`, `sector`, `float`, `short`, `earnings`,
   * `revenueGrowth`, `epsGrowth`, `pe`, `institutional`, `sma`, `rsi`, `macd`, `bollinger`, `atr`, `fromHigh`, `rs`,
   * `pattern`) or a signal group (`watchlist`, `technical`, `risk`, `portfolio`, `nextEarnings`, `option`).
   */
  check: string;
  /** What was found, as shown, with its label: "price $12.30", or a signal's whole finding. */
  value: string;
  /** What the scan asked for ("$2.00–$20.00"); null for a signal, which is not a filter. */
  wanted: string | null;
  passed: boolean;
}

export function reasonText(r: Reason): string {
  return r.wanted === null ? r.value : `${r.value} (wanted ${r.wanted})`;
}

/** A signal line (trend, pattern, risk, fit, the option idea): found, not asked for. */
export const signal = (check: string, value: string): Reason => ({ check, value, wanted: null, passed: true });
