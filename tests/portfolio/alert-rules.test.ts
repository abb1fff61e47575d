/** The edge-triggered alert rule: fires on a crossing, once, with hysteresis; survives a restart. */
import { describe, expect, it } from 'vitest';
import { bookRules, evaluateRule, positionRules, type AlertRule, type RuleState } from '../../src/core/alerts/index.js';

const stop: AlertRule = { kind: 'stopLoss', subject: 'P1', direction: 'below', level: 10, band: 0.2 };
const obs = (value: number, day = '2026-12-01') => ({ tenant: 'test:t', value, day });

/** Feeds a series of values through the rule, returning the values at which it fired and the final state. */
function run(rule: AlertRule, values: number[], start?: RuleState) {
  let state = start;
  const fired: number[] = [];
  for (const v of values) {
    const r = evaluateRule(rule, state, obs(v));
    fired.push(...r.alerts.map((a) => a.value));
    state = r.state;
  }
  return { fired, state };
}

describe('crossing rule', () => {
  it('fires once when the price crosses the stop, with the idempotency key', () => {
    const a = evaluateRule(stop, undefined, obs(10.5));
    expect(a.alerts).toEqual([]);
    const b = evaluateRule(stop, a.state, obs(9.9));
    expect(b.alerts).toEqual([
      { key: 'test:t|P1|stopLoss|2026-12-01', kind: 'stopLoss', subject: 'P1', direction: 'below', level: 10, value: 9.9, previous: 10.5, day: '2026-12-01' },
    ]);
    expect(run(stop, [10.5, 9.9, 9.8, 9.5, 9.95]).fired).toEqual([9.9]);
  });

  it('a gap through the level fires (no observation at the level needed)', () => {
    expect(run(stop, [12, 7]).fired).toEqual([7]);
  });

  it('touching the level counts; no data fires nothing and changes nothing', () => {
    expect(run(stop, [10.4, 10]).fired).toEqual([10]);
    const s = run(stop, [10.4]).state;
    expect(evaluateRule(stop, s, obs(NaN))).toEqual({ alerts: [], state: s });
  });

  it('hysteresis: hovering around the level does not re-fire; moving back past level + band re-arms', () => {
    expect(run(stop, [10.5, 9.9, 10.1, 9.9, 10.15, 9.8]).fired).toEqual([9.9]);
    expect(run(stop, [10.5, 9.9, 10.2, 9.9]).fired).toEqual([9.9, 9.9]);
  });

  it('an "above" rule mirrors it (a short’s stop, a target, VaR over its limit)', () => {
    const varRule: AlertRule = { kind: 'varLimit', subject: 'book:u', direction: 'above', level: 0.05, band: 0.001 };
    expect(run(varRule, [0.03, 0.051, 0.06, 0.0495, 0.052, 0.048, 0.07]).fired).toEqual([0.051, 0.07]);
  });

  it('a restart with the persisted state does not re-fire; a lost state would', () => {
    const { state } = run(stop, [10.5, 9.9]);
    const persisted = JSON.parse(JSON.stringify(state)) as RuleState;
    expect(evaluateRule(stop, persisted, obs(9.7, '2026-12-02')).alerts).toEqual([]);
    expect(evaluateRule(stop, undefined, obs(9.7, '2026-12-02')).alerts).toHaveLength(1);
  });

  it('moving the stop starts the rule afresh', () => {
    const { state } = run(stop, [10.5, 9.9]);
    const lower: AlertRule = { ...stop, level: 9, band: 0.18 };
    expect(run(lower, [9.5, 8.9], state).fired).toEqual([8.9]);
  });
});

describe('rule sets', () => {
  const limits = { daysBeforeExpiry: 7, thetaDecayPct: 0.03, ivSpikePct: 0.3, hysteresis: 0.02, varLimitPct: 0.05, concentrationLimitPct: 0.3 };

  it('a long stock has stop (below) and target (above); a short option all five, reversed', () => {
    expect(
      positionRules({ id: 'P1', side: 'long', stopLoss: 46, profitTarget: 60, isOption: false, hasEntryIv: false }, limits).map((r) => [r.kind, r.direction]),
    ).toEqual([
      ['stopLoss', 'below'],
      ['profitTarget', 'above'],
    ]);
    const short = positionRules({ id: 'P2', side: 'short', stopLoss: 2, profitTarget: 0.5, isOption: true, hasEntryIv: true }, limits);
    expect(short.map((r) => [r.kind, r.direction])).toEqual([
      ['stopLoss', 'above'],
      ['profitTarget', 'below'],
      ['expiry', 'below'],
      ['thetaDecay', 'above'],
      ['ivSpike', 'above'],
    ]);
    expect(short[0]?.band).toBeCloseTo(0.04, 12);
    expect(bookRules('u:1', limits).map((r) => r.subject)).toEqual(['book:u:1', 'book:u:1']);
  });

  it('expiry fires once as the days count down through the threshold', () => {
    const [, , expiry] = positionRules({ id: 'P2', side: 'long', stopLoss: 1, profitTarget: 3, isOption: true, hasEntryIv: false }, limits);
    expect(run(expiry as AlertRule, [10, 8.5, 7.2, 6.9, 5.5, 3]).fired).toEqual([6.9]);
  });
});
