/**
 * Replies a newcomer read as a trader and found wrong: each test failed on the code before its fix.
 * Clock instants are New York times around the 2026-12-18 expiry Friday and a pre-market Tuesday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionChain } from '../../src/market/types.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
let chain: OptionChain;
const me = { tenant: 't:new', user: 'u:new', isAdmin: false };

beforeAll(async () => {
  bot = await createTestBot({ symbols: 200 });
  chain = await findOptionChain(bot, { minPrice: 10, maxPrice: 100, accept: (c) => c.expiries.includes('2026-12-18') });
});
afterAll(async () => bot.close());

const at = (iso: string) => bot.clock.set(new Date(iso));

describe('expiry dates', () => {
  it('an expiry that is not a calendar day is a bad argument, not "no such expiry"', async () => {
    at('2026-12-01T11:00:00-05:00');
    for (const day of ['2026-13-45', '2026-02-30']) {
      const r = await bot.exec(`/greeks ${chain.symbol} ${day}`, me);
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(r.error?.message).toContain(`"${day}" is not a valid expiry`);
    }
  });

  it('/greeks of an expiry that expired at today’s close says it expired, not that it never existed', async () => {
    at('2026-12-18T17:00:00-05:00');
    const r = await bot.exec(`/greeks ${chain.symbol} 2026-12-18`, me);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('EXPIRED');
    expect(r.error?.message).toMatch(/2026-12-18 options have expired/);
    // A date that never was an expiry keeps its own answer.
    const never = await bot.exec(`/greeks ${chain.symbol} 2026-12-19`, me);
    expect(never.error?.code).toBe('UNKNOWN_EXPIRY');
  });

  it('/greeks of today’s expiry still answers before the close', async () => {
    at('2026-12-18T15:00:00-05:00');
    const r = await bot.exec(`/greeks ${chain.symbol} 2026-12-18`, me);
    expect(r.ok).toBe(true);
  });

  it('/portfolio add of an option that expired at today’s close is refused as expired', async () => {
    at('2026-12-18T16:30:00-05:00');
    const r = await bot.exec(`/portfolio add ${chain.symbol} 1 0.50 2026-12-18 ${chain.contracts[0]?.strike} call`, me);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('EXPIRED_OPTION');
  });
});

describe('/size stop on the wrong side', () => {
  it('refuses a stock stop above the entry instead of sizing from the distance', async () => {
    at('2026-12-01T11:00:00-05:00');
    const r = await bot.exec(`/size ${chain.symbol} 50 52`, me);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID_ARGUMENT');
    expect(r.error?.message).toBe('The stop $52.00 is above the entry $50.00; /size sizes a long, whose stop is below its entry.');
  });

  it('refuses an option stop premium above the premium', async () => {
    at('2026-12-01T11:00:00-05:00');
    const c = chain.contracts.find((x) => x.type === 'call') as OptionChain['contracts'][number];
    const r = await bot.exec(`/size ${chain.symbol} ${c.expiry} ${c.strike} call premium=1.20 stop=2.00`, me);
    expect(r.error?.message).toBe('The stop premium $2.00 is above the premium $1.20; /size sizes a bought option, whose stop is below what it costs.');
  });
});

describe('daily P&L before the open', () => {
  const who = { tenant: 't:pre', user: 'u:pre', isAdmin: false };

  it('names the last session instead of calling it today', async () => {
    at('2026-11-30T11:00:00-05:00');
    expect((await bot.exec(`/portfolio add ${chain.symbol} 1 confirm=true`, who)).ok).toBe(true);
    at('2026-12-01T08:00:00-05:00'); // Tuesday, before the 09:30 open: the figures are Monday's
    const pnl = await bot.exec('/pnl', who);
    const names = (pnl.fields ?? []).map((f) => f.name);
    expect(names).toContain('Last session (2026-11-30)');
    expect(names).not.toContain('Today');
    expect(pnl.tables?.[0]?.columns).toContain('Day 11-30');
    const list = await bot.exec('/portfolio list', who);
    expect(list.text).toContain('last session (2026-11-30)');
    expect(list.text).not.toMatch(/today/);
    expect(list.title).toBe('Your portfolio — 1 open position');

    at('2026-12-01T10:00:00-05:00'); // after the open it is today's
    const open = await bot.exec('/pnl', who);
    expect((open.fields ?? []).map((f) => f.name)).toContain('Today');
    expect(open.tables?.[0]?.columns).toContain('Today');
  });

  it('a single share or contract is singular', async () => {
    at('2026-12-01T11:00:00-05:00');
    const r = await bot.exec(`/portfolio add ${chain.symbol} 1 confirm=true`, { ...who, user: 'u:one' });
    expect(r.text).toMatch(/^Long 1 share of /);
  });
});

describe('/alerts list', () => {
  it('an alert set already past its level is waiting, not "fired", and the title counts it', async () => {
    at('2026-12-01T11:00:00-05:00');
    const who = { tenant: 't:al', user: 'u:al', isAdmin: false };
    const [q] = await bot.services.market.quotes([chain.symbol]);
    const below = Math.floor((q?.price as number) * 0.8);
    const set = await bot.exec(`/alerts add ${chain.symbol} above ${below}`, who);
    expect(set.text).toMatch(/already past that level/);
    const list = await bot.exec('/alerts list', who);
    const table = list.tables?.find((t) => t.title === 'Price alerts');
    expect(table?.rows[0]?.[3]).toBe('waiting: already past when set');
    expect(list.title).toBe('Alerts — your portfolio: 0 rules, 1 price alert');
  });
});

describe('/status the day before a half day', () => {
  it('says the next session closes early', async () => {
    at('2026-12-23T17:00:00-05:00'); // Christmas Eve closes at 13:00
    const r = await bot.exec('/status', me);
    expect(r.fields?.find((f) => f.name === 'Market')?.value).toBe('closed; next session 2026-12-24 at 09:30 ET (early close 13:00 ET)');
  });
});

describe('/quote of a stock that is down', () => {
  it('shows the drop once: the arrow, not a second minus sign', async () => {
    at('2026-12-09T12:00:00-05:00');
    const symbols = (await bot.services.market.universe()).slice(0, 40).map((u) => u.symbol);
    const down = (await bot.services.market.quotes(symbols)).find((q) => (q.change ?? 0) < -0.01);
    expect(down).toBeDefined();
    const r = await bot.exec(`/quote ${down?.symbol}`, me);
    expect(r.text).toContain(`▼ $${Math.abs(down?.change as number).toFixed(2)} (-`);
  });
});

describe('option prices on a half cent', () => {
  it('an entry at a $x.xx5 mid is shown with its half cent, so price × contracts × 100 matches the cost', async () => {
    at('2026-12-01T11:00:00-05:00');
    const live = await bot.services.market.optionChain(chain.symbol);
    const c = live.contracts.find((x) => (x.bid ?? 0) > 0.5 && x.ask !== null && Math.round(((x.bid ?? 0) + x.ask) * 100) % 2 === 1);
    expect(c).toBeDefined();
    const mid = ((c?.bid as number) + (c?.ask as number)) / 2;
    const who = { tenant: 't:half', user: 'u:half', isAdmin: false };
    const r = await bot.exec(`/portfolio add ${chain.symbol} 2 ${c?.expiry} ${c?.strike} ${c?.type} confirm=true`, who);
    expect(r.ok).toBe(true);
    expect(r.text).toContain(
      `at $${mid.toFixed(3)} (market mid); cost $${(mid * 200).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}.`,
    );
    const list = await bot.exec('/portfolio list', who);
    expect(list.tables?.[0]?.rows[0]?.[4]).toBe(`$${mid.toFixed(3)}`);
  });
});

describe('/settings timezone', () => {
  it('says where the display time zone is used', async () => {
    at('2026-12-01T11:00:00-05:00');
    const admin = { tenant: 't:tz', user: 'u:tz', isAdmin: true, channel: 'test:chan' };
    const r = await bot.exec('/settings timezone Europe/London', admin);
    expect(r.fields?.find((f) => f.name === 'Time zone (display)')?.value).toBe(
      "Europe/London (/schedule shows its times beside New York's; as-of stamps stay New York time)",
    );
  });
});

describe('/portfolio with a ticker and no action', () => {
  it('shows that position instead of listing the whole book, and names a word that is neither', async () => {
    at('2026-12-01T11:00:00-05:00');
    const who = { tenant: 't:show', user: 'u:show', isAdmin: false };
    expect((await bot.exec(`/portfolio add ${chain.symbol} 10 confirm=true`, who)).ok).toBe(true);
    const r = await bot.exec(`/portfolio ${chain.symbol.toLowerCase()}`, who);
    expect(r.title).toMatch(new RegExp(`^P1 ${chain.symbol} — long 10 shares$`));
    const bad = await bot.exec('/portfolio remove', who);
    expect(bad.error).toMatchObject({
      code: 'NOT_FOUND',
      message: '"REMOVE" is neither an action (add, close, edit, list, show) nor an open position in your portfolio; /portfolio list shows them.',
    });
  });
});

describe('/risk of an empty book', () => {
  it('its VaR limit row reads 0 like the VaR table, not n/a', async () => {
    at('2026-12-01T11:00:00-05:00');
    const r = await bot.exec('/risk', { tenant: 't:empty', user: 'u:empty', isAdmin: false });
    const limits = (r.data as { limits: { name: string; value: number | null }[] }).limits;
    expect(limits.find((l) => l.name.startsWith('VaR 95%'))?.value).toBe(0);
    const row = r.tables?.find((t) => t.title?.startsWith('Limits'))?.rows.find((x) => String(x[0]).startsWith('VaR 95%'));
    expect(row?.[1]).toBe('0.00%');
  }, 30_000);
});

describe('a stock without listed options', () => {
  it('/size of its option and an IV alert on it say it has no options', async () => {
    at('2026-12-01T11:00:00-05:00');
    let bare: string | undefined;
    for (const u of (await bot.services.market.universe()).slice(0, 200)) {
      const err = await bot.services.market.optionChain(u.symbol).then(
        () => undefined,
        (e: { code?: string }) => e.code,
      );
      if (err === 'NO_OPTIONS') {
        bare = u.symbol;
        break;
      }
    }
    expect(bare).toBeDefined();
    const who = { tenant: 't:bare', user: 'u:bare', isAdmin: false };
    const size = await bot.exec(`/size ${bare} 2026-12-24 5 call`, who);
    expect(size.error?.message).toBe(`${bare} has no listed options.`);
    const alert = await bot.exec(`/alerts add ${bare} iv above 50`, who);
    expect(alert.ok).toBe(false);
    expect(alert.error?.message).toBe(`${bare} has no listed options.`);
    expect((await bot.exec('/alerts list', who)).tables ?? []).toEqual([]);
  });
});
