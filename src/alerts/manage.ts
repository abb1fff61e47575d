/**
 * Adding, removing and listing personal price alerts. Arguments are parsed by a pure function
 * returning a coded error, so the command only renders. A user may hold MAX_PER_USER alerts.
 */
import { DomainError } from '../errors.js';
import type { Services } from '../services.js';
import type { PriceAlert, PriceAlertState } from './schema.js';
import { loadPriceAlerts, updatePriceAlerts } from './store.js';

export const MAX_PER_USER = 25;

export type AlertSpec = Pick<PriceAlert, 'symbol' | 'kind' | 'direction' | 'level'>;

type Parsed = { ok: true; value: AlertSpec } | { ok: false; code: 'MISSING_ARGUMENT' | 'INVALID_ARGUMENT'; message: string };

const USAGE = 'for example: /alerts add ABCD above 12.50, /alerts add ABCD move 8, /alerts add ABCD iv above 90';

/** `TICKER above|below PRICE`, `TICKER move PCT`, `TICKER iv above|below PCT` (the words after "add"). */
export function parseAlertSpec(words: readonly string[]): Parsed {
  const [ticker, w1, w2, w3] = words.map((w) => w.trim());
  if (!ticker || !w1) return { ok: false, code: 'MISSING_ARGUMENT', message: `/alerts add needs a ticker and a condition — ${USAGE}.` };
  if (!/^[A-Za-z][A-Za-z0-9.-]{0,9}$/.test(ticker))
    return { ok: false, code: 'INVALID_ARGUMENT', message: `"${ticker.slice(0, 12)}" is not a ticker — ${USAGE}.` };
  const symbol = ticker.toUpperCase();
  const number = (s: string | undefined, what: string): number | string => {
    if (s === undefined || s === '') return `/alerts add ${symbol} needs ${what} — ${USAGE}.`;
    const x = Number(s.replace(/[$%]/g, ''));
    return Number.isFinite(x) && x > 0 ? x : `"${s.slice(0, 12)}" is not ${what} above zero — ${USAGE}.`;
  };
  const fail = (m: string): Parsed => ({ ok: false, code: /needs/.test(m) ? 'MISSING_ARGUMENT' : 'INVALID_ARGUMENT', message: m });
  const dir = (s: string | undefined) => (s?.toLowerCase() === 'above' || s?.toLowerCase() === 'below' ? (s.toLowerCase() as 'above' | 'below') : undefined);
  const kind = w1.toLowerCase();
  if (dir(kind)) {
    const x = number(w2, 'a price');
    return typeof x === 'string' ? fail(x) : { ok: true, value: { symbol, kind: 'price', direction: dir(kind) as 'above' | 'below', level: x } };
  }
  if (kind === 'move') {
    const x = number(w2, 'a percent move');
    if (typeof x === 'string') return fail(x);
    return x >= 100
      ? fail(`A day move of ${x}% is out of range; give 0.1 to 99 — ${USAGE}.`)
      : { ok: true, value: { symbol, kind: 'move', direction: 'above', level: x / 100 } };
  }
  if (kind === 'iv') {
    const d = dir(w2);
    if (!d)
      return fail(w2 ? `"${w2.slice(0, 12)}" is not above or below — ${USAGE}.` : `/alerts add ${symbol} iv needs above or below and a percent — ${USAGE}.`);
    const x = number(w3, 'an IV percent');
    if (typeof x === 'string') return fail(x);
    return x > 1000 ? fail(`IV ${x}% is out of range; give 1 to 1000 — ${USAGE}.`) : { ok: true, value: { symbol, kind: 'iv', direction: d, level: x / 100 } };
  }
  return fail(`"${w1.slice(0, 12)}" is not above, below, move or iv — ${USAGE}.`);
}

export async function addPriceAlert(
  services: Services,
  tenant: string,
  user: string,
  spec: AlertSpec,
  now: Date,
): Promise<PriceAlert & { alreadyPast: boolean }> {
  const [q] = await services.market.quotes([spec.symbol]);
  if (!q) throw new DomainError('UNKNOWN_SYMBOL', `No quote found for "${spec.symbol}"; check the ticker.`);
  // An IV alert on a stock without listed options could never fire: the chain's NO_OPTIONS error says so now.
  if (spec.kind === 'iv') await services.market.optionChain(q.symbol);
  return updatePriceAlerts(services, tenant, (book) => {
    if (book.alerts.filter((a) => a.user === user).length >= MAX_PER_USER)
      throw new DomainError('LIMIT_REACHED', `You have ${MAX_PER_USER} alerts; remove one first (/alerts remove A3).`);
    const alert: PriceAlert = { id: `A${book.next}`, user, ...spec, symbol: q.symbol, createdAt: now.toISOString() };
    // Edge-triggered from the start: a level the price is already past fires only after it crosses back and again.
    const seen = spec.kind === 'price' ? q.price : spec.kind === 'move' && q.changePercent !== undefined ? Math.abs(q.changePercent) / 100 : undefined;
    const past = seen !== undefined && (spec.direction === 'above' ? seen >= spec.level : seen <= spec.level);
    const state = seen === undefined ? book.state : { ...book.state, [alert.id]: { armed: !past, last: seen, level: spec.level, fired: 0 } };
    return { book: { ...book, next: book.next + 1, alerts: [...book.alerts, alert], state }, result: { ...alert, alreadyPast: past } };
  });
}

export async function removePriceAlert(services: Services, tenant: string, user: string, id: string): Promise<PriceAlert> {
  const want = id.trim().toUpperCase();
  return updatePriceAlerts(services, tenant, (book) => {
    const a = book.alerts.find((x) => x.id === want);
    if (!a) throw new DomainError('NOT_FOUND', `There is no alert ${want.slice(0, 12)}; /alerts list shows your ids.`);
    if (a.user !== user) throw new DomainError('NOT_YOURS', `Alert ${want} is not yours.`);
    const { [want]: _gone, ...state } = book.state;
    return { book: { ...book, alerts: book.alerts.filter((x) => x.id !== want), state }, result: a };
  });
}

export async function listPriceAlerts(services: Services, tenant: string, user: string): Promise<{ alert: PriceAlert; state: PriceAlertState | null }[]> {
  const book = await loadPriceAlerts(services, tenant);
  return book.alerts.filter((a) => a.user === user).map((alert) => ({ alert, state: book.state[alert.id] ?? null }));
}

/** "ABCD price ≥ $12.50", "ABCD day move ≥ 8.0%", "ABCD 30-day ATM IV ≤ 40.0%". */
export function describeAlert(a: Pick<PriceAlert, 'symbol' | 'kind' | 'direction' | 'level'>): string {
  const op = a.direction === 'above' ? '≥' : '≤';
  if (a.kind === 'price') return `${a.symbol} price ${op} $${a.level.toFixed(2)}`;
  if (a.kind === 'move') return `${a.symbol} day move ${op} ${(a.level * 100).toFixed(1)}% either way`;
  return `${a.symbol} 30-day ATM IV ${op} ${(a.level * 100).toFixed(1)}%`;
}
