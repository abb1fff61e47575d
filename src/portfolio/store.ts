/**
 * Persistence of portfolios, equity snapshots and alert state in the keyv store. Every
 * read-modify-write goes through `store.withLock` on the tenant's key: keyv has no atomic update,
 * and two chats adding at once must both land.
 */
import type { RuleState } from '../core/alerts/index.js';
import { emptyTenant, SHARED, type EquitySnapshot, type TenantPortfolios } from '../core/portfolio/index.js';
import type { Store } from '../store/index.js';

const PORTFOLIOS = 'portfolios';
const SNAPSHOTS = 'equitysnaps';
const ALERTS = 'alertstate';

/** The owner of the book a command acts on: the user's own, or the tenant's shared one. */
export const bookOwner = (user: string, shared: boolean): string => (shared ? SHARED : user);

export async function loadTenant(store: Store, tenant: string): Promise<TenantPortfolios> {
  return (await store.ns<TenantPortfolios>(PORTFOLIOS).get(tenant)) ?? emptyTenant();
}

/** Serialised read-modify-write of a tenant's portfolios. `fn` throwing leaves the stored document untouched. */
export async function updateTenant<R>(store: Store, tenant: string, fn: (doc: TenantPortfolios) => Promise<{ doc: TenantPortfolios; result: R }> | { doc: TenantPortfolios; result: R }): Promise<R> {
  return store.withLock(`portfolios:${tenant}`, async () => {
    const { doc, result } = await fn(await loadTenant(store, tenant));
    await store.ns<TenantPortfolios>(PORTFOLIOS).set(tenant, doc);
    return result;
  });
}

const snapKey = (tenant: string, owner: string) => `${tenant}|${owner}`;

export async function loadSnapshots(store: Store, tenant: string, owner: string): Promise<EquitySnapshot[]> {
  return (await store.ns<EquitySnapshot[]>(SNAPSHOTS).get(snapKey(tenant, owner))) ?? [];
}

export async function updateSnapshots(store: Store, tenant: string, owner: string, fn: (list: EquitySnapshot[]) => EquitySnapshot[]): Promise<EquitySnapshot[]> {
  return store.withLock(`equity:${tenant}|${owner}`, async () => {
    const next = fn(await loadSnapshots(store, tenant, owner));
    await store.ns<EquitySnapshot[]>(SNAPSHOTS).set(snapKey(tenant, owner), next);
    return next;
  });
}

/** A delivered-or-pending alert as the scheduler receives it. */
export interface AlertMessage {
  /** Idempotency key tenant|subject|rule|trading day: the outbox drops a second message with the same key. */
  key: string;
  tenant: string;
  /** Book owner: a platform user id, or `shared` for the tenant's shared portfolio (post to the channel). */
  user: string;
  severity: 'info' | 'success' | 'warning' | 'error';
  text: string;
  rule: string;
  subject: string;
  day: string;
}

export interface AlertBook {
  /** Rule state by `${subject}|${kind}`. */
  rules: Record<string, RuleState>;
  /** Muted subjects or rule kinds per owner: `P7`, `stopLoss`, `book`. */
  mutes: Record<string, string[]>;
  /** The last alerts produced (newest last), for /alerts list. */
  recent: AlertMessage[];
}

export const emptyAlertBook = (): AlertBook => ({ rules: {}, mutes: {}, recent: [] });

export async function loadAlertBook(store: Store, tenant: string): Promise<AlertBook> {
  return (await store.ns<AlertBook>(ALERTS).get(tenant)) ?? emptyAlertBook();
}

export async function updateAlertBook<R>(store: Store, tenant: string, fn: (book: AlertBook) => Promise<{ book: AlertBook; result: R }> | { book: AlertBook; result: R }): Promise<R> {
  return store.withLock(`alerts:${tenant}`, async () => {
    const { book, result } = await fn(await loadAlertBook(store, tenant));
    await store.ns<AlertBook>(ALERTS).set(tenant, book);
    return result;
  });
}
