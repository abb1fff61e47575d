/**
 * The 13-week T-bill as a continuously compounded rate. Yahoo's ^IRX (Cboe's 13-week bill index)
 * quotes the bill's bank-discount rate d in percent. A bill of t = 91 days costs P = 1 − d·91/360 per
 * 1 of face; its money-market yield is y = d / (1 − d·91/360), and the continuously compounded rate
 * over actual/365 days — the convention of every model here — is
 *   r = (365/91)·ln(1 + y·91/360) = −(365/91)·ln(1 − d·91/360).
 */
export const TBILL_DAYS = 91;

/** ^IRX quote (discount rate, percent) → continuously compounded annual rate (decimal). NaN when out of range. */
export function tbillDiscountToContinuous(discountPct: number, days = TBILL_DAYS): number {
  const price = 1 - (discountPct / 100) * (days / 360);
  if (!Number.isFinite(discountPct) || !(price > 0) || discountPct < -5 || discountPct > 30) return NaN;
  return (-365 / days) * Math.log(price);
}

/** The inverse: the discount rate (percent) a bill quotes when the continuous rate is `rate`. */
export function continuousToTbillDiscount(rate: number, days = TBILL_DAYS): number {
  return ((1 - Math.exp((-rate * days) / 365)) * 360 * 100) / days;
}
