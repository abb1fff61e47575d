/**
 * The edge-triggered rule every alert kind shares: a pure function of (rule, previous state,
 * observation) → (alerts, new state).
 *
 * - Fires when the rule is armed and the value is at or past the level: the previous value was on
 *   the safe side (that is what "armed" records), the current one is not. A gap through the level
 *   fires just the same; nothing interpolates between observations.
 * - Fires once: firing disarms the rule.
 * - Hysteresis: a fired rule re-arms only when the value is back beyond level ± band on the safe
 *   side, so a price hovering at the stop does not fire again and again.
 * - No previous state means a new rule, counted as armed (rules are created with the position,
 *   whose entry is on the safe side of its own stop and target; one created already past its
 *   level fires at its first observation, which is what the user needs to hear).
 * - A non-finite observation changes nothing and fires nothing (no data is not a crossing).
 * - The alert's key (tenant, subject, rule, trading day) lets the delivery outbox drop repeats:
 *   at most one alert per rule and subject per trading day reaches the user.
 */
export type AlertRuleKind = 'stopLoss' | 'profitTarget' | 'expiry' | 'thetaDecay' | 'ivSpike' | 'varLimit' | 'concentration';

export const RULE_KINDS: readonly AlertRuleKind[] = ['stopLoss', 'profitTarget', 'expiry', 'thetaDecay', 'ivSpike', 'varLimit', 'concentration'];

/** `K` lets other alert families (price alerts) reuse the same crossing logic under their own kinds. */
export interface AlertRule<K extends string = AlertRuleKind> {
  kind: K;
  /** What it watches: a position id (`P7`) or a book (`book:<owner>`). */
  subject: string;
  /** `below`: fires when value ≤ level; `above`: when value ≥ level. */
  direction: 'above' | 'below';
  level: number;
  /** Re-arm distance beyond the level on the safe side (≥ 0, same units as the level). */
  band: number;
}

export interface RuleState {
  armed: boolean;
  /** Last finite value observed. */
  last?: number;
  /** Trading day of the last firing. */
  firedDay?: string;
  /** Level the rule was armed against (a changed stop re-arms the rule). */
  level?: number;
}

export interface Observation {
  tenant: string;
  value: number;
  /** Trading day the observation belongs to, `YYYY-MM-DD` (New York). */
  day: string;
}

export interface RuleAlert<K extends string = AlertRuleKind> {
  /** Idempotency key: tenant|subject|kind|day. */
  key: string;
  kind: K;
  subject: string;
  direction: 'above' | 'below';
  level: number;
  value: number;
  previous?: number;
  day: string;
}

export function alertKey(tenant: string, subject: string, kind: string, day: string): string {
  return `${tenant}|${subject}|${kind}|${day}`;
}

const breached = (r: AlertRule<string>, v: number) => (r.direction === 'below' ? v <= r.level : v >= r.level);
const rearmed = (r: AlertRule<string>, v: number) => (r.direction === 'below' ? v >= r.level + r.band : v <= r.level - r.band);

export function evaluateRule<K extends string = AlertRuleKind>(
  rule: AlertRule<K>,
  previous: RuleState | undefined,
  obs: Observation,
): { alerts: RuleAlert<K>[]; state: RuleState } {
  // A moved level (the user changed the stop) starts the rule afresh, armed.
  const prev: RuleState =
    previous && previous.level === rule.level ? previous : { armed: true, ...(previous?.last !== undefined ? { last: previous.last } : {}) };
  const v = obs.value;
  if (!Number.isFinite(v)) return { alerts: [], state: { ...prev, level: rule.level } };
  if (!prev.armed) {
    return { alerts: [], state: { ...prev, armed: rearmed(rule, v), last: v, level: rule.level } };
  }
  if (!breached(rule, v)) return { alerts: [], state: { ...prev, armed: true, last: v, level: rule.level } };
  const alert: RuleAlert<K> = {
    key: alertKey(obs.tenant, rule.subject, rule.kind, obs.day),
    kind: rule.kind,
    subject: rule.subject,
    direction: rule.direction,
    level: rule.level,
    value: v,
    ...(prev.last !== undefined ? { previous: prev.last } : {}),
    day: obs.day,
  };
  return { alerts: [alert], state: { armed: false, last: v, firedDay: obs.day, level: rule.level } };
}
