/**
 * Two replicas' alert checks observe outside the store transaction and may commit in the reverse
 * order of their observations. Replayed here with one store and two market views: a check that
 * another overtook with newer figures is dropped, so a stale price cannot re-arm a fired alert
 * (which made the next check fire the same crossing a second time).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addPriceAlert, evaluatePriceAlerts, loadPriceAlerts } from '../../src/alerts/index.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { nextStamp, overtaken } from '../../src/core/alerts/index.js';
import { silentLogger } from '../../src/logger.js';
import { createCalendar } from '../../src/market/calendar.js';
import type { MarketGateway, Quote } from '../../src/market/index.js';
import type { Services } from '../../src/services.js';
import { evaluatePortfolioAlerts, loadAlertBook } from '../../src/portfolio/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestBot } from '../helpers/bot.js';

const T = 'console:local';
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00-05:00`);

interface Gate {
  reached: () => void;
  open: Promise<void>;
}
/** A gate a check's quote request waits at: `waiting` resolves once it got there, `open()` lets it go on. */
function gate(): { gate: Gate; waiting: Promise<void>; open: () => void } {
  let reached!: () => void;
  let open!: () => void;
  const waiting = new Promise<void>((ok) => {
    reached = ok;
  });
  return { gate: { reached, open: new Promise<void>((ok) => (open = ok)) }, waiting, open };
}

/** A market quoting ABCD at `price`; when `gate` is given, the quote waits for it (the check is mid-observation). */
function market(price: number, gate?: Gate): MarketGateway {
  const quote = (symbol: string): Quote => ({
    symbol,
    price,
    change: 0,
    changePercent: 0,
    currency: 'USD',
    stamp: { source: 'test', asOf: new Date().toISOString(), delayed: false, stale: false, simulated: true },
  });
  return {
    mode: 'test',
    quotes: async (s: string[]) => {
      gate?.reached();
      await gate?.open;
      return s.map(quote);
    },
  } as unknown as MarketGateway;
}

let store: Store | undefined;
afterEach(async () => store?.close());

async function replicas() {
  store = await openStore('memory://');
  const config = loadConfig({ env: {}, file: false, overrides: { store: { url: 'memory://' } } });
  const base = { config, store, clock: manualClock(at('10:00')), calendar: createCalendar(), logger: silentLogger };
  return (m: MarketGateway): Services => ({ ...base, market: m });
}

describe('alert checks committed out of order', () => {
  it('a price check overtaken by a newer one is dropped: one crossing, one alert', async () => {
    const replica = await replicas();
    await addPriceAlert(replica(market(9.5)), T, 'console:user', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10 }, at('10:00'));
    // Replica A observes 9.70 at 10:05 and stalls; replica B observes 10.30 at 10:10 and commits first.
    const g = gate();
    const a = evaluatePriceAlerts(replica(market(9.7, g.gate)), T, at('10:05'));
    await g.waiting;
    const b = await evaluatePriceAlerts(replica(market(10.3)), T, at('10:10'));
    expect(b.map((m) => m.key)).toEqual(['console:local|A1|price|2026-12-01|1']);
    g.open();
    expect(await a).toEqual([]);
    // Had A's 9.70 re-armed the alert, this check (still 10.30) would fire the same crossing again.
    expect(await evaluatePriceAlerts(replica(market(10.3)), T, at('10:15'))).toEqual([]);
    const book = await loadPriceAlerts({ store: store as Store }, T);
    expect(book.state.A1).toMatchObject({ armed: false, last: 10.3, fired: 1 });
    expect(book.checked).toEqual({ n: 2, at: at('10:15').getTime() });
  });

  it('a check alone is applied whatever its clock (a replay on an earlier day is not dropped)', async () => {
    const replica = await replicas();
    await addPriceAlert(replica(market(9.5)), T, 'console:user', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10 }, at('10:00'));
    expect(await evaluatePriceAlerts(replica(market(10.3)), T, at('15:00'))).toHaveLength(1);
    // The same store replayed from the morning: 9.70 re-arms, 10.30 fires the new crossing.
    expect(await evaluatePriceAlerts(replica(market(9.7)), T, at('09:40'))).toEqual([]);
    expect((await evaluatePriceAlerts(replica(market(10.3)), T, at('09:45'))).map((m) => m.key)).toEqual(['console:local|A1|price|2026-12-01|2']);
  });

  it('the portfolio rules use the same stamp: an overtaken check leaves the newer state alone', async () => {
    const bot = await createTestBot();
    try {
      const who = { tenant: 'test:order', user: 'test:ann', isAdmin: false };
      const sym = (await bot.services.market.universe()).find((u) => (u.price ?? 0) > 5)?.symbol as string;
      const q = (await bot.services.market.quotes([sym]))[0]?.price as number;
      expect((await bot.exec(`/portfolio add ${sym} 10 ${(q * 1.1).toFixed(2)} stop=${(q * 1.05).toFixed(2)}`, who)).ok).toBe(true);
      const g = gate();
      const real = bot.services.market;
      const stalled = Object.assign(Object.create(real) as MarketGateway, {
        quotes: async (s: string[]) => {
          g.gate.reached();
          await g.gate.open;
          return real.quotes(s);
        },
      });
      const t1 = bot.clock.now();
      const a = evaluatePortfolioAlerts({ ...bot.services, market: stalled }, who.tenant, t1);
      await g.waiting;
      const t2 = new Date(t1.getTime() + 60_000);
      expect((await evaluatePortfolioAlerts(bot.services, who.tenant, t2)).filter((m) => m.rule === 'stopLoss')).toHaveLength(1);
      g.open();
      expect(await a).toEqual([]);
      expect((await loadAlertBook(bot.services.store, who.tenant)).checked).toEqual({ n: 1, at: t2.getTime() });
    } finally {
      await bot.close();
    }
  }, 60_000);

  it('overtaken: only a commit made meanwhile with newer figures', () => {
    expect(overtaken(0, undefined, 1000)).toBe(false);
    expect(overtaken(3, { n: 3, at: 5000 }, 1000)).toBe(false); // nothing committed meanwhile
    expect(overtaken(3, { n: 4, at: 5000 }, 1000)).toBe(true);
    expect(overtaken(3, { n: 4, at: 500 }, 1000)).toBe(false); // ours is newer: applied
    expect(nextStamp(undefined, 1000)).toEqual({ n: 1, at: 1000 });
    expect(nextStamp({ n: 4, at: 5000 }, 1000)).toEqual({ n: 5, at: 1000 });
  });
});
