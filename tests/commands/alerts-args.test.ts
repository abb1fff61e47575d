/** /alerts argument errors carry the code that matches what went wrong. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
});
afterAll(async () => bot.close());

describe('/alerts deliver', () => {
  it('without a mode is MISSING_ARGUMENT; an unknown mode is INVALID_ARGUMENT', async () => {
    expect(await bot.exec('/alerts deliver')).toMatchObject({
      ok: false,
      error: { code: 'MISSING_ARGUMENT', message: '/alerts deliver needs channel, dm, mention — for example: /alerts deliver dm.' },
    });
    expect(await bot.exec('/alerts deliver pigeon')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await bot.exec('/alerts list')).toMatchObject({ ok: true });
  });
});
