/**
 * The universe's pure parts — the NASDAQ screener rows, a ticker list, merging listings — and the
 * listings replayed from recorded yahoo-finance2 responses (../shared/fixtures/yahoo) through the real client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig, type MarketGateway } from '../../src/market/index.js';
import { mapScreenerRows } from '../../src/market/universe/nasdaq.js';
import { mergeUniverse } from '../../src/market/universe/merge.js';
import { parseTickers } from '../../src/market/universe/tickers.js';
import { openStore, type Store } from '../../src/store/index.js';
import { FIXTURES_DIR } from './helpers/fixtures.js';
import { rows } from './helpers/universe-data.js';

let store: Store | undefined;
let gw: MarketGateway | undefined;
afterEach(async () => {
  await gw?.close();
  await store?.close();
  gw = undefined;
  store = undefined;
});

describe('universe parsing', () => {
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

  it('merges listings: first listing sets the fields, later ones only fill gaps, every source is kept', () => {
    expect(
      mergeUniverse([
        { tag: 'a', entries: [{ symbol: 'X', price: 1 }, { symbol: 'Y' }] },
        {
          tag: 'b',
          entries: [
            { symbol: 'X', price: 2, marketCap: 5 },
            { symbol: 'Z', sources: ['old'] },
          ],
        },
      ]),
    ).toEqual([
      { symbol: 'X', price: 1, marketCap: 5, sources: ['a', 'b'] },
      { symbol: 'Y', sources: ['a'] },
      { symbol: 'Z', sources: ['old', 'b'] },
    ]);
    expect(mergeUniverse([])).toEqual([]);
  });
});

describe('universe in replay mode (recorded screener and trending responses)', () => {
  it('replays aggressive_small_caps, day_gainers and trending US through the real client; an unrecorded screener fails alone', async () => {
    store = await openStore('memory://');
    gw = await createMarketData(
      DataConfig.parse({
        source: `replay:${FIXTURES_DIR}`,
        universe: { yahooScreeners: ['aggressive_small_caps', 'day_gainers', 'small_cap_gainers'] },
      }),
      { store, clock: manualClock(new Date('2025-02-25T15:00:00Z')), logger: silentLogger },
    );
    const u = await gw.universe();
    // screener-aggressive_small_caps.json, dailyGainers.json (scrIds=day_gainers), trendingSymbols-US.json
    expect(u.map((e) => e.symbol)).toEqual(['ATUS', 'SID', 'KOS', 'MPLN', 'DOLE', 'U', 'FTAI', 'DBRG', 'HAS', 'GDS', 'PLTR', 'MSTR', 'HIMS', 'TEM']);
    expect(u[0]).toEqual({
      symbol: 'ATUS',
      name: 'Altice USA, Inc.',
      marketCap: 1301606016,
      price: 2.81,
      volume: 2727010,
      avgVolume: 3122731,
      exchange: 'NYSE',
      sources: ['yahoo:aggressive_small_caps'],
    });
    expect(u.find((e) => e.symbol === 'FTAI')).toMatchObject({ marketCap: 14748741632, price: 143.82, exchange: 'NasdaqGS', sources: ['yahoo:day_gainers'] });
    const missing = gw.status().find((s) => s.id === 'yahoo-screener-small_cap_gainers');
    expect(missing).toMatchObject({
      healthy: false,
      lastError: { message: 'The replay recordings have no Yahoo Finance answer for the small_cap_gainers screener.' },
    });
  });
});
