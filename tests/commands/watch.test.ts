/** /watch: a tenant's watchlist, isolated per tenant, and part of /scan's universe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchlists } from '../../src/store/watchlist.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let symbol: string;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
  symbol = ((await bot.services.market.universe())[0] as { symbol: string }).symbol;
});
afterAll(async () => bot.close());

describe('/watch', () => {
  it('adds, lists and removes a symbol, per tenant', async () => {
    expect(await bot.exec(`/watch add ${symbol.toLowerCase()}`)).toMatchObject({ ok: true, data: { symbols: [symbol], added: true } });
    expect(await bot.exec(`/watch add ${symbol}`)).toMatchObject({ ok: true, data: { added: false } });
    expect(await bot.exec('/watch list')).toMatchObject({ ok: true, data: { symbols: [symbol] } });
    expect(await bot.exec('/watch list', { tenant: 'test:other' })).toMatchObject({ ok: true, data: { symbols: [] } });
    expect(await watchlists(bot.services.store).list('test:tenant')).toEqual([symbol]);
    expect(await bot.exec(`/watch remove ${symbol}`)).toMatchObject({ ok: true, data: { symbols: [], removed: true } });
  });

  it('refuses unknown tickers and a missing ticker with a coded error', async () => {
    expect(await bot.exec('/watch add QQQQQ')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SYMBOL' } });
    expect(await bot.exec('/watch add')).toMatchObject({ ok: false, error: { code: 'MISSING_ARGUMENT' } });
  });
});
