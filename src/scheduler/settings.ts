/**
 * Per-tenant delivery settings: where the morning picks and the alerts go, and the time zone
 * `/schedule` shows next to New York time. Stored in the `tenantsettings` namespace with an
 * index of tenants (keyv cannot list keys); the console tenant defaults to `console:main`.
 */
import type { Store } from '../store/index.js';

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

const defaults = (tenant: string): TenantSettings => (tenant === CONSOLE_TENANT ? { picksChannel: CONSOLE_CHANNEL, alertsChannel: CONSOLE_CHANNEL } : {});

/** Stored settings over the tenant's defaults. */
export async function getTenantSettings(store: Store, tenant: string): Promise<TenantSettings> {
  const stored = (await store.ns<TenantSettings>(NS).get(tenant)) ?? {};
  return { ...defaults(tenant), ...stored };
}

export async function updateTenantSettings(store: Store, tenant: string, patch: TenantSettings): Promise<TenantSettings> {
  return store.withLock(`${NS}:${tenant}`, async () => {
    const kv = store.ns<TenantSettings>(NS);
    const next = { ...((await kv.get(tenant)) ?? {}), ...patch };
    await kv.set(tenant, next);
    await store.withLock(`${NS}:${INDEX}`, async () => {
      const index = store.ns<string[]>(NS);
      const tenants = (await index.get(INDEX)) ?? [];
      if (!tenants.includes(tenant)) await index.set(INDEX, [...tenants, tenant]);
    });
    return { ...defaults(tenant), ...next };
  });
}

/** Every tenant that has settings, plus the given defaults (e.g. the console tenant when it runs). */
export async function listTenants(store: Store, always: readonly string[] = []): Promise<string[]> {
  const stored = (await store.ns<string[]>(NS).get(INDEX)) ?? [];
  return [...new Set([...always, ...stored])];
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
