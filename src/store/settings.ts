/**
 * Per-tenant delivery settings: where the morning picks and the alerts go, and the time zone
 * `/schedule` shows next to New York time. Stored in the `tenantsettings` namespace with an
 * index of tenants (keyv cannot list keys); the console tenant defaults to `console:main`.
 */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

export interface TenantSettings {
  picksChannel?: string;
  alertsChannel?: string;
  /** IANA zone for display only; jobs always run on New York time. */
  timezone?: string;
}

export const CONSOLE_TENANT = 'console:local';
export const CONSOLE_CHANNEL = 'console:main';

const NS = 'tenantsettings';
const INDEX = '__tenants';

const settingsSchema = z.looseObject({ picksChannel: z.string().optional(), alertsChannel: z.string().optional(), timezone: z.string().optional() });
const indexSchema = z.array(z.string());

const defaults = (tenant: string): TenantSettings => (tenant === CONSOLE_TENANT ? { picksChannel: CONSOLE_CHANNEL, alertsChannel: CONSOLE_CHANNEL } : {});

const stored = async (store: Store, tenant: string): Promise<TenantSettings> =>
  (parseStored(settingsSchema, await store.ns<TenantSettings>(NS).get(tenant), `settings of ${tenant}`) as TenantSettings | undefined) ?? {};

/** Stored settings over the tenant's defaults. */
export async function getTenantSettings(store: Store, tenant: string): Promise<TenantSettings> {
  return { ...defaults(tenant), ...(await stored(store, tenant)) };
}

/** Merges `patch` into the tenant's settings and lists the tenant in the index, in one transaction. */
export async function updateTenantSettings(store: Store, tenant: string, patch: TenantSettings): Promise<TenantSettings> {
  return store.transaction(`${NS}:${tenant}`, async () => {
    const next = { ...(await stored(store, tenant)), ...patch };
    await store.ns<TenantSettings>(NS).set(tenant, next);
    await store.transaction(`${NS}:${INDEX}`, async () => {
      const tenants = await storedTenants(store);
      if (!tenants.includes(tenant)) await store.ns<string[]>(NS).set(INDEX, [...tenants, tenant]);
    });
    return { ...defaults(tenant), ...next };
  });
}

const storedTenants = async (store: Store): Promise<string[]> => parseStored(indexSchema, await store.ns<string[]>(NS).get(INDEX), 'tenant index') ?? [];

/** Every tenant that has settings, plus the given defaults (e.g. the console tenant when it runs). */
export async function listTenants(store: Store, always: readonly string[] = []): Promise<string[]> {
  return [...new Set([...always, ...(await storedTenants(store))])];
}

/** Accepts `123`, `<#123>`, `#general`-free ids, or a prefixed `discord:123`; returns the prefixed id or an error sentence. */
export function normalizeChannel(tenant: string, input: string, here: string): { channel: string } | { error: string } {
  const platform = tenant.split(':')[0] ?? '';
  const raw = input.trim();
  if (raw === 'here' || raw === '.') return { channel: here };
  const mention = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(raw);
  const id = mention?.[1] ?? raw;
  const prefixed = /^([a-z]+):(.+)$/.exec(id);
  if (prefixed) {
    if (prefixed[1] !== platform) return { error: `A ${platform} server can only post to its own ${platform} channels, not "${id.slice(0, 40)}".` };
    return { channel: id };
  }
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) return { error: `"${raw.slice(0, 40)}" is not a channel id; paste the channel's id or mention it, or say "here".` };
  return { channel: `${platform}:${id}` };
}
