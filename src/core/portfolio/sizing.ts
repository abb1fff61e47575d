/**
 * Position sizing: fixed-fractional risk with the stop distance, capped by the largest position
 * allowed and, once the journal has enough trades, by a capped Kelly fraction.
 */
export interface SizingRules {
  /** Fraction of equity risked from entry to stop. */
  riskPerTrade: number;
  /** Largest position value as a fraction of equity. */
  maxPositionPct: number;
  /** Upper bound on the Kelly fraction used. */
  kellyCap: number;
}

export interface SizeResult {
  /** Whole shares or contracts to buy (≥ 0). */
  units: number;
  /** Units from the risk budget alone. */
  byRisk: number;
  byPositionCap: number;
  /** Units from the Kelly cap; NaN when Kelly is not available. */
  byKelly: number;
  /** Which limit set `units`. */
  binding: 'risk' | 'position cap' | 'kelly';
  riskBudget: number;
  riskPerUnit: number;
  positionValue: number;
  /** The Kelly fraction applied (after capping, floored at 0), NaN when not used. */
  kellyFraction: number;
}

/**
 * Units = floor(min(risk budget / risk per unit, cap / cost per unit, kelly · equity / cost per unit)).
 * `costPerUnit` is the capital one unit ties up (share price, or premium × 100 for a contract);
 * `riskPerUnit` what one unit loses at the stop (|entry − stop|, × 100 for contracts).
 * `kelly` NaN means "not enough journal data": the Kelly cap is skipped. A Kelly ≤ 0 (no edge) gives 0.
 */
export function sizePosition(equity: number, costPerUnit: number, riskPerUnit: number, rules: SizingRules, kelly = NaN): SizeResult {
  const riskBudget = Math.max(0, equity * rules.riskPerTrade);
  const byRisk = riskPerUnit > 0 ? Math.floor(riskBudget / riskPerUnit + 1e-9) : Infinity;
  const byPositionCap = costPerUnit > 0 ? Math.floor((equity * rules.maxPositionPct) / costPerUnit + 1e-9) : 0;
  const kellyFraction = Number.isFinite(kelly) ? Math.max(0, Math.min(kelly, rules.kellyCap)) : NaN;
  const byKelly = Number.isFinite(kellyFraction) && costPerUnit > 0 ? Math.floor((equity * kellyFraction) / costPerUnit + 1e-9) : NaN;
  let units = Math.min(byRisk, byPositionCap);
  let binding: SizeResult['binding'] = byRisk <= byPositionCap ? 'risk' : 'position cap';
  if (Number.isFinite(byKelly) && byKelly < units) {
    units = byKelly;
    binding = 'kelly';
  }
  units = Math.max(0, Number.isFinite(units) ? units : 0);
  return { units, byRisk, byPositionCap, byKelly, binding, riskBudget, riskPerUnit, positionValue: units * costPerUnit, kellyFraction };
}
