/**
 * What the scan knows of a tenant's holdings, for portfolio fit: open positions (stock or
 * options, by underlying) in the asking user's own book and in the tenant's shared book.
 * Unreadable portfolios give undefined, which the scan scores neutrally and says so.
 */
import { SHARED } from '../core/portfolio/index.js';
import type { Holding } from '../core/scanner/score.js';
import { loadTenant } from '../store/portfolio.js';
import type { Store } from '../store/index.js';

export async function scanHoldings(store: Store, tenant: string, user?: string): Promise<Holding[] | undefined> {
  try {
    const doc = await loadTenant(store, tenant);
    return doc.positions
      .filter((p) => p.owner === SHARED || p.owner === user)
      .map((p) => (p.sector ? { symbol: p.symbol, sector: p.sector } : { symbol: p.symbol }));
  } catch {
    return undefined;
  }
}
