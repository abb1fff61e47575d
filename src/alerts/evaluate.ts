/**
 * The intraday check of personal price alerts: one quote request for every symbol with an alert,
 * a 30-day ATM IV read only for symbols with an IV alert (at most MAX_IV_READS a check, the rest
 * wait for the next one), then the shared edge-triggered rule (src/core/alerts) per alert with
 * the configured hysteresis. A stale or missing figure is not an observation. The figures are
 * fetched outside the store transaction, which re-reads the alert state and applies them. Each firing gets
 * its own key (…|n), so a second crossing after re-arming is a new alert and a repeat of the
 * same one is dropped by the outbox.
 */
import { evaluateRule, nextStamp, overtaken, type AlertRule } from '../core/alerts/index.js';
import { atmIv30 } from '../options/ivHistory.js';
import type { Services } from '../services.js';
import { describeAlert } from './manage.js';
import type { PriceAlert, PriceAlertKind } from './schema.js';
import { loadPriceAlerts, updatePriceAlerts } from './store.js';

export const MAX_IV_READS = 10;

export interface PriceAlertMessage {
  key: string;
  tenant: string;
  user: string;
  severity: 'warning';
  title: string;
  text: string;
  data: { id: string; symbol: string; kind: PriceAlertKind; direction: 'above' | 'below'; level: number; value: number; previous?: number };
}

async function observe(services: Services, alerts: readonly PriceAlert[], now: Date): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  const symbols = [...new Set(alerts.map((a) => a.symbol))];
  const quotes = symbols.length ? await services.market.quotes(symbols).catch(() => []) : [];
  for (const q of quotes) {
    if (q.stamp.stale) continue;
    values.set(`price|${q.symbol}`, q.price);
    if (q.changePercent !== undefined) values.set(`move|${q.symbol}`, Math.abs(q.changePercent) / 100);
  }
  for (const symbol of [...new Set(alerts.filter((a) => a.kind === 'iv').map((a) => a.symbol))].slice(0, MAX_IV_READS)) {
    const r = await atmIv30(services, symbol, now).catch(() => ({ reason: 'no chain' }));
    if ('iv' in r) values.set(`iv|${symbol}`, r.iv);
  }
  return values;
}

const fmt = (a: PriceAlert, v: number) => (a.kind === 'price' ? `$${v.toFixed(2)}` : `${(v * 100).toFixed(1)}%`);

export async function evaluatePriceAlerts(
  services: Services,
  tenant: string,
  now: Date,
  sink?: (m: PriceAlertMessage[]) => Promise<void>,
): Promise<PriceAlertMessage[]> {
  const day = services.calendar.nyDate(now);
  const hysteresis = services.config.risk.alerts.hysteresis;
  // Quotes and chains are fetched before the transaction: on SQLite it holds the file's write lock
  // (every process waits), so it only re-reads the alerts, applies what was observed and writes.
  const before = await loadPriceAlerts(services, tenant);
  if (!before.alerts.length) return [];
  const values = await observe(services, before.alerts, now);
  const observed = new Set(before.alerts.map((a) => a.id));
  return updatePriceAlerts(services, tenant, async (book) => {
    // Another replica's check committed newer figures while this one observed: they stand.
    if (overtaken(before.checked?.n ?? 0, book.checked, now.getTime())) return { book, result: [] };
    const state = { ...book.state };
    const out: PriceAlertMessage[] = [];
    // An alert added meanwhile waits for the next check: this observation may predate its creation.
    for (const a of book.alerts.filter((x) => observed.has(x.id))) {
      const rule: AlertRule<PriceAlertKind> = { kind: a.kind, subject: a.id, direction: a.direction, level: a.level, band: a.level * hysteresis };
      const prev = state[a.id];
      const r = evaluateRule(rule, prev, { tenant, value: values.get(`${a.kind}|${a.symbol}`) ?? NaN, day });
      const fired = (prev?.fired ?? 0) + r.alerts.length;
      state[a.id] = { ...r.state, fired };
      for (const x of r.alerts) {
        const was = x.previous !== undefined ? ` (was ${fmt(a, x.previous)})` : '';
        const what =
          a.kind === 'move'
            ? `${a.symbol} moved ${fmt(a, x.value)} today${was}`
            : `${a.symbol} ${a.kind === 'iv' ? '30-day ATM IV ' : ''}is ${x.direction} ${fmt(a, a.level)}: now ${fmt(a, x.value)}${was}`;
        out.push({
          key: `${x.key}|${fired}`,
          tenant,
          user: a.user,
          severity: 'warning',
          title: `Alert ${a.id}: ${describeAlert(a)}`,
          text: `${what}. Your alert ${a.id}; it fires again only after moving back ${(hysteresis * 100).toFixed(1)}% past the level.`,
          data: {
            id: a.id,
            symbol: a.symbol,
            kind: a.kind,
            direction: a.direction,
            level: a.level,
            value: x.value,
            ...(x.previous !== undefined ? { previous: x.previous } : {}),
          },
        });
      }
    }
    if (sink && out.length) await sink(out);
    return { book: { ...book, state, checked: nextStamp(book.checked, now.getTime()) }, result: out };
  });
}
