/**
 * Portfolios, equity snapshots and alert state. Each read-modify-write is one store transaction
 * (atomic across processes); what is read is validated.
 */
import { z } from 'zod';
import type { CheckStamp, RuleState } from '../core/alerts/index.js';
import { emptyTenant, type EquitySnapshot, type TenantPortfolios } from '../core/portfolio/index.js';
import type { Store } from './open.js';
import { parseStored } from './validate.js';

const PORTFOLIOS = 'portfolios';
const SNAPSHOTS = 'equitysnaps';
const ALERTS = 'alertstate';

const side = z.enum(['long', 'short']);
const position = z.looseObject({
  id: z.string(),
  owner: z.string(),
  symbol: z.string(),
  option: z.looseObject({ type: z.enum(['call', 'put']), strike: z.number(), expiry: z.string() }).optional(),
  side,
  quantity: z.number(),
  multiplier: z.number(),
  entryPrice: z.number(),
  entryDate: z.string(),
  stopLoss: z.number(),
  profitTarget: z.number(),
  addedBy: z.string(),
  addedAt: z.string(),
});
const trade = z.looseObject({
  positionId: z.string(),
  owner: z.string(),
  symbol: z.string(),
  side,
  quantity: z.number(),
  pnl: z.number(),
  exitDate: z.string(),
});
const tenantSchema = z.looseObject({ version: z.literal(1), nextId: z.number().int(), positions: z.array(position), journal: z.array(trade) });
const snapshotsSchema = z.array(z.looseObject({ date: z.string(), equity: z.number(), marks: z.record(z.string(), z.number()) }));

export async function loadTenant(store: Store, tenant: string): Promise<TenantPortfolios> {
  const raw = await store.ns<TenantPortfolios>(PORTFOLIOS).get(tenant);
  return (parseStored(tenantSchema, raw, `portfolio of ${tenant}`) as TenantPortfolios | undefined) ?? emptyTenant();
}

/** Atomic read-modify-write of a tenant's portfolios. `fn` throwing leaves the stored document untouched. */
export async function updateTenant<R>(
  store: Store,
  tenant: string,
  fn: (doc: TenantPortfolios) => Promise<{ doc: TenantPortfolios; result: R }> | { doc: TenantPortfolios; result: R },
): Promise<R> {
  return store.transaction(`${PORTFOLIOS}:${tenant}`, async () => {
    const { doc, result } = await fn(await loadTenant(store, tenant));
    await store.ns<TenantPortfolios>(PORTFOLIOS).set(tenant, doc);
    return result;
  });
}

const snapKey = (tenant: string, owner: string) => `${tenant}|${owner}`;

export async function loadSnapshots(store: Store, tenant: string, owner: string): Promise<EquitySnapshot[]> {
  const raw = await store.ns<EquitySnapshot[]>(SNAPSHOTS).get(snapKey(tenant, owner));
  return (parseStored(snapshotsSchema, raw, 'equity history') as EquitySnapshot[] | undefined) ?? [];
}

export async function updateSnapshots(
  store: Store,
  tenant: string,
  owner: string,
  fn: (list: EquitySnapshot[]) => EquitySnapshot[],
): Promise<EquitySnapshot[]> {
  return store.transaction(`${SNAPSHOTS}:${snapKey(tenant, owner)}`, async () => {
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
  /** Checks committed so far and when the latest observed (see src/core/alerts/checks.ts). */
  checked?: CheckStamp;
}

const ruleState = z.looseObject({ armed: z.boolean(), last: z.number().optional(), firedDay: z.string().optional(), level: z.number().optional() });
const alertMessage = z.looseObject({
  key: z.string(),
  tenant: z.string(),
  user: z.string(),
  severity: z.enum(['info', 'success', 'warning', 'error']),
  text: z.string(),
  rule: z.string(),
  subject: z.string(),
  day: z.string(),
});
const alertBookSchema = z.looseObject({
  rules: z.record(z.string(), ruleState),
  mutes: z.record(z.string(), z.array(z.string())),
  recent: z.array(alertMessage),
  checked: z.object({ n: z.number().int(), at: z.number() }).optional(),
});

export const emptyAlertBook = (): AlertBook => ({ rules: {}, mutes: {}, recent: [] });

export async function loadAlertBook(store: Store, tenant: string): Promise<AlertBook> {
  const raw = await store.ns<AlertBook>(ALERTS).get(tenant);
  return (parseStored(alertBookSchema, raw, `alert state of ${tenant}`) as AlertBook | undefined) ?? emptyAlertBook();
}

/** Atomic read-modify-write of a tenant's alert state; writes `fn` makes (e.g. to the outbox) commit with it. */
export async function updateAlertBook<R>(
  store: Store,
  tenant: string,
  fn: (book: AlertBook) => Promise<{ book: AlertBook; result: R }> | { book: AlertBook; result: R },
): Promise<R> {
  return store.transaction(`${ALERTS}:${tenant}`, async () => {
    const { book, result } = await fn(await loadAlertBook(store, tenant));
    await store.ns<AlertBook>(ALERTS).set(tenant, book);
    return result;
  });
}
