/**
 * The `--json` contract on live data while the market is shut: Saturday morning (the live fakes'
 * quotes are Friday's, option chains still listed), then the Monday before the open. /status names
 * the next open; every success validates strictly against its schema after a JSON round trip;
 * every failure is one sentence with a stable code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GreeksData } from '../../commands/schemas/greeks.js';
import { statusData } from '../../commands/schemas/status.js';
import type { Reply } from '../../src/chat/reply.js';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';
import { contractIssues, liveBot, printed, type LiveBot } from './helpers/contract.js';

const SATURDAY = new Date('2026-12-05T10:00:00-05:00');
const MONDAY_EARLY = new Date('2026-12-07T08:00:00-05:00');

let fakes: LiveFakes;
let bot: LiveBot;
const saturday: Reply[] = [];
const monday: Reply[] = [];

beforeAll(async () => {
  fakes = await startLiveFakes({ now: () => bot?.clock.now() ?? SATURDAY, symbols: 1_500, limit: 100_000, latency: () => 2 });
  bot = await liveBot({ MARKET_DATA: 'yahoo', YAHOO_BASE_URL: fakes.yahoo.url, NASDAQ_BASE_URL: fakes.nasdaq.url }, SATURDAY, {
    data: { rateLimits: { yahoo: { requests: 2_000, perSeconds: 60, concurrency: 4 } } },
  });
  const stock = fakes.market.find((s) => s.optionable && s.price > 5 && s.price < 40 && s.marketCap > 3e8 && s.marketCap < 2e9);
  const sym = stock?.symbol ?? '';
  const greeks = await bot.exec(`/greeks ${sym}`);
  saturday.push(greeks);
  const chain = greeks.data as GreeksData;
  const call = chain.contracts.find((c) => c.type === 'call' && c.strike >= chain.spot) ?? chain.contracts[0];
  const lines = [
    `/quote ${sym}`,
    '/scan limit=3',
    '/status',
    '/schedule',
    `/portfolio add ${sym} 50 ${stock?.price} stop=${((stock?.price ?? 0) * 0.9).toFixed(2)}`,
    `/portfolio add ${sym} 1 ${chain.expiry} ${call?.strike} call`,
    '/portfolio list',
    `/size ${sym}`,
    '/risk',
    '/pnl',
    '/track',
  ];
  for (const line of lines) saturday.push(await bot.exec(line));
  bot.clock.set(MONDAY_EARLY);
  for (const line of [`/quote ${sym}`, `/greeks ${sym}`, '/portfolio list', '/status']) monday.push(await bot.exec(line));
}, 180_000);

afterAll(async () => {
  await bot?.close();
  await fakes?.close();
});

describe('--json on live data while the market is shut', () => {
  it('every reply keeps to the contract, and every command answered', () => {
    expect(contractIssues([...saturday, ...monday])).toEqual([]);
    expect([...saturday, ...monday].filter((r) => !r.ok).map((r) => `${r.command}: ${r.error?.message}`)).toEqual([]);
  });

  it('/status on Saturday and early Monday: closed, the next open Monday 09:30 ET', () => {
    for (const r of [saturday.find((x) => x.command === 'status'), monday.at(-1)]) {
      const d = statusData.parse(printed(r as Reply));
      expect(d).toMatchObject({ marketOpen: false, nextOpen: '2026-12-07T14:30:00.000Z' });
    }
  });
});
