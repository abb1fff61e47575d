/**
 * The start-up warm-up of the option analysis (src/options/warmup.ts): it runs the real analysis
 * (American prices, IV from the mid, Greeks) and gets right answers, it reads the risk-free rate on
 * the simulated market so the first option reply finds it cached, and on a live market it sends no
 * request at all (a provider's rate budget is for users' commands).
 */
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { afterEach, describe, expect, it } from 'vitest';
import { RATES_NS } from '../../src/options/rate.js';
import { warmOptionAnalysis, warmUp } from '../../src/options/warmup.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { botOver, type MarketBot } from './helpers/bot.js';
import { startFakeYahoo, type FakeYahoo } from './helpers/fakeYahoo.js';

let fake: FakeYahoo | undefined;
let bot: MarketBot | TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  await fake?.close();
  await getCrumbClear(new ExtendedCookieJar());
  bot = fake = undefined;
});

describe('option analysis warm-up', () => {
  it('solves the IV of every synthetic contract with time value back to the vol it was priced at', async () => {
    const r = await warmOptionAnalysis();
    expect(r.contracts).toBeGreaterThan(80);
    // Deep in-the-money contracts within a tick of intrinsic have no IV by the quote rule; the rest do.
    expect(r.solved).toBeGreaterThan(0.8 * r.contracts);
    expect(r.maxVolError).toBeLessThan(1e-9);
  });

  it('leaves the simulated market’s risk-free rate cached for the day, as the first option reply would', async () => {
    const b = await createTestBot();
    bot = b;
    const kv = b.services.store.ns<{ date: string; rate?: { kind: string } }>(RATES_NS);
    expect(await kv.get('tbill:simulated market')).toBeUndefined();
    await warmUp(b.services);
    const stored = await kv.get('tbill:simulated market');
    expect(stored?.date).toBe('2026-12-01');
    expect(stored?.rate?.kind).toBe('market');
  });

  it('sends no request to a live provider', async () => {
    fake = await startFakeYahoo({ knows: () => true, prices: { '^IRX': 4.235 } });
    const b = await botOver({ source: 'yahoo', yahooBaseUrl: fake.url, universe: { nasdaq: false }, retry: { retries: 0 } }, new Date('2025-02-21T21:00:02Z'));
    bot = b;
    await warmUp(b.services);
    expect(fake.dataRequests()).toHaveLength(0);
    // The bot still answers from the provider afterwards: the warm-up did not disturb the gateway.
    expect((await b.exec('/quote CRON')).ok).toBe(true);
    expect(fake.dataRequests().length).toBeGreaterThan(0);
  });
});
