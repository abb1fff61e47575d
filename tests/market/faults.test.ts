/**
 * Fault tests against a local fake Yahoo reached through YAHOO_BASE_URL, with the real
 * yahoo-finance2 client in between: 429 bursts, 500s, timeouts, malformed JSON, schema drift,
 * an expired crumb, the circuit breaker. The fake's request log is the referee for rate limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig, MarketDataError, type MarketGateway } from '../../src/market/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { fakePrice, startFakeYahoo, type FakeYahoo, type FakeYahooOptions } from './helpers/fakeYahoo.js';
import { maxInWindow } from './helpers/server.js';

const LIMIT = { requests: 4, perSeconds: 0.5, concurrency: 2 };
let fake: FakeYahoo | undefined;
let store: Store | undefined;
let gw: MarketGateway | undefined;
const clock = manualClock(new Date('2026-03-02T15:00:00Z'));

async function setup(fakeOpts: FakeYahooOptions, overrides: Record<string, unknown> = {}): Promise<{ fake: FakeYahoo; gw: MarketGateway }> {
  fake = await startFakeYahoo(fakeOpts);
  store = await openStore('memory://');
  const cfg = DataConfig.parse({
    source: 'yahoo',
    yahooBaseUrl: fake.url,
    rateLimits: { yahoo: LIMIT },
    retry: { retries: 3, minDelayMs: 20, maxDelayMs: 200 },
    timeoutMs: 300,
    universe: { nasdaq: false },
    ...overrides,
  });
  gw = await createMarketData(cfg, { store, clock, logger: silentLogger });
  return { fake, gw };
}

afterEach(async () => {
  await gw?.close();
  await store?.close();
  await fake?.close();
  await getCrumbClear(new ExtendedCookieJar());
  gw = undefined;
  fake = undefined;
});

/** What a user is shown: one sentence, no URL, no payload. */
function expectSentence(err: unknown): MarketDataError {
  expect(err).toBeInstanceOf(MarketDataError);
  const msg = (err as MarketDataError).message;
  expect(msg).toMatch(/^[A-Z0-9][^\n]*\.$/);
  expect(msg).not.toMatch(/https?:|127\.0\.0\.1|[{}]|crumb-/);
  expect(msg.split(/\.\s+[A-Z]/)).toHaveLength(1);
  return err as MarketDataError;
}

describe('fake Yahoo faults', () => {
  it('rides out a burst of 429s and never exceeds the configured rate, even for a burst of commands', async () => {
    const { fake, gw } = await setup({ fault: (_r, n) => (n <= 3 ? 'status429' : 'ok') });
    const symbols = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG', 'HHH', 'III', 'JJJ', 'KKK', 'LLL'];
    const chains = await Promise.all(symbols.map((s) => gw.optionChain(s)));
    expect(chains.map((c) => c.symbol)).toEqual(symbols);
    expect(chains[0]?.spot).toBe(fakePrice('AAA'));
    expect(fake.log.filter((r) => r.path.startsWith('/v7/finance/options/'))).toHaveLength(symbols.length + 3);
    expect(
      maxInWindow(
        fake.log.map((r) => r.at),
        LIMIT.perSeconds * 1000,
      ),
    ).toBeLessThanOrEqual(LIMIT.requests);
    expect(gw.status()[0]).toMatchObject({ id: 'yahoo', healthy: true, budgetLeft: expect.any(Number), limit: LIMIT });
  });

  it('turns persistent 500s into one sentence after a bounded number of retries', async () => {
    const { fake, gw } = await setup({ fault: () => 'status500' });
    const err = expectSentence(await gw.quotes(['ABC']).catch((e: unknown) => e));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe('Yahoo Finance is having trouble right now (HTTP 500); try again shortly.');
    expect(fake.dataRequests()).toHaveLength(4);
    expect(gw.status()[0]).toMatchObject({ healthy: false, lastError: { message: err.message } });
  });

  it('serves cached data marked stale, with its original as-of time, when Yahoo fails later', async () => {
    let failing = false;
    const { gw } = await setup({ fault: () => (failing ? 'status500' : 'ok') }, { retry: { retries: 0 } });
    const fresh = await gw.fundamentals('ABC');
    const [quote] = await gw.quotes(['ABC']);
    failing = true;
    clock.advance(25 * 3_600_000);
    const stale = await gw.fundamentals('ABC');
    expect(stale.stamp).toMatchObject({ stale: true, asOf: fresh.stamp.asOf });
    expect(stale.floatShares).toBe(fresh.floatShares);
    const [staleQuote] = await gw.quotes(['ABC']);
    expect(staleQuote?.stamp).toMatchObject({ stale: true, asOf: quote?.stamp.asOf });
    expect(staleQuote?.price).toBe(fakePrice('ABC'));
    // Nothing cached for this one: a clear error instead.
    expectSentence(await gw.fundamentals('XYZ').catch((e: unknown) => e));
  });

  it('times out a hanging server with a clear sentence', async () => {
    const { gw } = await setup({ fault: () => 'hang' }, { retry: { retries: 1, minDelayMs: 10, maxDelayMs: 20 } });
    const err = expectSentence(await gw.optionChain('ABC').catch((e: unknown) => e));
    expect(err).toMatchObject({ code: 'TIMEOUT', message: 'Yahoo Finance did not answer within a second.' });
  });

  it('reports malformed JSON as unreadable data', async () => {
    const { gw } = await setup({ fault: () => 'malformed' }, { retry: { retries: 1, minDelayMs: 10, maxDelayMs: 20 } });
    const err = expectSentence(await gw.quotes(['ABC']).catch((e: unknown) => e));
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', message: 'Yahoo Finance sent a quote for ABC that the bot could not read.' });
  });

  it('refuses data whose needed fields drifted (FailedYahooValidationError), without retrying', async () => {
    const { fake, gw } = await setup({ fault: () => 'drift' });
    const err = expectSentence(await gw.quotes(['ABC']).catch((e: unknown) => e));
    expect(err).toMatchObject({
      code: 'BAD_RESPONSE',
      message: 'Yahoo Finance sent a quote for ABC in a shape the bot does not recognise, so it was not used.',
    });
    expect(fake.dataRequests()).toHaveLength(1);
  });

  it('still answers when only a field it does not use drifted', async () => {
    const { gw } = await setup({ fault: () => 'driftHarmless' });
    const [q] = await gw.quotes(['ABC']);
    expect(q?.price).toBe(fakePrice('ABC'));
  });

  it('clears an expired crumb and retries', async () => {
    const { fake, gw } = await setup({});
    await gw.quotes(['ABC']);
    expect(fake.crumbRequests()).toBe(1);
    fake.rotateCrumb();
    const [q] = await gw.quotes(['XYZ']);
    expect(q?.price).toBe(fakePrice('XYZ'));
    expect(fake.crumbRequests()).toBe(2);
  });

  it('opens the circuit after repeated failures and stops calling Yahoo', async () => {
    const { fake, gw } = await setup({ fault: () => 'status500' }, { retry: { retries: 0 }, breaker: { failures: 2, cooldownSeconds: 60 } });
    await gw.fundamentals('AAA').catch(() => undefined);
    await gw.fundamentals('BBB').catch(() => undefined);
    const before = fake.dataRequests().length;
    const err = expectSentence(await gw.fundamentals('CCC').catch((e: unknown) => e));
    expect(err.message).toMatch(/^Yahoo Finance has failed repeatedly, so the bot is pausing requests to it for \d+ seconds\.$/);
    expect(fake.dataRequests()).toHaveLength(before);
    expect(gw.status()[0]).toMatchObject({ circuit: 'open', healthy: false });
  });

  it('makes identical concurrent requests once and batches concurrent quote calls', async () => {
    const { fake, gw } = await setup({ latency: () => 30 });
    await Promise.all([gw.fundamentals('ABC'), gw.fundamentals('abc'), gw.fundamentals('ABC')]);
    expect(fake.log.filter((r) => r.path.startsWith('/v10/'))).toHaveLength(1);
    const results = await Promise.all([gw.quotes(['AAA', 'BBB']), gw.quotes(['CCC']), gw.quotes(['AAA', 'DDD'])]);
    expect(results.map((r) => r.map((q) => q.symbol))).toEqual([['AAA', 'BBB'], ['CCC'], ['AAA', 'DDD']]);
    const quoteCalls = fake.log.filter((r) => r.path === '/v7/finance/quote');
    expect(quoteCalls).toHaveLength(1);
    expect(quoteCalls[0]?.query.get('symbols')?.split(',').sort()).toEqual(['AAA', 'BBB', 'CCC', 'DDD']);
  });

  it('a burst of 50 identical quote and option-chain calls makes one request each (single flight), with one crumb', async () => {
    const { fake, gw } = await setup({ latency: () => 40 });
    const [quotes, chains] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, (_, i) => gw.quotes([i % 2 ? 'SMCP' : 'smcp']))),
      Promise.all(Array.from({ length: 50 }, () => gw.optionChain('SMCP'))),
    ]);
    expect(quotes.every((q) => q.length === 1 && q[0]?.price === fakePrice('SMCP'))).toBe(true);
    expect(new Set(chains.map((c) => c.spot))).toEqual(new Set([fakePrice('SMCP')]));
    expect(fake.log.filter((r) => r.path === '/v7/finance/quote')).toHaveLength(1);
    expect(fake.log.filter((r) => r.path.startsWith('/v7/finance/options/'))).toHaveLength(1);
    expect(fake.crumbRequests()).toBe(1);
    // And the next burst is served from cache.
    await Promise.all(Array.from({ length: 50 }, () => gw.optionChain('SMCP')));
    expect(fake.dataRequests()).toHaveLength(2);
  });

  it('gives UNKNOWN_SYMBOL for a symbol Yahoo does not know', async () => {
    const { gw } = await setup({ knows: (s) => s !== 'NOPE' });
    const err = expectSentence(await gw.fundamentals('NOPE').catch((e: unknown) => e));
    expect(err).toMatchObject({ code: 'UNKNOWN_SYMBOL', message: 'Yahoo Finance does not know the symbol NOPE.' });
    expect(await gw.quotes(['NOPE'])).toEqual([]);
    await expect(gw.optionChain('NOOPT')).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL', message: 'Yahoo Finance does not know the symbol NOOPT.' });
  });
});

describe('no network at all', () => {
  it('a Yahoo host that refuses connections reaches the user as one sentence with what to do', async () => {
    const { loadConfig } = await import('../../src/config/index.js');
    const { createMarketData } = await import('../../src/market/index.js');
    const { openStore } = await import('../../src/store/index.js');
    const { manualClock } = await import('../../src/clock.js');
    // Port 9 (discard) on loopback: nothing listens, so every connection is refused at once.
    const config = loadConfig({
      env: { YAHOO_BASE_URL: 'http://127.0.0.1:9' },
      file: false,
      overrides: { data: { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 }, universe: { nasdaq: false, yahooScreeners: [], yahooTrending: null } } },
    });
    const store = await openStore('memory://');
    const market = await createMarketData(config.data, { store, clock: manualClock(new Date('2026-12-01T16:00:00Z')) });
    await expect(market.quotes(['AAPL'])).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Yahoo Finance could not be reached; check the network connection, or start with --demo for the simulated market.',
    });
    await market.close();
    await store.close();
  });
});
