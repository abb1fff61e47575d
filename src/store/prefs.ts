/**
 * Per-user delivery preferences, in the keyv namespace `alertprefs` under `${tenant}|${user}`:
 * how a user's personal alerts reach them — in the alerts channel (default), by direct message,
 * or in the channel with a mention of that user only.
 */
import type { Store } from './open.js';

export const ALERT_DELIVERIES = ['channel', 'dm', 'mention'] as const;
export type AlertDelivery = (typeof ALERT_DELIVERIES)[number];

export interface UserPrefs {
  alerts: AlertDelivery;
}

const NS = 'alertprefs';
const DEFAULTS: UserPrefs = { alerts: 'channel' };
const key = (tenant: string, user: string) => `${tenant}|${user}`;

export const isAlertDelivery = (x: unknown): x is AlertDelivery => typeof x === 'string' && (ALERT_DELIVERIES as readonly string[]).includes(x);

export async function getUserPrefs(store: Store, tenant: string, user: string): Promise<UserPrefs> {
  const saved = await store.ns<Partial<UserPrefs>>(NS).get(key(tenant, user));
  return { ...DEFAULTS, ...(saved && isAlertDelivery(saved.alerts) ? { alerts: saved.alerts } : {}) };
}

export async function setAlertDelivery(store: Store, tenant: string, user: string, alerts: AlertDelivery): Promise<UserPrefs> {
  return store.transaction(`${NS}:${key(tenant, user)}`, async () => {
    const next = { ...(await getUserPrefs(store, tenant, user)), alerts };
    await store.ns<UserPrefs>(NS).set(key(tenant, user), next);
    return next;
  });
}
