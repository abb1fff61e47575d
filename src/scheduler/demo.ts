/**
 * `--demo` only: when the console tenant has no portfolio, seed a small one in the console
 * user's own book (what /portfolio and /pnl show without `shared=true`) so the intraday alerts
 * show within minutes. The simulated market is deterministic, so a private
 * simulator on a look-ahead clock finds, for a few liquid names, a price the stock will reach
 * in the next hour; the stop (falling) or target (rising) is set just short of it. Labelled
 * as a demo in the notes; never used outside the simulated market. Several demo processes on one
 * store seed once: the first claims the seeding in a store transaction (see claimDemoSeed).
 */
import { manualClock } from '../clock.js';
import type { MarketCalendar } from '../market/calendar.js';
import { moment } from '../market/sim/day.js';
import { createSimProvider } from '../market/sim/index.js';
import { addPosition, loadTenant } from '../portfolio/index.js';
import type { Services } from '../services.js';
import type { Store } from '../store/index.js';

export async function seedDemoPortfolio(services: Services, tenant: string, user: string): Promise<string[]> {
  if (!(await claimDemoSeed(services.store, tenant))) return [];
  const start = services.clock.now();
  const ahead = manualClock(start);
  // The market's own calendar, so the look-ahead shares its cached trading days.
  const sim = createSimProvider({ seed: services.config.data.sim.seed, symbols: services.config.data.sim.symbols, clock: ahead, calendar: services.calendar });
  const priceAt = async (symbol: string, minutes: number) => {
    ahead.set(new Date(start.getTime() + minutes * 60_000));
    return (await sim.quotes([symbol]))[0]?.price;
  };
  // Names whose price crosses a level 15 minutes to 2 hours from now, spread out in time.
  const found: {
    symbol: string;
    entry: number;
    minutes: number;
    level: { stopLoss: number; profitTarget?: number } | { profitTarget: number; stopLoss?: number };
  }[] = [];
  // Outside a session every look-ahead price equals today's: no name can cross a level, so skip
  // pricing 60 paths (most of a demo start-up) to find none.
  const moves = LOOK_AHEAD.some((m) => !sameMoment(start, new Date(start.getTime() + m * 60_000), services.calendar));
  for (const c of moves ? sim.companies(60) : []) {
    if (found.length >= 6) break;
    const entry = await priceAt(c.symbol, 0);
    if (!entry || entry < 5 || entry > 150) continue;
    for (const m of LOOK_AHEAD) {
      const p = await priceAt(c.symbol, m);
      if (!p || Math.abs(p / entry - 1) < 0.006) continue;
      const edge = round(entry + (p - entry) * 0.8);
      found.push({
        symbol: c.symbol,
        entry,
        minutes: m,
        level: p < entry ? { stopLoss: edge, profitTarget: round(entry * 1.25) } : { profitTarget: edge, stopLoss: round(entry * 0.8) },
      });
      break;
    }
  }
  const picked = found.sort((a, b) => a.minutes - b.minutes).slice(0, 3);
  // Market closed (nothing moves in the next hours): still seed a portfolio, with default levels.
  for (const c of sim.companies(60)) {
    if (picked.length >= 3) break;
    const entry = await priceAt(c.symbol, 0);
    if (entry && entry >= 5 && entry <= 150 && !picked.some((f) => f.symbol === c.symbol))
      picked.push({ symbol: c.symbol, entry, minutes: 0, level: { stopLoss: round(entry * 0.92), profitTarget: round(entry * 1.2) } });
  }
  const seeded: string[] = [];
  for (const f of picked) {
    try {
      await addPosition(
        services,
        { tenant, user, isAdmin: true },
        { symbol: f.symbol, side: 'long', quantity: Math.max(1, Math.floor(4000 / f.entry)), owner: user, notes: 'demo position (--demo)', ...f.level },
      );
      seeded.push(f.symbol);
    } catch (err) {
      services.logger.warn({ symbol: f.symbol, err: err instanceof Error ? err.message : String(err) }, 'demo position not added');
    }
  }
  return seeded;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Minutes ahead at which the seed looks for a crossing. */
const LOOK_AHEAD = [15, 30, 45, 60, 90, 120];

/** True when the simulator quotes the same prices at `a` and `b`: both outside a session, with the same last close. */
function sameMoment(a: Date, b: Date, cal: MarketCalendar): boolean {
  const x = moment(a, cal);
  const y = moment(b, cal);
  return x.sessionFraction === undefined && y.sessionFraction === undefined && x.dates.length === y.dates.length;
}

/** Seeds the console's demo portfolio before the first command is read (logged, never fatal). */
export async function seedConsoleDemo(services: Services, tenant: string, user: string): Promise<void> {
  if (services.config.data.source !== 'sim') return;
  const seeded = await seedDemoPortfolio(services, tenant, user).catch((err: unknown) => {
    services.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'demo portfolio not seeded');
    return [];
  });
  if (seeded.length) services.logger.info({ symbols: seeded }, 'seeded a demo portfolio for the console');
}

/** How long a claim keeps other processes from seeding: enough to seed, short enough that an emptied demo book is seeded again on a later start. */
const SEED_CLAIM_MS = 10 * 60_000;

/**
 * True for the one process that may seed now: the book is empty and no process claimed the seeding
 * in the last SEED_CLAIM_MS (real time: it coordinates processes, not the simulated day).
 */
export async function claimDemoSeed(store: Store, tenant: string, realNow = Date.now()): Promise<boolean> {
  return store.transaction(`demoseed:${tenant}`, async () => {
    if ((await loadTenant(store, tenant)).positions.length) return false;
    const claims = store.ns<number>('demoseed');
    const last = await claims.get(tenant);
    if (typeof last === 'number' && realNow - last < SEED_CLAIM_MS) return false;
    await claims.set(tenant, realNow);
    return true;
  });
}
