/**
 * Who holds a claim, and whether that holder is still alive. Leases run on real time, not the
 * bot's clock: they measure whether a process is still working, which a 60× replay must not
 * shorten. On the same host a dead pid frees a claim at once (a SIGKILLed bot restarting);
 * elsewhere the lease must expire. Holders renew their lease while they work.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface Owner {
  id: string;
  pid: number;
  host: string;
}

export interface Holder {
  owner: string | null;
  pid: number | null;
  host: string | null;
  lease_until: number | null;
}

/** Decides whether the holder of a claim is gone, so the claim may be taken over. */
export type Liveness = (holder: Holder, realNow: number) => boolean;

export const LEASE_MS = 30_000;

export function processOwner(): Owner {
  return { id: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, pid: process.pid, host: hostname() };
}

export const defaultLiveness: Liveness = (h, realNow) => {
  if ((h.lease_until ?? 0) <= realNow) return false;
  if (h.host === hostname() && h.pid) return pidAlive(h.pid);
  return true;
};

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` while renewing a lease every third of its length. */
export async function withRenewal<R>(renew: () => Promise<unknown>, fn: () => Promise<R>, leaseMs = LEASE_MS): Promise<R> {
  const timer = setInterval(() => void renew().catch(() => undefined), Math.max(50, leaseMs / 3));
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
