/**
 * /quote and /greeks as a user runs them in replay mode: the whole bot (config → services →
 * router → commands/) over MARKET_DATA=replay:<../shared/fixtures/yahoo>, the recorded Yahoo
 * responses going through the real yahoo-finance2 client. Expected values are read off the
 * recordings (quote-AAPL.json, options-AAPL.json, options-CRON.json, options-EPAC.json).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { americanPrice } from '../../src/core/options/index.js';
import { yearsToExpiry } from '../../src/market/expiry.js';
import { botOver, type MarketBot } from './helpers/bot.js';
import { FIXTURES_DIR } from './helpers/fixtures.js';

/**
 * The option chains were recorded as of the 2025-02-21 close (regularMarketTime 1740171602); the
 * bot's clock stands there so time to expiry is measured from the data's own time.
 */
const CHAIN_AS_OF = '2025-02-21T21:00:02.000Z';

interface GreeksContract {
  type: 'call' | 'put';
  strike: number;
  expiry: string;
  bid: number | null;
  ask: number | null;
  iv: number | null;
  ivBasis: string;
  lastTradeAt: string | null;
  naReason: string | null;
  delta: number | null;
  gamma: number | null;
  theta: number | null;
  vega: number | null;
  rho: number | null;
  junk: string[];
}
interface GreeksData {
  symbol: string;
  spot: number;
  asOf: string;
  source: string;
  delayed: boolean;
  stale: boolean;
  expiry: string;
  expiries: string[];
  rate: number;
  dividendYield: number;
  contracts: GreeksContract[];
}

const twoSided = (c: GreeksContract): boolean => (c.bid ?? 0) > 0 && (c.ask ?? 0) > 0;

/** One sentence for a user: capital start, full stop end, no URL, path or payload. */
function expectSentence(message: string | undefined): void {
  expect(message).toMatch(/^[A-Z][^\n]*\.$/);
  expect(message).not.toMatch(/https?:|\/v\d+\/|[{}]|fixtures/);
  expect(message?.split(/\.\s+[A-Z]/)).toHaveLength(1);
}

let bot: MarketBot;
beforeAll(async () => {
  bot = await botOver({ source: `replay:${FIXTURES_DIR}` }, new Date(CHAIN_AS_OF));
});
afterAll(async () => bot.close());

describe('/quote in replay mode', () => {
  it('/quote AAPL gives the recorded price, change and time, from Yahoo Finance, delayed', async () => {
    const r = await bot.exec('/quote AAPL');
    expect(r.ok).toBe(true);
    // quote-AAPL.json: regularMarketPrice 244.6, regularMarketChange 3.0700073, regularMarketTime 1739566800
    expect(r.data).toMatchObject({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      price: 244.6,
      change: 3.0700073,
      changePercent: 1.2710667,
      previousClose: 241.53,
      asOf: '2025-02-14T21:00:00.000Z',
      source: 'Yahoo Finance',
      delayed: true,
      stale: false,
      simulated: false,
    });
    expect(r.footer).toContain('Yahoo Finance');
    expect(r.footer).toContain('2025-02-14 16:00 ET');
    expect(r.footer).toMatch(/delayed 15 min/);
  });

  it('/quote of a symbol Yahoo answered as unknown (SIX) says so in one sentence', async () => {
    const r = await bot.exec('/quote SIX');
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('UNKNOWN_SYMBOL');
    expectSentence(r.error?.message);
  });

  it('/quote of a symbol nobody recorded gives one clear sentence, not a crash', async () => {
    const r = await bot.exec('/quote ZZZZ');
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ code: 'UNAVAILABLE', message: 'The replay recordings have no Yahoo Finance answer for a quote of ZZZZ.' });
    expectSentence(r.error?.message);
  });
});

describe('/greeks in replay mode', () => {
  it('/greeks AAPL on the first recorded expiry: two-sided quotes get finite IV and Greeks that reprice the mid', async () => {
    const r = await bot.exec('/greeks AAPL 2025-02-28 all=true');
    expect(r.ok).toBe(true);
    const d = r.data as GreeksData;
    // options-AAPL.json: quote.regularMarketPrice 245.55, first expirationDate 1740700800 (2025-02-28)
    expect(d).toMatchObject({ symbol: 'AAPL', spot: 245.55, asOf: CHAIN_AS_OF, source: 'Yahoo Finance', delayed: true, stale: false, expiry: '2025-02-28' });
    expect(d.expiries[0]).toBe('2025-02-28');
    expect(d.contracts.length).toBeGreaterThan(50);
    expect(d.contracts.every((c) => c.expiry === '2025-02-28')).toBe(true);
    const quoted = d.contracts.filter(twoSided);
    // Recorded on a weekend: only the deep in-the-money 110 call still has a bid and an ask (135.90 / 136.65).
    expect(quoted.map((c) => [c.type, c.strike])).toEqual([['call', 110]]);
    const years = yearsToExpiry('2025-02-28', new Date(CHAIN_AS_OF));
    for (const c of quoted) {
      expect(c.ivBasis).toBe('mid');
      for (const g of [c.iv, c.delta, c.gamma, c.theta, c.vega, c.rho]) expect(Number.isFinite(g)).toBe(true);
      expect(c.iv).toBeGreaterThan(0);
      expect(c.delta).toBeGreaterThan(0);
      expect(c.delta).toBeLessThanOrEqual(1);
      expect(c.gamma).toBeGreaterThan(0);
      expect(c.vega).toBeGreaterThan(0);
      // The solved IV reproduces the recorded mid under the American model.
      const mid = ((c.bid as number) + (c.ask as number)) / 2;
      const price = americanPrice({ type: c.type, spot: d.spot, strike: c.strike, years, rate: d.rate, dividendYield: d.dividendYield, vol: c.iv as number });
      expect(Math.abs(price - mid)).toBeLessThan(0.02);
    }
    // quoteSummary-summaryDetail-AAPL.json: dividendYield 0.0041 (simple) → continuous
    expect(d.dividendYield).toBeCloseTo(Math.log1p(0.0041), 8);
  });

  it('/greeks CRON (default expiry is the recorded 2025-03-21): a mid below intrinsic gets no IV, never a made-up one', async () => {
    const r = await bot.exec('/greeks CRON all=true');
    expect(r.ok).toBe(true);
    const d = r.data as GreeksData;
    expect(d).toMatchObject({ symbol: 'CRON', spot: 1.97, expiry: '2025-03-21', source: 'Yahoo Finance', asOf: '2025-02-21T21:00:00.000Z' });
    // options-CRON.json: 8 calls and 3 puts on 2025-03-21; the only two-sided one is the 3 put, 0.95 / 1.05,
    // whose mid 1.00 is below its exercise value 3 − 1.97 = 1.03.
    expect(d.contracts).toHaveLength(11);
    const [put] = d.contracts.filter(twoSided);
    expect(put).toMatchObject({ type: 'put', strike: 3, bid: 0.95, ask: 1.05, iv: null, delta: null });
    expect(put?.junk).toContain('below intrinsic');
  });

  it('/greeks CRON: without a two-sided quote only a last trade from the current or previous session prices IV, marked with its time', async () => {
    const r = await bot.exec('/greeks CRON all=true');
    const d = r.data as GreeksData;
    // The recording is of Friday 2025-02-21 after the close: the current session is that day, the previous one
    // opened Thursday 2025-02-20 09:30 ET. options-CRON.json's 2025-03-21 trades are older than that except
    // where the row says otherwise: none of those may carry an IV.
    const floor = Date.parse('2025-02-20T14:30:00Z');
    const fromLast = d.contracts.filter((c) => c.ivBasis === 'last');
    for (const c of fromLast) expect(Date.parse(c.lastTradeAt as string)).toBeGreaterThanOrEqual(floor);
    const old = d.contracts.filter((c) => !twoSided(c) && c.ivBasis === 'none');
    expect(old.length).toBeGreaterThan(0);
    for (const c of old) {
      expect([c.iv, c.delta, c.gamma, c.theta, c.vega]).toEqual([null, null, null, null, null]);
      expect(c.naReason).toMatch(/older than the previous session|no last trade|undated/);
    }
    // The recorded 4 call last traded 100 days earlier (IV 172 % before this rule): now n/a.
    const four = d.contracts.find((c) => c.type === 'call' && c.strike === 4);
    expect(four?.iv).toBeNull();
    const marked = (r.tables ?? []).flatMap((t) => t.rows).filter((row) => /last trade \d{4}-\d\d-\d\d \d\d:\d\d/.test(row.at(-1) ?? ''));
    expect(marked).toHaveLength(fromLast.length);
  });

  it('/greeks EPAC (no two-sided quote recorded) still answers, with every contract marked', async () => {
    const r = await bot.exec('/greeks EPAC all=true');
    expect(r.ok).toBe(true);
    const d = r.data as GreeksData;
    expect(d).toMatchObject({ symbol: 'EPAC', spot: 45.46, expiry: '2025-03-21' });
    expect(d.contracts.length).toBeGreaterThan(0);
    expect(d.contracts.filter(twoSided)).toEqual([]);
    for (const c of d.contracts) {
      expect(c.ivBasis).not.toBe('mid');
      expect(c.junk.length).toBeGreaterThan(0);
    }
  });

  it('/greeks of a symbol nobody recorded gives one clear sentence', async () => {
    const r = await bot.exec('/greeks ZZZZ');
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ code: 'UNAVAILABLE', message: 'The replay recordings have no Yahoo Finance answer for the ZZZZ option chain.' });
  });

  it('/greeks on an expiry AAPL does not list names the listed ones', async () => {
    const r = await bot.exec('/greeks AAPL 2025-02-27');
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('UNKNOWN_EXPIRY');
    expect(r.error?.message).toMatch(/^AAPL has no .*2025-02-27.*: 2025-02-28, 2025-03-07, .*2027-06-17\.$/);
    expectSentence(r.error?.message);
  });

  it('/greeks AAPL without an expiry falls back to the recorded nearest chain and says why', async () => {
    // The default expiry (20–70 days out from the data's as-of: 2025-03-14) was never recorded; the
    // nearest chain (2025-02-28) is in hand, so the reply shows it with a note instead of failing.
    const r = await bot.exec('/greeks AAPL');
    expect(r.ok).toBe(true);
    const d = r.data as GreeksData & { expiry: string; note?: string };
    expect(d.expiry).toBe('2025-02-28');
    expect(d.contracts.length).toBeGreaterThan(0);
    expect(d.note).toMatch(/^The 2025-03-14 chain .* could not be fetched .*; showing the nearest expiry instead\.$/);
  });

  it("/greeks measures time to expiry from the data's as-of time, not the bot's clock", async () => {
    // Same recording read with the bot's clock 3 days later: the 110 call's IV must not change.
    const at = await bot.exec('/greeks AAPL 2025-02-28 110 call');
    bot.clock.advance(3 * 86_400_000);
    const later = await bot.exec('/greeks AAPL 2025-02-28 110 call');
    bot.clock.advance(-3 * 86_400_000);
    const iv = (r: typeof at) => (r.data as GreeksData).contracts[0]?.iv;
    expect(iv(at)).toBeGreaterThan(0);
    expect(iv(later)).toBe(iv(at));
    expect(at.title).toContain('(7 days)');
  });
});

describe('the console bot in replay mode (npm start -- --json, piped)', () => {
  it('answers /quote and /greeks from the recordings as JSON lines', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--json'], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          STORE_URL: 'memory://',
          MARKET_DATA: `replay:${FIXTURES_DIR}`,
          TRACKER_CLOCK: CHAIN_AS_OF,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end('/quote AAPL\n/greeks AAPL 2025-02-28 all=true\n/quote ZZZZ\n');
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; command: string; data?: Record<string, unknown>; error?: { code: string } });
    const replies = lines.filter((l) => l.command);
    expect(replies.map((l) => [l.command, l.ok])).toEqual([
      ['quote', true],
      ['greeks', true],
      ['quote', false],
    ]);
    expect(replies[0]?.data).toMatchObject({ symbol: 'AAPL', price: 244.6, source: 'Yahoo Finance', delayed: true, asOf: '2025-02-14T21:00:00.000Z' });
    const greeks = replies[1]?.data as unknown as GreeksData;
    expect(greeks.contracts.filter(twoSided).every((c) => Number.isFinite(c.iv) && Number.isFinite(c.delta))).toBe(true);
    expect(replies[2]?.error?.code).toBe('UNAVAILABLE');
  }, 60_000);
});
