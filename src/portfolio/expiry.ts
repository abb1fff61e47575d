/**
 * Options that behave like a broker's at expiry, run after the close:
 *
 * - Settlement (the expiry session has closed): the option leaves the book at its intrinsic value
 *   on the expiry day's close, journaled as a trade. Out of the money it expires worthless. In the
 *   money, a long one is exercised into shares (`trading.itmAtExpiry: exercise`, the default) or
 *   closed for cash (`close`); a short one is assigned. Shares from exercise or assignment are
 *   booked at that close: exercising at the strike and paying the intrinsic value is the same cost.
 * - The trading day before expiry: a warning for every option in the money or within
 *   `trading.nearMoneyPct` of its strike, saying what will happen.
 *
 * Each event is one alert (key: tenant|position|event|expiry) given to `sink` (the outbox) before
 * the book is saved, so a crash in between repeats the same key (dropped) rather than losing it.
 */
import { closePosition, openPosition, positionLabel, sign, type Position, type TenantPortfolios } from '../core/portfolio/index.js';
import type { Services } from '../services.js';
import { loadTenant, updateTenant, type AlertMessage } from '../store/portfolio.js';
import { settlementSpot } from './valuation.js';

const money = (x: number) => `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const whose = (owner: string) => (owner === 'shared' ? 'shared portfolio' : `${owner}'s portfolio`);

export interface Settlement {
  position: string;
  outcome: 'expired worthless' | 'exercised' | 'assigned' | 'closed at intrinsic';
  spot: number;
  intrinsic: number;
  pnl: number;
  shares?: { id: string; side: 'long' | 'short'; quantity: number; price: number };
}

const intrinsicOf = (p: Position, spot: number) => Math.max(0, p.option?.type === 'call' ? spot - (p.option?.strike ?? 0) : (p.option?.strike ?? 0) - spot);

/** Settles every option of `tenant` whose expiry session closed before `now`. */
export async function settleExpiries(services: Services, tenant: string, now: Date, sink?: (m: AlertMessage[]) => Promise<void>): Promise<Settlement[]> {
  const cal = services.calendar;
  const due = (p: Position) => {
    if (!p.option) return false;
    const close = cal.session(p.option.expiry)?.close.toMillis() ?? Date.parse(`${p.option.expiry}T21:00:00Z`);
    return close <= now.getTime();
  };
  const candidates = (await loadTenant(services.store, tenant)).positions.filter(due);
  if (!candidates.length) return [];
  const spots = new Map<string, number>();
  for (const p of candidates) {
    const key = `${p.symbol}|${p.option?.expiry}`;
    if (!spots.has(key)) spots.set(key, await settlementSpot(services, p.symbol, p.option?.expiry as string));
  }
  const day = cal.nyDate(now);
  return updateTenant(services.store, tenant, async (doc) => {
    let next: TenantPortfolios = doc;
    const out: Settlement[] = [];
    const alerts: AlertMessage[] = [];
    for (const p of doc.positions.filter(due)) {
      const spot = spots.get(`${p.symbol}|${p.option?.expiry}`) ?? NaN;
      if (!Number.isFinite(spot)) continue; // no close yet: try again at the next run
      const intrinsic = Math.round(intrinsicOf(p, spot) * 10_000) / 10_000;
      const closed = closePosition(next, p.id, { price: intrinsic, date: p.option?.expiry as string, by: 'expiry' });
      next = closed.doc;
      const itm = intrinsic > 0;
      const outcome: Settlement['outcome'] = !itm
        ? 'expired worthless'
        : p.side === 'short'
          ? 'assigned'
          : services.config.trading.itmAtExpiry === 'exercise'
            ? 'exercised'
            : 'closed at intrinsic';
      const s: Settlement = { position: p.id, outcome, spot, intrinsic, pnl: closed.trade.pnl };
      if (outcome === 'exercised' || outcome === 'assigned') {
        // Long call / short put end long shares; long put / short call end short shares.
        const longShares = (p.option?.type === 'call') === (p.side === 'long');
        const opened = openPosition(
          next,
          {
            owner: p.owner,
            symbol: p.symbol,
            side: longShares ? 'long' : 'short',
            quantity: p.quantity * p.multiplier,
            entryPrice: spot,
            entryDate: p.option?.expiry as string,
            notes: `from ${outcome === 'exercised' ? 'exercise' : 'assignment'} of ${p.id} ${positionLabel(p)}`,
            ...(p.sector ? { sector: p.sector } : {}),
            addedBy: 'expiry',
            addedAt: now.toISOString(),
          },
          services.config.trading,
        );
        next = opened.doc;
        s.shares = { id: opened.position.id, side: opened.position.side, quantity: opened.position.quantity, price: spot };
      }
      out.push(s);
      alerts.push(settlementAlert(tenant, p, s, closed.trade.returnPct, day));
    }
    if (sink && alerts.length) await sink(alerts);
    return { doc: next, result: out };
  });
}

function settlementAlert(tenant: string, p: Position, s: Settlement, ret: number, day: string): AlertMessage {
  const label = `${p.id} ${positionLabel(p)} (${p.side} ${p.quantity})`;
  const pnl = `P&L ${money(s.pnl)} (${pct(ret)})`;
  const close = `${p.symbol} closed at ${money(s.spot)} on ${p.option?.expiry}`;
  const shares = s.shares
    ? ` Now ${s.shares.side} ${s.shares.quantity.toLocaleString('en-US')} shares of ${p.symbol} at ${money(s.shares.price)} as ${s.shares.id}.`
    : '';
  const text =
    s.outcome === 'expired worthless'
      ? `Expired worthless: ${label} — ${close}, out of the money. ${pnl}. In ${whose(p.owner)}.`
      : `${s.outcome === 'closed at intrinsic' ? 'Closed at intrinsic' : s.outcome === 'exercised' ? 'Exercised' : 'Assigned'}: ${label} — ${close}, intrinsic ${money(s.intrinsic)}. ${pnl}.${shares} In ${whose(p.owner)}.`;
  return {
    key: `${tenant}|${p.id}|expirySettled|${p.option?.expiry}`,
    tenant,
    user: p.owner,
    severity: s.outcome === 'expired worthless' ? 'info' : 'warning',
    text,
    rule: 'expirySettled',
    subject: p.id,
    day,
  };
}

/** The trading day before an expiry: one warning per option in the money or near it. */
export async function expiryEveAlerts(services: Services, tenant: string, now: Date): Promise<AlertMessage[]> {
  const day = services.calendar.nyDate(now);
  const tomorrow = services.calendar.nextTradingDay(day);
  const opts = (await loadTenant(services.store, tenant)).positions.filter((p) => p.option && p.option.expiry > day && p.option.expiry <= tomorrow);
  if (!opts.length) return [];
  const quotes = new Map((await services.market.quotes([...new Set(opts.map((p) => p.symbol))]).catch(() => [])).map((q) => [q.symbol, q.price]));
  const near = services.config.trading.nearMoneyPct;
  const out: AlertMessage[] = [];
  for (const p of opts) {
    const spot = quotes.get(p.symbol);
    const o = p.option;
    if (spot === undefined || !o) continue;
    const intrinsic = intrinsicOf(p, spot);
    const distance = Math.abs(spot / o.strike - 1);
    if (intrinsic <= 0 && distance > near) continue;
    const what =
      intrinsic > 0
        ? p.side === 'short'
          ? 'will be assigned if it stays in the money'
          : services.config.trading.itmAtExpiry === 'exercise'
            ? `will be exercised into ${sign(p.side) * (o.type === 'call' ? 1 : -1) > 0 ? 'long' : 'short'} shares if it stays in the money`
            : 'will be closed at intrinsic if it stays in the money'
        : 'expires worthless if it stays out of the money';
    const status = intrinsic > 0 ? `in the money by ${money(intrinsic)}` : `${(distance * 100).toFixed(1)}% from the strike`;
    const label = `${p.id} ${o.expiry} ${o.strike} ${o.type} on ${p.symbol} (${p.side} ${p.quantity})`;
    out.push({
      key: `${tenant}|${p.id}|expiryEve|${o.expiry}`,
      tenant,
      user: p.owner,
      severity: 'warning',
      text: `Expires ${o.expiry === tomorrow ? 'next session' : o.expiry}: ${label} — ${p.symbol} ${money(spot)}, ${status}; it ${what}. Close or roll it today to choose otherwise. In ${whose(p.owner)}.`,
      rule: 'expiryEve',
      subject: p.id,
      day,
    });
  }
  return out;
}
