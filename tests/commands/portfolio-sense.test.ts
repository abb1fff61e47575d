/**
 * Bounds and sense checks on /portfolio add (issue #16), one test per check, each through the
 * test bot on the simulated market: the refusal's code and sentence, and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { loadTenant } from '../../src/portfolio/index.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let chain: OptionChain;
let stock: string;
let q: number;
const who = { tenant: 'test:sense', user: 'test:dana', isAdmin: false };

beforeAll(async () => {
  bot = await createTestBot({ symbols: 400 });
  chain = await findOptionChain(bot, { minPrice: 5, maxPrice: 100 });
  stock = chain.symbol;
  q = (await bot.services.market.quotes([stock]))[0]?.price as number;
});
afterAll(async () => bot.close());

const refused = async (line: string) => {
  const before = (await loadTenant(bot.services.store, who.tenant)).positions.length;
  const r = await bot.exec(line, who);
  expect(r.ok).toBe(false);
  expect((await loadTenant(bot.services.store, who.tenant)).positions.length).toBe(before);
  return { code: r.error?.code, message: r.error?.message ?? '' };
};
const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;

describe('/portfolio add bounds', () => {
  it('refuses 1e308 shares at $1e308 (was stored as "Infinity% of equity")', async () => {
    expect(await refused(`/portfolio add ${stock} 1e308 1e308`)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '"1e308" is not a valid quantity for /portfolio: expected a number above 0, at most 10,000,000.',
    });
  });

  it('refuses 1e12 shares (was an $88 trillion position)', async () => {
    expect((await refused(`/portfolio add ${stock} 1e12`)).message).toMatch(/^"1e12" is not a valid quantity .* at most 10,000,000\.$/);
  });

  it('refuses a price over $1,000,000, and zero or negative numbers', async () => {
    expect((await refused(`/portfolio add ${stock} 10 2000000`)).message).toMatch(
      /not a valid price for \/portfolio: expected a number above 0, at most 1,000,000/,
    );
    expect((await refused(`/portfolio add ${stock} 10 price=0`)).code).toBe('INVALID_ARGUMENT');
    expect((await refused(`/portfolio add ${stock} -5`)).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses a position worth over $1 billion even inside each bound', async () => {
    const r = await refused(`/portfolio add ${stock} 9000000 200 confirm=true`);
    expect(r.code).toBe('TOO_LARGE');
    expect(r.message).toMatch(/^That position would be worth \$[\d,]+\.\d+, over the \$1,000,000,000 limit; check the quantity and price\.$/);
  });

  it('refuses fractional option contracts', async () => {
    const c = chain.contracts.find((x) => x.type === 'call') as OptionChain['contracts'][number];
    expect(await refused(`/portfolio add ${stock} 1.5 ${c.expiry} ${c.strike} call`)).toEqual({
      code: 'BAD_QUANTITY',
      message: 'Options trade in whole contracts; 1.5 is not a whole number.',
    });
  });

  it('states the bounds and sense rules in /help portfolio', async () => {
    const help = await bot.exec('/help portfolio');
    const limits = help.fields?.find((f) => f.name === 'Limits')?.value ?? '';
    expect(limits).toContain('quantity up to 10,000,000 (whole contracts for options)');
    expect(limits).toContain('at most $1,000,000');
    expect(limits).toContain('at most $1,000,000,000');
    expect(limits).toContain("A long's stop is below its entry and its target above");
    expect(limits).toContain('more than 50% away from the market needs confirm=true');
    expect(help.fields?.find((f) => f.name === 'Options')?.value).toContain(
      'quantity (optional): Shares (fractions kept as entered), or whole contracts for an option; for close, how many (default all) — a number above 0, at most 10,000,000',
    );
  });
});

describe('/portfolio add sense checks', () => {
  it("refuses a long's stop above its entry", async () => {
    expect(await refused(`/portfolio add ${stock} 10 20 stop=21 confirm=true`)).toEqual({
      code: 'STOP_WRONG_SIDE',
      message: "A long's stop must be below its entry: stop $21.00, entry $20.00.",
    });
  });

  it("refuses a short's stop below its entry", async () => {
    expect(await refused(`/portfolio add ${stock} 10 20 side=short stop=19 confirm=true`)).toEqual({
      code: 'STOP_WRONG_SIDE',
      message: "A short's stop must be above its entry: stop $19.00, entry $20.00.",
    });
  });

  it("refuses a long's target below its entry and a short's above", async () => {
    expect(await refused(`/portfolio add ${stock} 10 20 target=19 confirm=true`)).toEqual({
      code: 'TARGET_WRONG_SIDE',
      message: "A long's target must be above its entry: target $19.00, entry $20.00.",
    });
    expect(await refused(`/portfolio add ${stock} 10 20 side=short target=21 confirm=true`)).toEqual({
      code: 'TARGET_WRONG_SIDE',
      message: "A short's target must be below its entry: target $21.00, entry $20.00.",
    });
  });

  it('checks the stop against the market entry when no price is given', async () => {
    const r = await refused(`/portfolio add ${stock} 10 stop=${(q * 1.05).toFixed(2)}`);
    expect(r.code).toBe('STOP_WRONG_SIDE');
    expect(r.message).toContain(`entry ${usd(q)}`);
  });

  it('needs confirm=true for an entry 1,000× the market, and records it with confirm', async () => {
    const far = Number((q * 1000).toFixed(2));
    const r = await refused(`/portfolio add ${stock} 10 ${far}`);
    expect(r.code).toBe('PRICE_FAR_FROM_MARKET');
    expect(r.message).toBe(
      `Entry ${usd(far)} is ${Math.round((far / q - 1) * 100).toLocaleString('en-US')}% above the market price ${usd(q)}; check it, or add confirm=true to record it anyway.`,
    );
    const half = Number((q * 0.4).toFixed(2));
    expect((await refused(`/portfolio add ${stock} 10 ${half}`)).message).toMatch(/^Entry \$[\d.]+ is 60% below the market price/);
    const ok = await bot.exec(`/portfolio add ${stock} 10 ${half} confirm=true`, who);
    expect(ok.ok).toBe(true);
  });

  it('accepts an entry within 50% of the market without confirm', async () => {
    expect((await bot.exec(`/portfolio add ${stock} 10 ${(q * 1.4).toFixed(2)}`, who)).ok).toBe(true);
  });

  it('shows an exact quantity as entered: 1.5 shares, not 2', async () => {
    const add = await bot.exec(`/portfolio add ${stock} 1.5`, who);
    expect(add.text).toMatch(/^Long 1\.5 shares of /);
    const id = (add.data as { position: { id: string; quantity: number } }).position.id;
    expect((add.data as { position: { quantity: number } }).position.quantity).toBe(1.5);
    const show = await bot.exec(`/portfolio show ${id}`, who);
    expect(show.title).toMatch(/ — long 1\.5 shares$/);
    const list = await bot.exec('/portfolio list', who);
    const row = list.tables?.[0]?.rows.find((r) => r[0] === id);
    expect(row?.[3]).toBe('1.5');
    const close = await bot.exec(`/portfolio close ${id} 0.25`, who);
    expect(close.title).toMatch(/^Closed 0\.25 of /);
    expect(close.text).toContain('1.25 still open.');
  });

  it('keeps a quoted note with its spaces, for every quote style', async () => {
    for (const [line, note] of [
      [`/portfolio add ${stock} 1 notes="breakout retest"`, 'breakout retest'],
      [`/portfolio add ${stock} 1 notes='gap and go'`, 'gap and go'],
      [`/portfolio add ${stock} 1 notes=“smart quotes here”`, 'smart quotes here'],
      [`/portfolio add ${stock} 1 "notes=don't chase"`, "don't chase"],
    ] as const) {
      const r = await bot.exec(line, who);
      expect(r.ok, `${line}: ${r.error?.message}`).toBe(true);
      expect((r.data as { position: { notes?: string } }).position.notes).toBe(note);
    }
  });
});
