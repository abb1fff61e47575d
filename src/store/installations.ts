/**
 * Slack installations (one per workspace, or per Enterprise Grid org for an org-wide install), in
 * the keyv namespace `slackinstalls` under `team:<id>` or `enterprise:<id>`. The record is what
 * Slack's OAuth flow produced (Bolt's `Installation`), kept whole so a newer Bolt's extra fields
 * survive; what the bot relies on — the team or enterprise id and the bot token — is checked on
 * every read. Every process on the store sees an install or an uninstall at once (no cache).
 */
import { z } from 'zod';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

const NS = 'slackinstalls';

const idName = z.looseObject({ id: z.string().min(1), name: z.string().optional() });

export const installationSchema = z.looseObject({
  team: idName.nullish(),
  enterprise: idName.nullish(),
  isEnterpriseInstall: z.boolean().optional(),
  appId: z.string().optional(),
  bot: z
    .looseObject({
      token: z.string().startsWith('xoxb-', 'a bot token starting with xoxb-'),
      userId: z.string().min(1),
      id: z.string().optional(),
      scopes: z.array(z.string()),
    })
    .optional(),
});
export type StoredInstallation = z.infer<typeof installationSchema>;

/** Which installation: a workspace by team id, or an org-wide install by enterprise id. */
export interface InstallationKey {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** The record's key, or undefined when the query names neither a team nor (for an org-wide install) an enterprise. */
export function installationKey(q: InstallationKey): string | undefined {
  if (q.isEnterpriseInstall) return q.enterpriseId ? `enterprise:${q.enterpriseId}` : undefined;
  return q.teamId ? `team:${q.teamId}` : undefined;
}

const keyOf = (q: InstallationKey): string => {
  const key = installationKey(q);
  if (!key) throw new Error(`a Slack installation needs ${q.isEnterpriseInstall ? 'an enterprise' : 'a team'} id`);
  return key;
};

/** Saves (or replaces, on a reinstall) the installation of its team or enterprise. */
export async function saveInstallation(store: Store, installation: StoredInstallation): Promise<void> {
  const valid = installationSchema.parse(installation);
  const key = keyOf({ teamId: valid.team?.id, enterpriseId: valid.enterprise?.id, isEnterpriseInstall: valid.isEnterpriseInstall });
  await store.ns<StoredInstallation>(NS).set(key, valid);
}

export async function findInstallation(store: Store, q: InstallationKey): Promise<StoredInstallation | undefined> {
  const key = installationKey(q);
  if (!key) return undefined;
  return parseStored(installationSchema, await store.ns<StoredInstallation>(NS).get(key), `Slack installation ${key}`);
}

/** True when there was one to delete. */
export async function deleteInstallation(store: Store, q: InstallationKey): Promise<boolean> {
  const key = installationKey(q);
  return key ? store.ns<StoredInstallation>(NS).delete(key) : false;
}
