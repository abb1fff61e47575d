/**
 * Writes fail loudly: with the store refusing writes (SQLite's query_only, as a read-only or full
 * disk would), /portfolio add, /watch add and /settings answer STORE_WRITE_FAILED in one sentence,
 * claim nothing, and leave the stored state as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenant } from '../../src/portfolio/index.js';
import { watchlists } from '../../src/store/watchlist.js';
import { getTenantSettings } from '../../src/store/settings.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let symbols: string[];
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
  symbols = (await bot.services.market.universe()).filter((u) => (u.price ?? 0) > 5).map((u) => u.symbol);
});
afterAll(async () => bot.close());

const readOnly = (on: boolean) => bot.services.store.sql.run(`PRAGMA query_only=${on ? 1 : 0}`);

describe('a store that refuses writes', () => {
  it('answers STORE_WRITE_FAILED to every write command and changes nothing', async () => {
    const [held, watched, other] = symbols as [string, string, string];
    expect(await bot.exec(`/portfolio add ${held} 10`)).toMatchObject({ ok: true });
    expect(await bot.exec(`/watch add ${watched}`)).toMatchObject({ ok: true });
    expect(await bot.exec('/settings timezone Europe/Paris')).toMatchObject({ ok: true });
    const before = {
      book: await loadTenant(bot.services.store, 'test:tenant'),
      watch: await watchlists(bot.services.store).list('test:tenant'),
      settings: await getTenantSettings(bot.services.store, 'test:tenant'),
    };
    expect(before.book.positions).toHaveLength(1);

    await readOnly(true);
    try {
      for (const line of [`/portfolio add ${other} 5`, `/watch add ${other}`, '/settings timezone Asia/Tokyo', `/portfolio close ${held}`]) {
        const reply = await bot.exec(line);
        expect(reply, line).toMatchObject({ ok: false, error: { code: 'STORE_WRITE_FAILED' } });
        const message = (reply as { error: { message: string } }).error.message;
        expect(message).toMatch(/^Nothing was saved: .*\.$/);
        expect(message.split('. ')).toHaveLength(1);
      }
    } finally {
      await readOnly(false);
    }

    expect(await loadTenant(bot.services.store, 'test:tenant')).toEqual(before.book);
    expect(await watchlists(bot.services.store).list('test:tenant')).toEqual(before.watch);
    expect(await getTenantSettings(bot.services.store, 'test:tenant')).toEqual(before.settings);
    // And once the store takes writes again, so does the bot.
    expect(await bot.exec(`/watch add ${other}`)).toMatchObject({ ok: true, data: { added: true } });
  });
});
