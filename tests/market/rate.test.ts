/**
 * The risk-free rate from the market: ^IRX from a local fake Yahoo through the real yahoo-finance2
 * client, converted to a continuously compounded rate, used and named by /greeks; read once a day;
 * the configured rate, labelled, when ^IRX is unavailable. Reference values by hand (Python math.log):
 * ^IRX quotes the 13-week bill's discount rate d; r = −(365/91)·ln(1 − d·91/360)
 *   d = 4.235 % → 0.04316967763407373;  d = 0.05 % (2022's lows) → 0.000506976483216771.
 */
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { afterEach, describe, expect, it } from 'vitest';
import { continuousToTbillDiscount, tbillDiscountToContinuous } from '../../src/core/options/index.js';
import { botOver, type MarketBot } from './helpers/bot.js';
import { startFakeYahoo, type FakeYahoo } from './helpers/fakeYahoo.js';

describe('13-week T-bill discount rate → continuous rate', () => {
  it('matches the hand-computed references and inverts', () => {
    expect(tbillDiscountToContinuous(4.235)).toBeCloseTo(0.04316967763407373, 14);
    expect(tbillDiscountToContinuous(0.05)).toBeCloseTo(0.000506976483216771, 15);
    // The same figure through the money-market yield y = d / (1 − d·91/360): r = (365/91)·ln(1 + y·91/360).
    const d = 0.04235,
      y = d / (1 - (d * 91) / 360);
    expect(tbillDiscountToContinuous(4.235)).toBeCloseTo((365 / 91) * Math.log(1 + (y * 91) / 360), 14);
    expect(continuousToTbillDiscount(tbillDiscountToContinuous(4.235))).toBeCloseTo(4.235, 12);
    expect(tbillDiscountToContinuous(NaN)).toBeNaN();
    expect(tbillDiscountToContinuous(500)).toBeNaN();
  });
});

// The recorded option chains (options-*.json, as of the 2025-02-21 close) are what the fake serves.
const AS_OF = new Date('2025-02-21T21:00:02.000Z');
let fake: FakeYahoo | undefined;
let bot: MarketBot | undefined;
afterEach(async () => {
  await bot?.close();
  await fake?.close();
  await getCrumbClear(new ExtendedCookieJar());
  bot = fake = undefined;
});

const start = async (irx: boolean): Promise<MarketBot> => {
  fake = await startFakeYahoo({ knows: (s) => (irx && s === '^IRX') || /^[A-Z]{1,5}$/.test(s), prices: { '^IRX': 4.235 } });
  bot = await botOver({ source: 'yahoo', yahooBaseUrl: fake.url, universe: { nasdaq: false }, retry: { retries: 0 } }, AS_OF);
  return bot;
};
const irxRequests = (f: FakeYahoo) => f.dataRequests().filter((r) => (r.query.get('symbols') ?? '').split(',').includes('^IRX')).length;

describe('/greeks prices with the market rate and names it', () => {
  it('uses ^IRX converted to continuous compounding, in data and text, reading it once a day', async () => {
    const b = await start(true);
    const r = await b.exec('/greeks CRON');
    expect(r.ok).toBe(true);
    const d = r.data as { rate: number; rateSource: string; rateKind: string };
    expect(d.rate).toBeCloseTo(0.04316967763407373, 12);
    expect(d.rateKind).toBe('market');
    expect(d.rateSource).toMatch(/^13-week T-bill \^IRX \(Yahoo Finance\), 4\.235% discount$/);
    expect(r.text).toContain('rate 4.32% (13-week T-bill ^IRX (Yahoo Finance), 4.235% discount)');
    await b.exec('/greeks CRON');
    expect(irxRequests(fake as FakeYahoo)).toBe(1);
  });

  it('falls back to the configured rate, labelled, when ^IRX is unavailable', async () => {
    const b = await start(false);
    const r = await b.exec('/greeks CRON');
    expect(r.ok).toBe(true);
    const d = r.data as { rate: number; rateSource: string; rateKind: string };
    expect(d.rate).toBe(b.services.config.options.riskFreeRate);
    expect(d.rateKind).toBe('config');
    expect(r.text).toMatch(/rate 4\.00% \(config options\.riskFreeRate \(\^IRX unavailable\)\)/);
  });
});

describe('/portfolio and /risk name the rate their option figures used', () => {
  it('prints the ^IRX rate in text and data when the book holds an option, null for stocks alone', async () => {
    const b = await start(true);
    const stock = await b.exec('/portfolio add CRON 100 5 confirm=true');
    expect(stock.ok, stock.text).toBe(true);
    const stocks = await b.exec('/portfolio list');
    expect(stocks.data).toMatchObject({ rate: null, rateSource: null, rateKind: null });
    expect(stocks.text).not.toContain('rate');
    const add = await b.exec('/portfolio add CRON 1 0.5 2025-03-21 4 call confirm=true');
    expect(add.ok, add.text).toBe(true);
    const line = 'rate 4.32% (13-week T-bill ^IRX (Yahoo Finance), 4.235% discount)';
    for (const cmd of ['/portfolio list', '/portfolio show P2', '/risk']) {
      const r = await b.exec(cmd);
      expect(r.ok, `${cmd}: ${r.text}`).toBe(true);
      const d = r.data as { rate: number; rateSource: string; rateKind: string };
      expect(d.rate, cmd).toBeCloseTo(0.04316967763407373, 12);
      expect(d.rateKind, cmd).toBe('market');
      expect(d.rateSource, cmd).toBe('13-week T-bill ^IRX (Yahoo Finance), 4.235% discount');
      const shown = [r.text, ...(r.fields ?? []).map((f) => `rate ${f.value}`)].join('\n');
      expect(shown, cmd).toContain(line);
    }
    // One ^IRX read for the day serves /greeks, /portfolio and /risk alike.
    expect(irxRequests(fake as FakeYahoo)).toBe(1);
  });

  it('says the rate is the configured one when ^IRX is unavailable', async () => {
    const b = await start(false);
    await b.exec('/portfolio add CRON 1 0.5 2025-03-21 4 call confirm=true');
    const r = await b.exec('/risk');
    expect(r.data).toMatchObject({ rate: b.services.config.options.riskFreeRate, rateKind: 'config' });
    expect(r.text).toContain('Options repriced at rate 4.00% (config options.riskFreeRate (^IRX unavailable)).');
  });
});
