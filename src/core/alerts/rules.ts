/**
 * The alert rules of a position and of a book, built from its levels and the configured limits.
 * Each is an AlertRule for evaluateRule; what is observed for each kind is documented here.
 */
import type { AlertRule } from './crossing.js';

export interface AlertLimits {
  /** Expiry warning when this many calendar days or fewer remain. */
  daysBeforeExpiry: number;
  /** Theta decay alert: a day's theta over this fraction of the option's value. */
  thetaDecayPct: number;
  /** IV spike alert: implied vol this fraction above its value at entry (0.3 = +30 %). */
  ivSpikePct: number;
  /** Hysteresis band as a fraction of each level. */
  hysteresis: number;
  /** VaR limit as a fraction of equity (risk.varLimitPct). */
  varLimitPct: number;
  /** Largest single name's |net delta$| as a share of equity (risk.concentrationLimitPct). */
  concentrationLimitPct: number;
}

export interface PositionLevels {
  id: string;
  side: 'long' | 'short';
  stopLoss: number;
  profitTarget: number;
  isOption: boolean;
  hasEntryIv: boolean;
}

/**
 * Rules of one position. Observed values: stopLoss / profitTarget — the position's own price (share
 * price, or option premium); expiry — calendar days left; thetaDecay — |theta per day| / option
 * value; ivSpike — IV / IV at entry − 1.
 */
export function positionRules(p: PositionLevels, l: AlertLimits): AlertRule[] {
  const long = p.side === 'long';
  const band = (level: number) => Math.abs(level) * l.hysteresis;
  const rules: AlertRule[] = [
    { kind: 'stopLoss', subject: p.id, direction: long ? 'below' : 'above', level: p.stopLoss, band: band(p.stopLoss) },
    { kind: 'profitTarget', subject: p.id, direction: long ? 'above' : 'below', level: p.profitTarget, band: band(p.profitTarget) },
  ];
  if (p.isOption) {
    rules.push({ kind: 'expiry', subject: p.id, direction: 'below', level: l.daysBeforeExpiry, band: 0 });
    rules.push({ kind: 'thetaDecay', subject: p.id, direction: 'above', level: l.thetaDecayPct, band: band(l.thetaDecayPct) });
    if (p.hasEntryIv) rules.push({ kind: 'ivSpike', subject: p.id, direction: 'above', level: l.ivSpikePct, band: band(l.ivSpikePct) });
  }
  return rules;
}

/** Rules of a whole book: VaR / equity at the configured level, largest name's exposure / equity. */
export function bookRules(owner: string, l: AlertLimits): AlertRule[] {
  const subject = `book:${owner}`;
  return [
    { kind: 'varLimit', subject, direction: 'above', level: l.varLimitPct, band: l.varLimitPct * l.hysteresis },
    { kind: 'concentration', subject, direction: 'above', level: l.concentrationLimitPct, band: l.concentrationLimitPct * l.hysteresis },
  ];
}
