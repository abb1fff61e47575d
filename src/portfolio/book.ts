/**
 * One book (a user's portfolio or the tenant's shared one) valued now: per-position unrealized and
 * daily P&L, realized P&L and journal statistics, equity = account size + realized + unrealized.
 * Valuing a book also records the day's equity snapshot, from which the equity-curve statistics
 * (Sharpe, Sortino, max drawdown) and the next day's option daily P&L are computed.
 */
import {
  closedTradeDailyPnl,
  dailyPnl,
  equityStats,
  journalStats,
  marketValue,
  unrealizedPnl,
  upsertSnapshot,
  type EquitySnapshot,
  type EquityStats,
  type JournalStats,
  type Trade,
} from '../core/portfolio/index.js';
import type { Services } from '../services.js';
import { loadSnapshots, loadTenant, updateSnapshots } from './store.js';
import type { RateUsed } from '../options/rate.js';
import { bookRate, tradingDayOf, valuePositions, type ValuedPosition } from './valuation.js';

export interface PositionPnl {
  valued: ValuedPosition;
  value: number;
  unrealized: number;
  daily: number;
}

export interface BookView {
  tenant: string;
  owner: string;
  day: string;
  positions: PositionPnl[];
  trades: Trade[];
  stats: JournalStats;
  realized: number;
  realizedToday: number;
  unrealized: number;
  /** Sum of the known daily P&L of the open positions and of the trades closed today (from the previous mark to the exit). */
  daily: number;
  /** Positions (open, or closed today) whose daily P&L is unknown (no previous mark stored). */
  dailyUnknown: string[];
  equity: number;
  /** Positions without a mark: equity and unrealized leave them out. */
  unmarked: string[];
  snapshots: EquitySnapshot[];
  curve: EquityStats;
  /** The rate option marks (IV, Greeks) were solved at; null when the book holds no option. */
  rate: RateUsed | null;
}

export async function loadBook(services: Services, tenant: string, owner: string, opts: { snapshot?: boolean } = {}): Promise<BookView> {
  const doc = await loadTenant(services.store, tenant);
  const open = doc.positions.filter((p) => p.owner === owner);
  const trades = doc.journal.filter((t) => t.owner === owner);
  const day = tradingDayOf(services, services.clock.now());
  const rate = await bookRate(services, open);
  const valued = await valuePositions(services, open, rate);
  let snapshots = await loadSnapshots(services.store, tenant, owner);
  // Option marks of the previous session only: an older snapshot would put several days' moves into "today".
  const prevDay = services.calendar.previousTradingDay(day);
  const previous = snapshots.find((s) => s.date === prevDay);
  const positions = valued.map((v): PositionPnl => {
    const p = v.position;
    const prevMark = p.option ? previous?.marks[p.id] : v.previousClose;
    return { valued: v, value: marketValue(p, v.mark), unrealized: unrealizedPnl(p, v.mark), daily: dailyPnl(p, v.mark, day, prevMark) };
  });
  const stats = journalStats(trades);
  const closedToday = trades.filter((t) => t.exitDate === day);
  const realizedToday = closedToday.reduce((a, t) => a + t.pnl, 0);
  // Today's share of trades closed today: from the previous close (stock) or stored mark (option) to
  // the exit; the P&L before today was already in earlier days'. Only trades opened today count whole.
  const carried = closedToday.filter((t) => t.entryDate < day);
  const carriedStocks = [...new Set(carried.filter((t) => t.multiplier === 1).map((t) => t.symbol))];
  const prevClose = new Map<string, number>();
  if (carriedStocks.length) {
    for (const v of valued) if (!v.position.option && v.previousClose !== undefined) prevClose.set(v.position.symbol, v.previousClose);
    const missing = carriedStocks.filter((s) => !prevClose.has(s));
    if (missing.length) {
      // Without a quote, Today for that position is n/a (shown as such); the provider logs its failure.
      const quotes = await services.market.quotes(missing).catch(() => []);
      for (const q of quotes) if (q.previousClose !== undefined) prevClose.set(q.symbol, q.previousClose);
    }
  }
  const closedDaily = closedToday.map((t) => ({
    t,
    daily: closedTradeDailyPnl(t, day, t.multiplier === 1 ? prevClose.get(t.symbol) : previous?.marks[t.positionId]),
  }));
  const marked = positions.filter((x) => Number.isFinite(x.unrealized));
  const unrealized = marked.reduce((a, x) => a + x.unrealized, 0);
  const equity = services.config.trading.accountSize + stats.realized + unrealized;
  const unmarked = positions.filter((x) => !Number.isFinite(x.unrealized)).map((x) => x.valued.position.id);
  const view: BookView = {
    tenant,
    owner,
    day,
    positions,
    trades,
    stats,
    realized: stats.realized,
    realizedToday,
    unrealized,
    daily: [...positions, ...closedDaily].filter((x) => Number.isFinite(x.daily)).reduce((a, x) => a + x.daily, 0),
    dailyUnknown: [
      ...positions.filter((x) => !Number.isFinite(x.daily)).map((x) => x.valued.position.id),
      ...new Set(closedDaily.filter((x) => !Number.isFinite(x.daily)).map((x) => x.t.positionId)),
    ],
    equity,
    unmarked,
    snapshots,
    curve: equityStats(snapshots),
    rate,
  };
  if (opts.snapshot !== false && unmarked.length === 0) {
    const marks: Record<string, number> = {};
    for (const x of positions) marks[x.valued.position.id] = x.valued.mark;
    snapshots = await updateSnapshots(services.store, tenant, owner, (list) => upsertSnapshot(list, { date: day, equity, marks }));
    view.snapshots = snapshots;
    view.curve = equityStats(snapshots);
  }
  return view;
}

/**
 * Records today's equity snapshot of `user`'s book (`shared` for the tenant's shared portfolio)
 * and returns it; the scheduler calls this once per trading day after the close. Returns undefined
 * when a position has no mark (a snapshot with a hole would be a made-up equity figure).
 */
export async function snapshotEquity(services: Services, tenant: string, user: string): Promise<EquitySnapshot | undefined> {
  const view = await loadBook(services, tenant, user, { snapshot: true });
  return view.unmarked.length ? undefined : view.snapshots.find((s) => s.date === view.day);
}
