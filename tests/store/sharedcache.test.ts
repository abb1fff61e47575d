import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { commands } from '../../commands/index.js';
import { createServices } from '../../src/app.js';
import { createRouter } from '../../src/chat/router.js';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { startLiveFakes, type LiveFakes } from '../market/helpers/liveFakes.js';
import { sharedStores } from './postgres.helpers.js';

const NOW = new Date('2026-12-01T11:00:00-05:00');
const open: Services[] = [];
let fakes: LiveFakes | undefined;

afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.market.close();
    await s.store.close();
  }
  await getCrumbClear(new ExtendedCookieJar());
  await fakes?.close();
  fakes = undefined;
});

async function replica(storeUrl: string, f: LiveFakes) {
  const env = { MARKET_DATA: 'yahoo', YAHOO_BASE_URL: f.yahoo.url, NASDAQ_BASE_URL: f.nasdaq.url, TICKERS_FILE: '/nonexistent/tickers.txt' };
  const config = loadConfig({ env, file: false, overrides: { store: { url: storeUrl } } });
  const services = await createServices({ config, env, logger: silentLogger, clock: manualClock(NOW) });
  open.push(services);
  const router = createRouter(commands);
  return (line: string) =>
    router.handle(
      { line },
      {
        platform: 'discord',
        tenant: 'discord:guild1',
        user: 'discord:alice',
        channel: 'discord:chan',
        isAdmin: false,
        services,
        progress: async () => undefined,
      },
    );
}

const quoteRequests = (f: LiveFakes, symbol: string) =>
  f.requests().filter((r) => r.path === '/v7/finance/quote' && r.query.get('symbols')?.split(',').includes(symbol));

async function secondReplicaAsksNothing(url: string): Promise<void> {
  fakes = await startLiveFakes({ now: () => NOW, symbols: 50 });
  const symbol = fakes.market[3]?.symbol as string;
  const [a, b] = [await replica(url, fakes), await replica(url, fakes)];
  const first = await a(`/quote ${symbol}`);
  expect(first.ok, JSON.stringify(first.error)).toBe(true);
  expect(quoteRequests(fakes, symbol)).toHaveLength(1);
  const before = fakes.requests().length;
  const second = await b(`/quote ${symbol}`);
  expect(second.ok).toBe(true);
  expect(fakes.requests().length).toBe(before); // not even a crumb step
  expect((second.data as { price: number }).price).toBe((first.data as { price: number }).price);
  expect((second.data as { price: number }).price).toBe(fakes.market[3]?.price);
}

describe('quotes shared by replicas', () => {
  const stores = sharedStores('sharedcache');

  it('on one SQLite file: the second replica answers /quote from the store', async () => {
    await secondReplicaAsksNothing(stores.sqlite('store.sqlite'));
  }, 30_000);

  it('on PostgreSQL: the second replica answers /quote from the store', async () => {
    await secondReplicaAsksNothing(await stores.postgres('sharedcache'));
  }, 30_000);

  it('on an in-memory store (one process) quotes stay in each process: the second asks Yahoo', async () => {
    fakes = await startLiveFakes({ now: () => NOW, symbols: 50 });
    const symbol = fakes.market[3]?.symbol as string;
    const [a, b] = [await replica('memory://', fakes), await replica('memory://', fakes)];
    expect((await a(`/quote ${symbol}`)).ok).toBe(true);
    expect((await b(`/quote ${symbol}`)).ok).toBe(true);
    expect(quoteRequests(fakes, symbol)).toHaveLength(2);
  }, 30_000);
});
