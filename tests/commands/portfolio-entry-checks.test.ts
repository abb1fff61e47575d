/** Entry checks that depend on the side: time decay costs a long option, it pays a short one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let chain: OptionChain;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100 });
});
afterAll(async () => bot.close());

const warnings = (r: { data?: unknown }) => (r.data as { warnings: { code: string; message: string }[] }).warnings;

describe('/portfolio add: theta warning', () => {
  it('warns a long holder of a fast-decaying option, not its writer', async () => {
    // The nearest expiry's at-the-money put loses several % of its premium a day.
    const k = chain.contracts
      .filter((c) => c.type === 'put' && (c.bid ?? 0) > 0)
      .sort((a, b) => Math.abs(a.strike - chain.spot) - Math.abs(b.strike - chain.spot))[0];
    const long = await bot.exec(`/portfolio add ${chain.symbol} 1 ${k?.expiry} ${k?.strike} put`, { tenant: 't:1', user: 'u:1' });
    expect(warnings(long).some((w) => /^Theta costs/.test(w.message))).toBe(true);
    const short = await bot.exec(`/portfolio add ${chain.symbol} 1 ${k?.expiry} ${k?.strike} put side=short`, { tenant: 't:2', user: 'u:2' });
    expect(short.ok).toBe(true);
    expect(warnings(short).some((w) => /Theta/.test(w.message))).toBe(false);
    // A short is paid its premium: not a "cost".
    expect(short.text).toMatch(/premium received \$/);
    expect(short.text).not.toMatch(/cost \$/);
    expect(long.text).toMatch(/cost \$/);
  });
});
