/** record:DIR saves live responses in the fixture layout; replay:DIR then serves them offline. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createMarketData, DataConfig } from '../../src/market/index.js';
import { openStore } from '../../src/store/index.js';
import { fakePrice, startFakeYahoo } from './helpers/fakeYahoo.js';

const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
afterEach(async () => {
  await getCrumbClear(new ExtendedCookieJar());
});

describe('record and replay', () => {
  it('records every response (crumb steps included) and replays them without the network', async () => {
    const fake = await startFakeYahoo();
    const dir = mkdtempSync(join(tmpdir(), 'yrec-'));
    const store = await openStore('memory://');
    const rec = await createMarketData(DataConfig.parse({ source: `record:${dir}`, yahooBaseUrl: fake.url, universe: { nasdaq: false } }), {
      store,
      clock,
      logger: silentLogger,
    });
    expect(rec.mode).toBe(`Yahoo Finance (recording to ${dir})`);
    const [live] = await rec.quotes(['ABC']);
    const chain = await rec.optionChain('ABC');
    await rec.close();
    await fake.close();
    await getCrumbClear(new ExtendedCookieJar());

    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      files: Array<{ module: string; path: string; query: Record<string, string>; wrapper: string; file: string }>;
    };
    expect(index.files.map((f) => f.module)).toEqual(['cookieConsent', 'getCrumb', 'quote', 'options']);
    const quoteEntry = index.files.find((f) => f.module === 'quote');
    expect(quoteEntry).toMatchObject({ path: '/v7/finance/quote', query: { symbols: 'ABC' }, wrapper: 'v3' });
    expect(quoteEntry?.query).not.toHaveProperty('crumb');
    const saved = JSON.parse(readFileSync(join(dir, quoteEntry?.file ?? ''), 'utf8')) as { response: { bodyJson: unknown } };
    expect(saved.response.bodyJson).toMatchObject({ quoteResponse: { result: [{ symbol: 'ABC' }] } });

    const replay = await createMarketData(DataConfig.parse({ source: `replay:${dir}` }), { store: await openStore('memory://'), clock, logger: silentLogger });
    const [again] = await replay.quotes(['ABC']);
    expect(again?.price).toBe(fakePrice('ABC'));
    expect(again?.price).toBe(live?.price);
    expect((await replay.optionChain('ABC')).expiries).toEqual(chain.expiries);
    await replay.close();
    await store.close();
  });
});
