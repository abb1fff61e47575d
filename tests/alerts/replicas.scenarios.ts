/**
 * Scenarios of tests/alerts/replicas-{sqlite,postgres}.test.ts (one file per store, so the two run
 * side by side): three bot processes on one store under an accelerated clock deliver each alert exactly once —
 * a stop-loss of a portfolio position and a personal price alert (`/alerts add SYM above X`) that
 * the simulated market crosses during the session, a VaR breach (a limit set below the book's VaR),
 * plus whatever the demo positions fire — also
 * when the bot that claimed an alert's delivery is SIGKILLed before sending it; on one SQLite file
 * and on a real PostgreSQL server. The levels come from a private copy of the simulated market
 * looked at ahead of time (the bot's market is deterministic), so the crossings are known to happen.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { processOwner } from '../../src/store/lease.js';
import { openStore } from '../../src/store/index.js';
import { createOutbox } from '../../src/store/outbox.js';
import { demoMarket, killBots, ranSince, runBot, startBot, type BotProcess } from '../helpers/botProcess.js';

afterEach(killBots);

const DAY = '2026-12-01';
const TENANT = 'console:local';
/** A VaR limit (0.1 % of equity) the demo book is over at its first check: a VaR breach alert beside the stop and the price alert. */
let config = '';

/** Writes the bots' config file (the low VaR limit) into `dir`; call from the test file's beforeAll. */
export function writeConfig(dir: string): void {
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ risk: { varLimitPct: 0.001 } }));
}
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00-05:00`);
const STEPS = ['09:50', '09:55', '10:00', '10:05', '10:10', '10:15', '10:20', '10:25', '10:30', '10:35', '10:40', '10:45'];

/**
 * A name rising steadily through the session (a price alert above its 10:15 price) and one falling
 * steadily (a stop at its 10:20 price): each crosses its level once, between 10:00 and 10:40.
 */
async function crossings(): Promise<{ rising: { symbol: string; level: number }; falling: { symbol: string; level: number } }> {
  const { clock, market } = demoMarket(at('09:50'));
  const path = async (symbol: string) => {
    const out: number[] = [];
    for (const t of STEPS) {
      clock.set(at(t));
      out.push((await market.quotes([symbol]))[0]?.price ?? NaN);
    }
    return out;
  };
  let rising: { symbol: string; level: number } | undefined;
  let falling: { symbol: string; level: number } | undefined;
  for (const c of market.companies().slice(0, 40)) {
    const p = await path(c.symbol);
    const up = p.every((x, i) => i === 0 || x > p[i - 1]!);
    const down = p.every((x, i) => i === 0 || x < p[i - 1]!);
    const level = (x: number) => Math.round(x * 100) / 100;
    if (!rising && up && p[0]! > 5) rising = { symbol: c.symbol, level: level(p[STEPS.indexOf('10:15')]!) };
    if (!falling && down && p[0]! > 5) falling = { symbol: c.symbol, level: level(p[STEPS.indexOf('10:20')]!) };
  }
  if (!rising || !falling) throw new Error('the simulated market has no steady riser and faller this morning: pick other times');
  return { rising, falling };
}

const alertLines = (bots: BotProcess[]) => bots.flatMap((b) => b.lines).filter((l) => l.kind === 'alert');
const delivered = (bots: BotProcess[], key: string) => alertLines(bots).filter((l) => l.data?.key === key).length;
/** The latest slot (`2026-12-01T10:20`) a bot logged as done. */
const lastSlot = (bot: BotProcess) =>
  [...bot.stderr().matchAll(/"run":"\w+\|([^|"]+)\|.*scheduled run done/g)]
    .map((m) => m[1]!)
    .sort()
    .pop();
/** The slot id `minutes` after `slot`, and a TRACKER_CLOCK starting there at 60×. */
const plus = (slot: string, minutes: number) => new Date(at(slot.slice(11)).getTime() + minutes * 60_000);
const slotId = (d: Date) => `${DAY}T${d.toLocaleTimeString('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hour12: false })}`;
const clockAt = (d: Date) => `${d.toISOString()}x60`;

/** Through one bot's commands: a stop the falling name will hit and a price alert the rising one will cross. */
async function setUp(url: string): Promise<{ stopKey: string; priceKey: string; varKey: string }> {
  const { rising, falling } = await crossings();
  const r = await runBot({ STORE_URL: url, TRACKER_CONFIG: config, TRACKER_CLOCK: '2026-12-01T09:50:00-05:00' }, [
    `/portfolio add ${falling.symbol} 10 stop=${falling.level}`,
    `/alerts add ${rising.symbol} above ${rising.level}`,
  ]);
  expect(r.code, r.stderr).toBe(0);
  const [added, alert] = r.lines;
  expect(added?.ok, JSON.stringify(added)).toBe(true);
  expect(alert?.data?.alert?.alreadyPast, JSON.stringify(alert)).toBe(false);
  return {
    stopKey: `${TENANT}|${added?.data?.position?.id}|stopLoss|${DAY}`,
    priceKey: `${TENANT}|${alert?.data?.alert?.id}|price|${DAY}|1`,
    varKey: `${TENANT}|book:console:user|varLimit|${DAY}`,
  };
}

/** Every alert line once, the expected ones among them, and nothing the outbox holds unsent or undelivered. */
async function judge(url: string, bots: BotProcess[], expected: string[]): Promise<void> {
  const keys = alertLines(bots).map((l) => String(l.data?.key));
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(twice, 'alerts delivered more than once').toEqual([]);
  expect(keys).toEqual(expect.arrayContaining(expected));
  const store = await openStore(url);
  const rows = await createOutbox(store.sql, processOwner()).forDay(TENANT, DAY, 'alert');
  await store.close();
  expect(rows.filter((m) => m.state !== 'sent').map((m) => `${m.id} ${m.state}`)).toEqual([]);
  expect(rows.map((m) => m.id).sort()).toEqual(keys.map((k) => `alert|${TENANT}|${k}`).sort());
}

export async function eachAlertOnce(url: string): Promise<void> {
  const { stopKey, priceKey, varKey } = await setUp(url);
  const expected = [stopKey, priceKey, varKey];
  const bots = [0, 1, 2].map(() => startBot({ STORE_URL: url, TRACKER_CONFIG: config, TRACKER_CLOCK: '2026-12-01T09:55:00-05:00x60' }));
  await Promise.all(bots.map((b) => b.waitFor('its scheduler', () => b.stderr().includes('"msg":"scheduler started"'))));
  await bots[0]!.waitFor('the three alerts', () => expected.every((k) => delivered(bots, k) > 0));
  // Judged once the replicas ran well past the crossings (each slot by whichever claimed it).
  await bots[0]!.waitFor('the 10:50 check', () => bots.some((b) => ranSince(b, '2026-12-01T10:50', 'intraday')));
  await Promise.all(bots.map((b) => b.kill()));
  await judge(url, bots, expected);
}

export async function eachAlertOnceAcrossAKill(url: string): Promise<void> {
  const { stopKey, priceKey, varKey } = await setUp(url);
  const expected = [stopKey, priceKey, varKey];
  // The first bot claims the first alert's delivery and is held there, then killed while the others run.
  const first = startBot({
    STORE_URL: url,
    TRACKER_CONFIG: config,
    TRACKER_CLOCK: '2026-12-01T09:55:00-05:00x60',
    TRACKER_PAUSE_AT: 'outbox-claimed:120000:alert|',
  });
  await first.waitFor('the first bot holding an alert', () => /TRACKER_PAUSED outbox-claimed alert\|/.test(first.stderr()));
  const held = /TRACKER_PAUSED outbox-claimed alert\|[^|]+\|(\S+)/.exec(first.stderr())![1]!;
  const slot = lastSlot(first)!;
  const others = [0, 1].map(() => startBot({ STORE_URL: url, TRACKER_CONFIG: config, TRACKER_CLOCK: clockAt(plus(slot, 1)) }));
  const bots = [first, ...others];
  await Promise.all(others.map((b) => b.waitFor('its scheduler', () => b.stderr().includes('"msg":"scheduler started"'))));
  const later = slotId(plus(slot, 10));
  await others[0]!.waitFor(`a check at ${later} by a replica`, () => others.some((b) => ranSince(b, later, 'intraday')));
  expect(delivered(bots, held), 'held by a live process: nobody else sends it').toBe(0);
  await first.kill();
  await others[0]!.waitFor('the held alert', () => delivered(others, held) > 0);
  await others[0]!.waitFor('the three alerts', () => expected.every((k) => delivered(bots, k) > 0));
  await others[0]!.waitFor('the 10:50 check', () => others.some((b) => ranSince(b, '2026-12-01T10:50', 'intraday')));
  await Promise.all(others.map((b) => b.kill()));
  await judge(url, bots, [...expected, held]);
}

/**
 * Killed inside an alert check's transaction, after its alert went into the outbox and before the
 * rule state that fired it was saved: both roll back (the lock dies with the process), and the
 * replicas started after it fire and deliver that alert once.
 */
export async function eachAlertOnceAcrossAKillMidCheck(url: string): Promise<void> {
  const { stopKey, priceKey, varKey } = await setUp(url);
  const expected = [stopKey, priceKey, varKey];
  const env = { STORE_URL: url, TRACKER_CONFIG: config };
  const first = startBot({ ...env, TRACKER_CLOCK: '2026-12-01T09:55:00-05:00x60', TRACKER_PAUSE_AT: 'alert-queued:120000:alert|' });
  await first.waitFor('the first bot inside an alert check', () => /TRACKER_PAUSED alert-queued alert\|/.test(first.stderr()));
  const held = /TRACKER_PAUSED alert-queued alert\|[^|]+\|(\S+)/.exec(first.stderr())![1]!;
  const slot = lastSlot(first) ?? `${DAY}T09:55`;
  await first.kill();
  const store = await openStore(url);
  expect(await createOutbox(store.sql, processOwner()).get(`alert|${TENANT}|${held}`), 'rolled back with the rule state').toBeUndefined();
  await store.close();
  const others = [0, 1].map(() => startBot({ ...env, TRACKER_CLOCK: clockAt(plus(slot, 1)) }));
  const bots = [first, ...others];
  await others[0]!.waitFor('the alert the killed check did not commit', () => delivered(others, held) > 0);
  await others[0]!.waitFor('the three alerts', () => expected.every((k) => delivered(bots, k) > 0));
  await others[0]!.waitFor('the 10:50 check', () => others.some((b) => ranSince(b, '2026-12-01T10:50', 'intraday')));
  await Promise.all(others.map((b) => b.kill()));
  await judge(url, bots, [...expected, held]);
}
