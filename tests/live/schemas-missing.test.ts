/**
 * The `--json` contract when live Yahoo leaves fields out: the live fakes behind a proxy that deletes
 * from every quote the previous close, change, volumes, market cap and names, and from every
 * option contract the bid, ask, volume and open interest (all optional in yahoo-finance2's schema,
 * so the real client passes them on). Numbers the bot cannot know must print as null or be absent
 * as the schema says — never NaN turned into a non-nullable null, never a made-up figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GreeksData } from '../../commands/schemas/greeks.js';
import type { Reply } from '../../src/chat/reply.js';
import type { FakeServer } from '../market/helpers/server.js';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';
import { contractIssues, liveBot, printed, type LiveBot } from './helpers/contract.js';
import { startStrippingProxy } from './helpers/strip.js';

const NOW = new Date('2026-12-01T11:00:00-05:00');
const QUOTE_FIELDS = [
  'regularMarketPreviousClose',
  'regularMarketChange',
  'regularMarketChangePercent',
  'regularMarketOpen',
  'regularMarketDayHigh',
  'regularMarketDayLow',
  'regularMarketVolume',
  'averageDailyVolume3Month',
  'averageDailyVolume10Day',
  'marketCap',
  'longName',
  'shortName',
  'fiftyTwoWeekHigh',
  'fiftyTwoWeekLow',
];
const CONTRACT_FIELDS = ['bid', 'ask', 'volume', 'openInterest', 'percentChange'];

let fakes: LiveFakes;
let proxy: FakeServer;
let bot: LiveBot;
const asked: string[] = [];
const replies: Reply[] = [];

beforeAll(async () => {
  fakes = await startLiveFakes({ now: () => NOW, symbols: 1_500, limit: 100_000, latency: () => 2 });
  proxy = await startStrippingProxy(fakes.yahoo.url, { quote: QUOTE_FIELDS, contract: CONTRACT_FIELDS });
  bot = await liveBot({ MARKET_DATA: 'yahoo', YAHOO_BASE_URL: proxy.url, NASDAQ_BASE_URL: fakes.nasdaq.url }, NOW, {
    data: { rateLimits: { yahoo: { requests: 2_000, perSeconds: 60, concurrency: 4 } } },
  });
  const stock = fakes.market.find((s) => s.optionable && s.price > 5 && s.price < 40 && s.marketCap > 3e8 && s.marketCap < 2e9);
  const sym = stock?.symbol ?? '';
  const greeks = await bot.exec(`/greeks ${sym} all=true`);
  asked.push(`/greeks ${sym} all=true`);
  replies.push(greeks);
  const chain = greeks.data as GreeksData | undefined;
  const call = chain?.contracts.find((c) => c.type === 'call' && c.strike >= chain.spot);
  const opt = `${chain?.expiry} ${call?.strike} call`;
  const lines = [
    `/quote ${sym}`,
    `/greeks ${sym}`,
    '/scan limit=3',
    `/portfolio add ${sym} 100 ${stock?.price} stop=${((stock?.price ?? 0) * 0.9).toFixed(2)}`,
    `/portfolio add ${sym} 1 ${opt}`,
    '/portfolio list',
    `/size ${sym}`,
    `/size ${sym} ${opt} premium=1.5`,
    '/risk',
    '/pnl',
    `/alerts add ${sym} move 5`,
    '/status',
  ];
  for (const line of lines) {
    asked.push(line);
    replies.push(await bot.exec(line));
  }
}, 180_000);

afterAll(async () => {
  await bot?.close();
  await proxy?.close();
  await fakes?.close();
});

describe('--json when live Yahoo leaves fields out', () => {
  it('every reply keeps to the contract', () => {
    expect(contractIssues(replies)).toEqual([]);
  });

  it('fails only where a missing field leaves nothing to show, in one sentence', () => {
    expect(replies.flatMap((r, i) => (r.ok ? [] : [`${asked[i]} → ${r.error?.code}: ${r.error?.message}`]))).toEqual([]);
  });

  it('/quote without a previous close leaves those fields out', () => {
    const q = printed(replies[1] as Reply) as Record<string, unknown>;
    expect(q).toMatchObject({ source: 'Yahoo Finance', stale: false });
    for (const f of ['previousClose', 'marketCap', 'volume', 'avgVolume', 'name']) expect(q, f).not.toHaveProperty(f);
  });

  it('/quote without a change or a previous close says n/a, not a made-up 0 (fixed on main in 0c42cf8)', () => {
    const q = printed(replies[1] as Reply) as Record<string, unknown>;
    expect([q.change, q.changePercent]).toEqual([null, null]);
  });

  it('/greeks without bids and asks: no contract priced from a mid it does not have', () => {
    const d = printed(replies[0] as Reply) as GreeksData;
    expect(d.contracts.length).toBeGreaterThan(0);
    for (const c of d.contracts) {
      expect([c.bid, c.ask, c.openInterest]).toEqual([null, null, null]);
      expect(c.ivBasis).not.toBe('mid');
    }
  });
});
