/**
 * The `--json` contract on RECORDED Yahoo data: MARKET_DATA=replay:<../shared/fixtures/yahoo>, real
 * Yahoo Finance responses (weekend chains with missing bids, stale last trades, unknown symbols,
 * symbols nobody recorded) through the real yahoo-finance2 client, every command through the
 * router. Successes validate strictly against their schemas after a JSON round trip; failures are
 * one sentence with a stable code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusData } from '../../commands/schemas/status.js';
import type { Reply } from '../../src/chat/reply.js';
import { driveScheduler } from '../helpers/contract-session.js';
import { FIXTURES_DIR } from '../market/helpers/fixtures.js';
import { contractIssues, liveBot, printed, type LiveBot } from './helpers/contract.js';

/** The recorded chains' as-of: Friday 2025-02-21 after the close (options-AAPL.json regularMarketTime 1740171602). */
const CHAIN_AS_OF = new Date('2025-02-21T21:00:02.000Z');

let bot: LiveBot;
const replies: Reply[] = [];
const asked: string[] = [];
const scheduled: Reply[] = [];

beforeAll(async () => {
  bot = await liveBot({ MARKET_DATA: `replay:${FIXTURES_DIR}` }, CHAIN_AS_OF);
  const lines = [
    '/help',
    '/quote AAPL',
    '/quote CRON',
    '/greeks AAPL 2025-02-28 all=true',
    '/greeks AAPL',
    '/greeks CRON all=true',
    '/greeks EPAC all=true',
    '/greeks CRON 2025-03-21 put',
    '/scan limit=3',
    '/watch add CRON',
    '/watch list',
    '/status',
    '/schedule',
    '/settings',
    '/portfolio add AAPL 10 250 stop=240',
    '/portfolio add AAPL 1 2025-02-28 110 call',
    '/portfolio list',
    '/portfolio show P1',
    '/size AAPL',
    '/size AAPL 2025-02-28 110 call premium=136.25',
    '/risk',
    '/alerts',
    '/alerts add AAPL above 300',
    '/alerts list',
    '/portfolio close P1 5',
    '/pnl',
    '/track',
    // What recordings cannot answer, and what Yahoo answered as unknown.
    '/quote SIX',
    '/quote ZZZZ',
    '/greeks ZZZZ',
    '/greeks AAPL 2025-02-27',
    '/portfolio add ZZZZ 10 5',
  ];
  for (const line of lines) {
    asked.push(line);
    replies.push(await bot.exec(line));
  }
  // The scheduler over the recordings: Monday's morning post, intraday check and end-of-day summary.
  await driveScheduler(bot, '2025-02-24', scheduled);
}, 180_000);

afterAll(async () => bot?.close());

describe('--json on recorded Yahoo responses (replay mode)', () => {
  it('every reply keeps to the contract: data valid against the strict schema, failures one coded sentence', () => {
    expect(contractIssues(replies)).toEqual([]);
  });

  it('fails only where the recordings have no answer, with the codes a script can rely on', () => {
    const failed = replies.flatMap((r, i) => (r.ok ? [] : [[asked[i], r.error?.code]]));
    expect(failed).toEqual([
      // options-AAPL.json is the chain asked without a date; nobody recorded the request naming 2025-02-28.
      ['/portfolio add AAPL 1 2025-02-28 110 call', 'UNAVAILABLE'],
      // The year of daily bars VaR needs was never recorded.
      ['/risk', 'UNAVAILABLE'],
      ['/quote SIX', 'UNKNOWN_SYMBOL'],
      ['/quote ZZZZ', 'UNAVAILABLE'],
      ['/greeks ZZZZ', 'UNAVAILABLE'],
      ['/greeks AAPL 2025-02-27', 'UNKNOWN_EXPIRY'],
      ['/portfolio add ZZZZ 10 5', 'UNAVAILABLE'],
    ]);
  });

  it('a missing recording is not a failing Yahoo: it never pauses the provider (the circuit stays closed)', () => {
    const paused = replies.filter((r) => /failed repeatedly/.test(r.error?.message ?? ''));
    expect(paused).toEqual([]);
    const yahoo = statusData.parse(printed(replies.find((r) => r.command === 'status') as Reply)).providers.find((p) => p.id === 'yahoo');
    expect(yahoo).toMatchObject({ healthy: true, circuit: 'closed' });
  });

  it('scheduled posts over the recordings keep to their schemas', () => {
    expect(scheduled.map((r) => `${r.kind}:${r.command}`)).toEqual(expect.arrayContaining(['post:morning', 'post:eod']));
    expect(contractIssues(scheduled)).toEqual([]);
  });

  it('/status after Friday’s close: market closed, the next open Monday 09:30 ET', () => {
    const d = statusData.parse(printed(replies.find((r) => r.command === 'status') as Reply));
    expect(d).toMatchObject({ marketOpen: false, nextOpen: '2025-02-24T14:30:00.000Z' });
  });
});

describe('what `npm start -- --json` really prints (replay mode, piped)', () => {
  it('each line is a reply that keeps to the contract', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--json'], {
        cwd: fileURLToPath(new URL('../../', import.meta.url)),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          STORE_URL: 'memory://',
          MARKET_DATA: `replay:${FIXTURES_DIR}`,
          TRACKER_CLOCK: CHAIN_AS_OF.toISOString(),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(stdout));
      child.stdin.end('/quote AAPL\n/greeks CRON\n/status\n/portfolio add AAPL 10 250\n/portfolio\n/quote ZZZZ\n/nosuch\n');
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Reply);
    expect(lines.map((l) => [l.command, l.ok])).toEqual([
      ['quote', true],
      ['greeks', true],
      ['status', true],
      ['portfolio', true],
      ['portfolio', true],
      ['quote', false],
      ['nosuch', false],
    ]);
    expect(contractIssues(lines)).toEqual([]);
  }, 60_000);
});
