/**
 * Workspace admin check for settings commands: Slack's users.info says is_admin / is_owner.
 * Cached per workspace and user (the promise itself, so 50 concurrent commands ask once); a
 * failed lookup counts as "not an admin" and is not cached.
 */
export interface UsersInfoClient {
  users: { info(args: { user: string }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } }> };
}

const TTL_MS = 10 * 60_000;

export function createAdminCheck(now: () => number = Date.now) {
  const cache = new Map<string, { at: number; admin: Promise<boolean> }>();
  return function isAdmin(client: UsersInfoClient, team: string, user: string): Promise<boolean> {
    const key = `${team}:${user}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.admin;
    const admin = client.users.info({ user }).then(
      (r) => Boolean(r.user?.is_admin || r.user?.is_owner || r.user?.is_primary_owner),
      () => {
        cache.delete(key);
        return false;
      },
    );
    cache.set(key, { at: now(), admin });
    return admin;
  };
}

export type AdminCheck = ReturnType<typeof createAdminCheck>;
