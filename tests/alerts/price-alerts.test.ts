/**
 * Personal price alerts through the real scheduler and outbox, over a market whose quote the test
 * sets: each crossing is delivered once, a gap through the level fires, hovering at the level does
 * not re-fire until the price moves back past the 2 % hysteresis band, and a second crossing on the
 * same day is a second alert. Parsing errors carry codes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/reply.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { addPriceAlert, parseAlertSpec, removePriceAlert } from '../../src/alerts/index.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import { silentLogger } from '../../src/logger.js';
import { createCalendar } from '../../src/market/calendar.js';
import type { MarketGateway, Quote } from '../../src/market/index.js';
import { withPriceAlerts } from '../../src/scheduler/jobs/alerts.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/index.js';

let px = 9.5;
let chg = 0;
const quote = (symbol: string): Quote => ({
  symbol,
  price: px,
  change: 0,
  changePercent: chg,
  currency: 'USD',
  stamp: { source: 'test', asOf: new Date().toISOString(), delayed: false, stale: false, simulated: true },
});
/** Called on every quote request (a test looks at what the store is doing meanwhile). */
let onQuotes: ((symbols: string[]) => Promise<void>) | undefined;
const market = {
  mode: 'test',
  quotes: async (s: string[]) => {
    const out = s.map(quote);
    await onQuotes?.(s);
    return out;
  },
  status: () => [],
  close: async () => undefined,
} as unknown as MarketGateway;

let services: Services | undefined;
afterEach(async () => {
  onQuotes = undefined;
  if (services) {
    await closeDeliveryDb(services.store);
    await services.store.close();
  }
});

async function setup() {
  const config = loadConfig({ env: {}, file: false, overrides: { store: { url: 'memory://' } } });
  const clock = manualClock(new Date('2026-12-01T10:00:00-05:00'));
  services = { config, market, store: await openStore('memory://'), clock, calendar: createCalendar(), logger: silentLogger };
  const sent: Reply[] = [];
  const send = Object.assign(async (_c: string, r: Reply) => void sent.push(r), { platforms: new Set(['console']) });
  const none = { intraday: async () => [] };
  const scheduler = await createScheduler({ services, send, alerts: withPriceAlerts(services, none), tenants: [CONSOLE_TENANT] });
  /** Moves to the next 5-minute intraday slot with the given price and ticks. */
  const step = async (price: number, change = 0) => {
    px = price;
    chg = change;
    clock.advance(5 * 60_000);
    await scheduler.tick();
  };
  return { services, sent, step, alerts: () => sent.filter((r) => r.kind === 'alert') };
}

describe('price alerts', () => {
  it('fire once per crossing, with hysteresis, delivered through the outbox', async () => {
    px = 9.5;
    const t = await setup();
    const a = await addPriceAlert(t.services, CONSOLE_TENANT, 'console:user', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10 }, new Date());
    expect(a).toMatchObject({ id: 'A1', alreadyPast: false });
    await t.step(9.8);
    expect(t.alerts()).toHaveLength(0);
    await t.step(10.2); // crosses
    expect(t.alerts()).toHaveLength(1);
    expect(t.alerts()[0]?.text).toMatch(/^ABCD is above \$10\.00: now \$10\.20 \(was \$9\.80\)/);
    expect(t.alerts()[0]?.data).toMatchObject({ user: 'console:user', tenant: CONSOLE_TENANT });
    await t.step(10.5);
    await t.step(9.85); // back under the level but inside the 2 % band: not re-armed
    await t.step(10.1);
    expect(t.alerts()).toHaveLength(1);
    await t.step(9.7); // below 9.80: re-armed
    await t.step(11.5); // gaps through: a second crossing the same day is a second alert
    expect(t.alerts()).toHaveLength(2);
    await t.step(11.5);
    expect(t.alerts()).toHaveLength(2);
  });

  it('a level already passed at creation waits for the next crossing; move and remove', async () => {
    px = 12;
    const t = await setup();
    const a = await addPriceAlert(t.services, CONSOLE_TENANT, 'console:bob', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10 }, new Date());
    expect(a.alreadyPast).toBe(true);
    await t.step(12.5);
    expect(t.alerts()).toHaveLength(0);
    await t.step(9.5);
    await t.step(10.4);
    expect(t.alerts()).toHaveLength(1);
    await addPriceAlert(t.services, CONSOLE_TENANT, 'console:bob', { symbol: 'WXYZ', kind: 'move', direction: 'above', level: 0.08 }, new Date());
    await t.step(10.4, -9.1);
    expect(t.alerts().at(-1)?.text).toMatch(/^WXYZ moved 9\.1% today/);
    await expect(removePriceAlert(t.services, CONSOLE_TENANT, 'console:eve', 'A2')).rejects.toMatchObject({ code: 'NOT_YOURS' });
    await removePriceAlert(t.services, CONSOLE_TENANT, 'console:bob', 'a2');
    await t.step(10.4, -12);
    expect(t.alerts()).toHaveLength(2);
  });

  it('fetches quotes outside the store transaction; an alert added meanwhile waits for the next check', async () => {
    px = 9.5;
    const t = await setup();
    // On SQLite a transaction holds the file's write lock for every process: no network call inside one.
    let open = 0;
    const tx = t.services.store.transaction.bind(t.services.store);
    t.services.store.transaction = async (lock, fn) => {
      open++;
      try {
        return await tx(lock, fn);
      } finally {
        open--;
      }
    };
    const during: number[] = [];
    await addPriceAlert(t.services, CONSOLE_TENANT, 'console:user', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10 }, new Date());
    let added = false;
    onQuotes = async (symbols) => {
      if (symbols.join() !== 'ABCD') return; // the morning scan asks too
      during.push(open);
      // The check has read 10.30; the price drops to 10.10 and a second alert (above 10.20) is added
      // before the check writes: the 10.30 predates it and must not fire it.
      if (!added && t.services) {
        added = true;
        px = 10.1;
        await addPriceAlert(t.services, CONSOLE_TENANT, 'console:user', { symbol: 'ABCD', kind: 'price', direction: 'above', level: 10.2 }, new Date());
      }
    };
    await t.step(10.3);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((n) => n === 0)).toBe(true);
    expect(t.alerts().map((r) => r.title)).toEqual(['Alert A1: ABCD price ≥ $10.00']);
    await t.step(10.15);
    expect(t.alerts()).toHaveLength(1);
    await t.step(10.25); // A2's own crossing
    expect(t.alerts().map((r) => r.title)).toEqual(['Alert A1: ABCD price ≥ $10.00', 'Alert A2: ABCD price ≥ $10.20']);
  });

  it('parses the three forms and rejects the rest with a code', () => {
    expect(parseAlertSpec(['abcd', 'below', '$7.5'])).toEqual({ ok: true, value: { symbol: 'ABCD', kind: 'price', direction: 'below', level: 7.5 } });
    expect(parseAlertSpec(['ABCD', 'move', '8%'])).toEqual({ ok: true, value: { symbol: 'ABCD', kind: 'move', direction: 'above', level: 0.08 } });
    expect(parseAlertSpec(['ABCD', 'iv', 'below', '40'])).toEqual({ ok: true, value: { symbol: 'ABCD', kind: 'iv', direction: 'below', level: 0.4 } });
    expect(parseAlertSpec(['ABCD'])).toMatchObject({ ok: false, code: 'MISSING_ARGUMENT' });
    expect(parseAlertSpec(['ABCD', 'above'])).toMatchObject({ ok: false, code: 'MISSING_ARGUMENT' });
    expect(parseAlertSpec(['ABCD', 'above', '-3'])).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(parseAlertSpec(['ABCD', 'iv', 'up', '40'])).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(parseAlertSpec(['ABCD', 'sideways', '3'])).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});
