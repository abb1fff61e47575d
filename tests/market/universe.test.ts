/** NASDAQ screener (documented download shape) + the user's ticker list, cached daily in the store. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig, type MarketGateway } from '../../src/market/index.js';
import { mapScreenerRows } from '../../src/market/universe/nasdaq.js';
import { parseTickers } from '../../src/market/universe/tickers.js';
import { openStore, type Store } from '../../src/store/index.js';
import { json, startServer, type FakeServer } from './helpers/server.js';

const rows = [
  { symbol: 'SMCP', name: 'Small Cap Corp Common Stock ', lastsale: '$2.52', netchange: '0.12', pctchange: '5.0%', volume: '1200000', marketCap: '312000000.00', country: 'United States', ipoyear: '2019', industry: 'Biotechnology', sector: 'Health Care', url: '/market-activity/stocks/smcp' },
  { symbol: 'BRK/A', name: 'Berkshire Hathaway Inc.', lastsale: '$712,000.00', netchange: '10', pctchange: '0.1%', volume: '120', marketCap: '1,030,000,000,000', country: 'United States', ipoyear: '', industry: 'Insurance', sector: 'Finance', url: '' },
  { symbol: 'ABC^A', name: 'ABC Preferred', lastsale: '$25.00', netchange: '0', pctchange: '0%', volume: '100', marketCap: '', country: '', ipoyear: '', industry: '', sector: '', url: '' },
  { symbol: 'NOCAP', name: 'No Cap Inc', lastsale: '$1.10', netchange: '0', pctchange: '0%', volume: '5000', marketCap: '0.00', country: '', ipoyear: '', industry: '', sector: '', url: '' },
];

let server: FakeServer | undefined;
let store: Store | undefined;
let gw: MarketGateway | undefined;
afterEach(async () => {
  await gw?.close();
  await store?.close();
  await server?.close();
  await getCrumbClear(new ExtendedCookieJar());
});

describe('universe', () => {
  it('parses the NASDAQ screener rows', () => {
    expect(mapScreenerRows({ data: { headers: {}, rows }, message: null, status: { rCode: 200 } })).toEqual([
      { symbol: 'SMCP', name: 'Small Cap Corp Common Stock', sector: 'Health Care', marketCap: 312000000, price: 2.52, volume: 1200000 },
      { symbol: 'BRK-A', name: 'Berkshire Hathaway Inc.', sector: 'Finance', marketCap: 1.03e12, price: 712000, volume: 120 },
      { symbol: 'NOCAP', name: 'No Cap Inc', price: 1.1, volume: 5000 },
    ]);
  });

  it('parses a ticker list with comments, commas and junk', () => {
    expect(parseTickers('# my list\nsmcp, tiny\nBRK/A  # class A\n\n$$$\nSMCP\n')).toEqual(['SMCP', 'TINY', 'BRK-A']);
  });

  it('merges the screener with the ticker file and caches it for a day', async () => {
    server = await startServer((_req, url, res) => {
      if (url.pathname === '/api/screener/stocks' && url.searchParams.get('download') === 'true') return json(res, 200, { data: { headers: {}, rows }, message: null, status: { rCode: 200 } });
      return json(res, 404, {});
    });
    const dir = mkdtempSync(join(tmpdir(), 'tickers-'));
    const file = join(dir, 'tickers.txt');
    writeFileSync(file, 'SMCP\nMYPICK\n');
    store = await openStore('memory://');
    const clock = manualClock(new Date('2026-03-02T14:00:00Z'));
    gw = await createMarketData(DataConfig.parse({ universe: { nasdaqBaseUrl: server.url, tickersFile: file } }), { store, clock, logger: silentLogger });
    const u = await gw.universe();
    expect(u.map((e) => e.symbol)).toEqual(['SMCP', 'BRK-A', 'NOCAP', 'MYPICK']);
    clock.advance(3_600_000);
    await gw.universe();
    expect(server.log).toHaveLength(1);
    clock.advance(24 * 3_600_000);
    await gw.universe();
    expect(server.log).toHaveLength(2);
    expect(gw.status().find((s) => s.id === 'nasdaq')).toMatchObject({ name: 'NASDAQ screener', healthy: true, requests: 2 });
  });
});
