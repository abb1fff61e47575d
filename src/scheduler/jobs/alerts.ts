/**
 * The intraday alert source: the portfolio's rules and the personal price alerts, evaluated one
 * after the other and delivered through the same outbox sink (each family keys its own alerts).
 */
import { evaluatePriceAlerts, loadPriceAlerts, priceAlertTenants } from '../../alerts/index.js';
import type { Services } from '../../services.js';
import type { AlertSource } from '../ports.js';

export function withPriceAlerts(services: Services, base: AlertSource): AlertSource {
  return {
    ...base,
    async intraday(tenant, now, sink) {
      const own = await base.intraday(tenant, now, sink);
      const price = await evaluatePriceAlerts(services, tenant, now, sink).catch((err: unknown) => {
        services.logger.error({ tenant, err: err instanceof Error ? err.message : String(err) }, 'price alerts not checked');
        return [];
      });
      return [...own, ...price];
    },
    async tenants() {
      return [...new Set([...((await base.tenants?.()) ?? []), ...(await priceAlertTenants(services))])];
    },
    async symbols() {
      const ivWatched: string[] = [];
      for (const t of await priceAlertTenants(services))
        ivWatched.push(...(await loadPriceAlerts(services, t)).alerts.filter((a) => a.kind === 'iv').map((a) => a.symbol));
      return [...new Set([...((await base.symbols?.()) ?? []), ...ivWatched])];
    },
  };
}
