/** Price alerts per tenant, plus the list of tenants that have any (so the intraday job visits them). */
import type { Services } from '../services.js';
import { PriceAlertBook } from './schema.js';

export const PRICE_ALERTS_NS = 'pricealerts';
const TENANTS_KEY = '__tenants';

export async function loadPriceAlerts(services: Pick<Services, 'store'>, tenant: string): Promise<PriceAlertBook> {
  const raw = await services.store.ns(PRICE_ALERTS_NS).get(tenant);
  const parsed = PriceAlertBook.safeParse(raw ?? {});
  return parsed.success ? parsed.data : PriceAlertBook.parse({});
}

/** Read-modify-write under the tenant's lock (keyv has no atomic update). */
export async function updatePriceAlerts<R>(
  services: Pick<Services, 'store'>,
  tenant: string,
  fn: (book: PriceAlertBook) => Promise<{ book: PriceAlertBook; result: R }> | { book: PriceAlertBook; result: R },
): Promise<R> {
  return services.store.transaction(`${PRICE_ALERTS_NS}:${tenant}`, async () => {
    const kv = services.store.ns(PRICE_ALERTS_NS);
    const { book, result } = await fn(await loadPriceAlerts(services, tenant));
    if (!(await kv.set(tenant, book))) throw new Error(`could not save the price alerts of ${tenant}`);
    if (book.alerts.length) {
      const tenants = new Set(((await kv.get(TENANTS_KEY)) as string[] | undefined) ?? []);
      if (!tenants.has(tenant)) await kv.set(TENANTS_KEY, [...tenants, tenant]);
    }
    return result;
  });
}

export async function priceAlertTenants(services: Pick<Services, 'store'>): Promise<string[]> {
  const raw = await services.store.ns(PRICE_ALERTS_NS).get(TENANTS_KEY);
  return Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : [];
}
