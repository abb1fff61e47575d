/**
 * Evaluates every alert rule of a tenant's books and returns the alerts to deliver. Nothing is
 * sent from here: the scheduler puts the messages in its outbox, keyed by `key` for exactly-once
 * delivery. Rule state is persisted before returning, so a restart neither repeats an alert (the
 * state says it fired) nor loses one the scheduler already received.
 */
import { bookRules, evaluateRule, nextStamp, overtaken, positionRules, type AlertLimits, type AlertRule, type RuleAlert } from '../core/alerts/index.js';
import { booksOf, SHARED } from '../core/portfolio/index.js';
import type { Services } from '../services.js';
import { loadBook, type BookView } from './book.js';
import { computeRisk } from './risk.js';
import { loadAlertBook, loadTenant, updateAlertBook, type AlertMessage } from '../store/portfolio.js';
import { tradingDayOf } from './valuation.js';

export function alertLimits(services: Services): AlertLimits {
  const { risk } = services.config;
  return { ...risk.alerts, varLimitPct: risk.varLimitPct, concentrationLimitPct: risk.concentrationLimitPct };
}

interface Observed {
  owner: string;
  rule: AlertRule;
  value: number;
  label: string;
  /** Unrealized P&L of the position, in $ and as a fraction of its entry cost (position rules only). */
  pnl?: { dollars: number; pct: number };
}

const RECENT = 50;

/** All rules of every book of `tenant` with their current observations, at `now`'s trading day. */
export async function observeTenant(services: Services, tenant: string): Promise<{ observed: Observed[]; books: BookView[] }> {
  const doc = await loadTenant(services.store, tenant);
  const limits = alertLimits(services);
  const observed: Observed[] = [];
  const books: BookView[] = [];
  for (const owner of booksOf(doc)) {
    const book = await loadBook(services, tenant, owner);
    books.push(book);
    for (const x of book.positions) {
      const v = x.valued;
      const p = v.position;
      const rules = positionRules(
        { id: p.id, side: p.side, stopLoss: p.stopLoss, profitTarget: p.profitTarget, isOption: !!p.option, hasEntryIv: p.entryIv !== undefined },
        limits,
      );
      const theta = v.greeks?.thetaDollars ?? NaN;
      const values: Record<string, number> = {
        stopLoss: v.mark,
        profitTarget: v.mark,
        expiry: (v.years ?? NaN) * 365,
        thetaDecay: Math.abs(x.value) > 0 ? -theta / Math.abs(x.value) : NaN,
        ivSpike: p.entryIv && v.iv !== undefined ? v.iv / p.entryIv - 1 : NaN,
      };
      const cost = p.entryPrice * p.quantity * p.multiplier;
      const pnl = { dollars: x.unrealized, pct: cost > 0 ? x.unrealized / cost : NaN };
      for (const rule of rules) observed.push({ owner, rule, value: values[rule.kind] ?? NaN, label: `${p.id} ${v.label} (${p.side} ${p.quantity})`, pnl });
    }
    const risk = await computeRisk(
      services,
      book.positions.map((x) => x.valued),
      book.equity,
      book.day,
      { paths: 0, benchmark: false },
    );
    const level = services.config.risk.varLevel;
    const varPct = (risk.historical.find((f) => f.level === level)?.var ?? NaN) / book.equity;
    const who = owner === SHARED ? 'shared portfolio' : 'your portfolio';
    for (const rule of bookRules(owner, limits)) {
      observed.push({
        owner,
        rule,
        value: rule.kind === 'varLimit' ? varPct : (risk.names[0]?.ofEquity ?? NaN),
        label: rule.kind === 'concentration' && risk.names[0] ? `${who} (${risk.names[0].key})` : who,
      });
    }
  }
  return { observed, books };
}

export async function evaluatePortfolioAlerts(
  services: Services,
  tenant: string,
  now: Date,
  /** Persists the alerts (the scheduler's outbox) before the new rule state is saved: a crash in between re-fires instead of losing. */
  sink?: (alerts: AlertMessage[]) => Promise<void>,
): Promise<AlertMessage[]> {
  const day = tradingDayOf(services, now);
  // Valued outside the transaction (quotes and chains are network calls); see src/core/alerts/checks.ts for the stamp.
  const seen = (await loadAlertBook(services.store, tenant)).checked?.n ?? 0;
  const { observed } = await observeTenant(services, tenant);
  return updateAlertBook(services.store, tenant, async (book) => {
    // Another replica's check committed newer figures while this one valued the books: they stand.
    if (overtaken(seen, book.checked, now.getTime())) return { book, result: [] };
    const rules: typeof book.rules = {};
    const out: AlertMessage[] = [];
    for (const o of observed) {
      const id = `${o.rule.subject}|${o.rule.kind}`;
      const r = evaluateRule(o.rule, book.rules[id], { tenant, value: o.value, day });
      rules[id] = r.state;
      const muted = book.mutes[o.owner] ?? [];
      const isMuted = muted.includes(o.rule.subject) || muted.includes(o.rule.kind) || (o.rule.subject.startsWith('book:') && muted.includes('book'));
      for (const a of r.alerts) if (!isMuted) out.push(message(tenant, o, a));
    }
    if (sink && out.length) await sink(out);
    // Rules of closed positions are dropped with them; everything still observed is kept.
    return { book: { ...book, rules, recent: [...book.recent, ...out].slice(-RECENT), checked: nextStamp(book.checked, now.getTime()) }, result: out };
  });
}

const money = (x: number) => `$${x.toFixed(2)}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x < 0 ? '-' : '+'}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function message(tenant: string, o: Observed, a: RuleAlert): AlertMessage {
  const was = a.previous !== undefined ? ` (was ${fmt(a.kind, a.previous)})` : '';
  const texts: Record<RuleAlert['kind'], [AlertMessage['severity'], string]> = {
    stopLoss: ['error', `Stop loss hit: ${o.label} is at ${money(a.value)}${was}, stop ${money(a.level)}.`],
    profitTarget: ['success', `Profit target reached: ${o.label} is at ${money(a.value)}${was}, target ${money(a.level)}.`],
    expiry: ['warning', `Expiry near: ${o.label} expires in ${a.value.toFixed(1)} days (alert at ${a.level}).`],
    thetaDecay: ['warning', `Theta decay: ${o.label} loses ${pct(a.value)} of its value a day to time (threshold ${pct(a.level)}).`],
    ivSpike: ['warning', `IV spike: ${o.label} implied vol is ${pct(a.value)} above its entry level (threshold ${pct(a.level)}).`],
    varLimit: ['error', `VaR over limit: ${o.label} 1-day historical VaR is ${pct(a.value)} of equity, limit ${pct(a.level)}.`],
    concentration: ['warning', `Concentration over limit: ${o.label} largest name is ${pct(a.value)} of equity, limit ${pct(a.level)}.`],
  };
  const [severity, text] = texts[a.kind];
  // Every alert says what it means in money and whose book it is.
  const pnl =
    o.pnl && Number.isFinite(o.pnl.dollars)
      ? ` Unrealized P&L ${signed(o.pnl.dollars)}${Number.isFinite(o.pnl.pct) ? ` (${o.pnl.pct > 0 ? '+' : ''}${pct(o.pnl.pct)})` : ''}.`
      : '';
  const whose = o.owner === SHARED ? 'the shared portfolio' : `${o.owner}'s portfolio`;
  return { key: a.key, tenant, user: o.owner, severity, text: `${text}${pnl} In ${whose}.`, rule: a.kind, subject: a.subject, day: a.day };
}

function fmt(kind: RuleAlert['kind'], v: number): string {
  return kind === 'stopLoss' || kind === 'profitTarget' ? money(v) : kind === 'expiry' ? v.toFixed(1) : pct(v);
}
