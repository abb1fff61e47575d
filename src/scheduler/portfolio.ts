/**
 * The portfolio module behind the scheduler's ports: its edge-triggered rules are the alert
 * source (intraday and risk slots both evaluate every rule; repeats are dropped by key), and
 * its books give the end-of-day P&L and open risk (valuing a book after the close also records
 * the day's equity snapshot).
 */
import { money, pct } from '../chat/format.js';
import { computeRisk, evaluatePortfolioAlerts, loadBook, loadTenant } from '../portfolio/index.js';
import type { Services } from '../services.js';
import type { AlertSink, AlertSource, DaySummaryLine, SummarySource } from './ports.js';

export function portfolioAlertSource(services: Services): AlertSource {
  const evaluate = (tenant: string, now: Date, sink?: AlertSink) => evaluatePortfolioAlerts(services, tenant, now, sink);
  return {
    intraday: evaluate,
    risk: evaluate,
    async symbols() {
      return [];
    },
  };
}

export function portfolioSummary(services: Services): SummarySource {
  return {
    async daySummary(tenant) {
      const doc = await loadTenant(services.store, tenant);
      const owners = [...new Set(doc.positions.map((p) => p.owner))];
      const lines: DaySummaryLine[] = [];
      const level = services.config.risk.varLevel;
      for (const owner of owners.slice(0, 10)) {
        const book = await loadBook(services, tenant, owner, { snapshot: true });
        const who = owner === 'shared' ? 'Shared portfolio' : `Portfolio of ${owner}`;
        const unknown = book.dailyUnknown.length ? ` (${book.dailyUnknown.length} position(s) without a previous mark left out)` : '';
        lines.push({ name: `${who}: day P&L`, value: `${money(book.daily)}${unknown} · equity ${money(book.equity)} · ${book.positions.length} open` });
        const risk = await computeRisk(
          services,
          book.positions.map((x) => x.valued),
          book.equity,
          book.day,
          { paths: 0, benchmark: false },
        );
        const v = risk.historical.find((f) => f.level === level)?.var;
        lines.push({
          name: `${who}: open risk`,
          value: `1-day ${pct(level, 0)} historical VaR ${money(v)} (${pct(v !== undefined ? v / book.equity : NaN)} of equity) · risk to stops ${money(risk.riskToStops)}`,
        });
      }
      return lines;
    },
  };
}
