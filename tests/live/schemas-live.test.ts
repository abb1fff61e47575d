/**
 * The `--json` contract on LIVE data (tests/commands/schemas.test.ts holds it on the simulated
 * market): the same command list through the router with MARKET_DATA=yahoo against the live fakes
 * (NASDAQ listing + Yahoo over a few thousand symbols, bodies in the recorded shapes, read by the
 * real yahoo-finance2 client), then the scheduler's morning post, stop-loss alert and end-of-day
 * summary. Every success's data validates strictly against its command's schema after a JSON
 * round trip; every failure is one sentence with a stable code. The fakes' budget is raised: the
 * shapes are the point here, Yahoo's budget is tests/live/scan.test.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { GreeksData } from '../../commands/schemas/greeks.js';
import { statusData } from '../../commands/schemas/status.js';
import type { Reply } from '../../src/chat/reply.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { contractLines, driveScheduler } from '../helpers/contract-session.js';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';
import { contractIssues, DOCUMENTED_CODES, liveBot, printed, type LiveBot, type Who } from './helpers/contract.js';

const who: Who = { tenant: CONSOLE_TENANT, user: 'console:user', channel: 'console:main', platform: 'console', isAdmin: true };
const NOW = new Date('2026-12-01T09:40:00-05:00');

let fakes: LiveFakes;
let bot: LiveBot;
const replies: Reply[] = [];
const scheduled: Reply[] = [];

beforeAll(async () => {
  fakes = await startLiveFakes({ now: () => bot?.clock.now() ?? NOW, symbols: 2_500, limit: 100_000, latency: () => 2 });
  bot = await liveBot({ MARKET_DATA: 'yahoo', YAHOO_BASE_URL: fakes.yahoo.url, NASDAQ_BASE_URL: fakes.nasdaq.url }, NOW, {
    data: { rateLimits: { yahoo: { requests: 2_000, perSeconds: 60, concurrency: 4 } } },
  });
  const stock = fakes.market.find((s) => s.optionable && s.price > 5 && s.price < 40 && s.marketCap > 3e8 && s.marketCap < 2e9);
  if (!stock) throw new Error('no optionable small cap in the live fake market');
  const sym = stock.symbol;
  const greeks = await bot.exec(`/greeks ${sym}`, who);
  replies.push(greeks);
  const chain = greeks.data as GreeksData;
  const call = chain.contracts.find((c) => c.type === 'call' && c.strike >= chain.spot) ?? chain.contracts[0];
  const opt = `${chain.expiry} ${call?.strike} call`;
  const lines = [
    // /greeks of the symbol ran first: its chain gives the option the other lines use.
    ...contractLines({ sym, price: stock.price, opt, other: chain.expiries[1] ?? (chain.expiries[0] as string), notes: 'live' }).filter(
      (l) => l !== `/greeks ${sym}`,
    ),
    // Live failure shapes: a listed symbol without options, a symbol Yahoo does not know, an expiry not listed.
    `/greeks ${fakes.market.find((s) => !s.optionable)?.symbol}`,
    '/quote ZZZQX',
    '/greeks ZZZQX',
    `/greeks ${sym} 2026-12-02`,
  ];
  for (const line of lines) replies.push(await bot.exec(line, who));

  await driveScheduler(bot, '2026-12-01', scheduled);
  replies.push(await bot.exec('/track', who));
  replies.push(await bot.exec('/status', who));
}, 240_000);

afterAll(async () => {
  await bot?.close();
  await fakes?.close();
});

describe('--json on live data (Yahoo + NASDAQ fakes)', () => {
  it('answers every command, and fails only where the data says so', () => {
    const ok = new Set(replies.filter((r) => r.ok).map((r) => r.command));
    expect(ok).toEqual(new Set(commands.map((c) => c.name)));
    const failed = replies.filter((r) => !r.ok).map((r) => `${r.command}:${r.error?.code}`);
    expect(failed).toEqual(['greeks:NO_OPTIONS', 'quote:UNKNOWN_SYMBOL', 'greeks:UNKNOWN_SYMBOL', 'greeks:UNKNOWN_EXPIRY']);
  });

  it('every reply keeps to the contract: data valid against the strict schema, failures one coded sentence', () => {
    expect(contractIssues(replies)).toEqual([]);
  });

  it('the contract check fails on drift (it can fail)', () => {
    const quote = replies.find((r) => r.command === 'quote' && r.ok) as Reply;
    const drifted = { ...quote, data: { ...(printed(quote) as object), extra: 1 } };
    expect(contractIssues([drifted])).toEqual(['reply /quote : Unrecognized key: "extra"']);
    const crashed = { ...quote, ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } };
    expect(contractIssues([crashed])).toEqual(['reply /quote failed: code INTERNAL']);
    const undocumented = { ...quote, ok: false, error: { code: 'NO_QUOTE', message: 'No quote.' } };
    expect(contractIssues([undocumented])).toEqual(['reply /quote failed: code NO_QUOTE']);
    const rambling = { ...quote, ok: false, error: { code: 'UNAVAILABLE', message: 'Yahoo failed. Try again at https://finance.yahoo.com' } };
    expect(contractIssues([rambling])).toEqual(['reply /quote failed: not one sentence: Yahoo failed. Try again at https://finance.yahoo.com']);
    expect(DOCUMENTED_CODES).toContain('UNKNOWN_SYMBOL');
    expect(DOCUMENTED_CODES.size).toBeGreaterThan(30);
  });

  it('/quote and /greeks name Yahoo as the source, delayed, not simulated', () => {
    for (const name of ['quote', 'greeks']) {
      const d = printed(replies.find((r) => r.command === name && r.ok) as Reply);
      expect(d, name).toMatchObject({ source: 'Yahoo Finance', delayed: true, simulated: false });
    }
  });

  it('/status on live data carries the budget and the listings', () => {
    const d = statusData.parse(printed(replies.findLast((r) => r.command === 'status') as Reply));
    expect(d.mode).toBe('Yahoo Finance');
    expect(d.budget?.limit).toEqual({ requests: 2_000, perSeconds: 60, concurrency: 4 });
    expect(d.providers.map((p) => p.id)).toContain('yahoo');
  });

  it('the live replies that validated carry the nested shapes: chain contracts, picks with option ideas, priced positions', () => {
    const greeks = printed(replies.find((r) => r.command === 'greeks' && r.ok) as Reply) as GreeksData;
    expect(greeks.contracts.length).toBeGreaterThan(4);
    expect(greeks.contracts.some((c) => c.iv !== null && c.delta !== null)).toBe(true);
    const scan = printed(replies.find((r) => r.command === 'scan') as Reply) as { picks: Array<{ option?: object }> };
    expect(scan.picks.some((p) => p.option)).toBe(true);
    const list = printed(replies.find((r) => r.command === 'portfolio' && (r.data as { action?: string }).action === 'list') as Reply) as {
      positions: Array<{ option: object | null; mark: number | null; greeks: object | null }>;
    };
    expect(list.positions.map((p) => [p.option !== null, p.mark !== null, p.greeks !== null])).toEqual([
      [false, true, true],
      [true, true, true],
    ]);
  });

  it('a live scan caps its deep stages and says what set the cap (funnel[].why, once missing from the schema)', () => {
    const d = printed(replies.find((r) => r.command === 'scan') as Reply) as { funnel: Array<{ stage: string; capped?: number; why?: string }> };
    const capped = d.funnel.filter((f) => f.capped);
    expect(capped.length).toBeGreaterThan(0);
    for (const f of capped) expect(['budget', 'depth'], f.stage).toContain(f.why);
  });
});

describe('scheduled posts and alerts on live data', () => {
  it('the morning post, the end-of-day summary and the stop-loss alert validate', () => {
    expect(scheduled.map((r) => `${r.kind}:${r.command}`)).toEqual(expect.arrayContaining(['post:morning', 'post:eod', 'alert:alert']));
    expect(contractIssues(scheduled)).toEqual([]);
  });
});
