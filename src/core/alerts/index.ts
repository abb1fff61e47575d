/** Alert rules: pure, edge-triggered, with hysteresis and idempotency keys. Delivery is the scheduler's. */
export { evaluateRule, alertKey, RULE_KINDS, type AlertRule, type AlertRuleKind, type RuleState, type Observation, type RuleAlert } from './crossing.js';
export { nextStamp, overtaken, type CheckStamp } from './checks.js';
export { positionRules, bookRules, type AlertLimits, type PositionLevels } from './rules.js';
