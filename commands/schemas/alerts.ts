/** `/alerts` data, by action: list (rules, their state, recent alerts), mute/unmute, deliver. */
import { z } from 'zod';
import { RULE_KINDS, type AlertRuleKind } from '../../src/core/alerts/index.js';
import { PriceAlert, PriceAlertState } from '../../src/alerts/schema.js';
import { day, owner } from './common.js';

/** An alert on a ticker's price, day move or IV (`/alerts add`). */
const priceAlert = z.strictObject(PriceAlert.shape);

const kind = z.enum(RULE_KINDS as [AlertRuleKind, ...AlertRuleKind[]]);

const rule = z.strictObject({
  kind,
  /** A position id (`P7`) or a book (`book:<owner>`). */
  subject: z.string(),
  direction: z.enum(['above', 'below']),
  level: z.number(),
  /** Re-arm distance past the level, same units. */
  band: z.number(),
  /** null until the rule has been observed once. */
  state: z.strictObject({ armed: z.boolean(), last: z.number().optional(), firedDay: day.optional(), level: z.number().optional() }).nullable(),
});

const recent = z.strictObject({
  key: z.string(),
  tenant: z.string(),
  user: z.string(),
  severity: z.enum(['info', 'success', 'warning', 'error']),
  text: z.string(),
  rule: z.string(),
  subject: z.string(),
  day,
});

export const alertsData = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('list'),
    owner,
    mutes: z.array(z.string()),
    rules: z.array(rule),
    recent: z.array(recent),
    priceAlerts: z.array(z.strictObject({ alert: priceAlert, state: z.strictObject(PriceAlertState.shape).nullable().optional() })),
  }),
  /** `alreadyPast`: the level was passed when set, so it waits for the next crossing. */
  z.strictObject({ action: z.literal('add'), alert: z.strictObject({ ...PriceAlert.shape, alreadyPast: z.boolean() }) }),
  z.strictObject({ action: z.literal('remove'), alert: priceAlert }),
  z.strictObject({ action: z.enum(['mute', 'unmute']), owner, subject: z.string(), mutes: z.array(z.string()) }),
  z.strictObject({ action: z.literal('deliver'), owner, deliver: z.enum(['dm', 'mention', 'channel']) }),
]);
