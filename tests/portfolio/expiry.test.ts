/**
 * Options held through expiry on the simulated market, with the real scheduler after the close:
 * the evening before, one warning per option in or near the money; after the expiry close, an
 * in-the-money long call becomes 100 shares per contract at the expiry close, a short ITM put is
 * assigned into long shares, an out-of-the-money call expires worthless — each with exactly one
 * alert, and a later run settles nothing twice. Reference: the underlying's bar for the expiry day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenant } from '../../src/portfolio/index.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { dollars, type ExpiryBench, expiryBench } from './expiry.fixture.js';

let b: ExpiryBench;

beforeAll(async () => {
  b = await expiryBench();
}, 120_000);
afterAll(async () => {
  await b.close();
});

describe('expiry', () => {
  it('warns the evening before, then settles: exercise into shares, assignment, worthless — one alert each', async () => {
    const { chain, add, at, alerts } = b;
    // The lowest strike is deep in the money for the long call, the highest far out of it (and in the money for the short put).
    const [deep, far, highPut] = [b.low, b.high, b.high];
    const call = await add(`/portfolio add ${chain.symbol} 2 2026-12-04 ${deep} call`);
    const otm = await add(`/portfolio add ${chain.symbol} 1 0.05 2026-12-04 ${far} call`);
    const put = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${highPut} put side=short`);

    await at('2026-12-03T16:20:00-05:00');
    const eve = alerts().filter((a) => /^Expires next session/.test(a.text ?? ''));
    expect(eve).toHaveLength(2); // the two in the money; the far OTM call is not near
    expect(eve.find((a) => a.text?.includes(call.id))?.text).toMatch(/will be exercised into long shares/);
    expect(eve.find((a) => a.text?.includes(put.id))?.text).toMatch(/will be assigned/);

    await at('2026-12-04T16:20:00-05:00');
    await at('2026-12-04T16:40:00-05:00');
    await at('2026-12-07T16:20:00-05:00');
    const close = await b.expiryClose();
    const settled = alerts().filter((a) => /^(Exercised|Assigned|Expired worthless)/.test(a.text ?? ''));
    expect(settled).toHaveLength(3);
    const ex = settled.find((a) => a.text?.includes(call.id))?.text ?? '';
    expect(ex).toContain(`Now long 200 shares of ${chain.symbol} at $${close.toFixed(2)}`);
    const pnl = (close - deep - call.entryPrice) * 200;
    expect(ex).toContain(`P&L ${dollars(pnl)}`);
    expect(ex).toContain("console:user's portfolio");
    expect(settled.find((a) => a.text?.includes(otm.id))?.text).toMatch(/^Expired worthless/);
    expect(settled.find((a) => a.text?.includes(put.id))?.text).toMatch(/^Assigned: .*Now long 100 shares/);

    const doc = await loadTenant(b.bot.services.store, CONSOLE_TENANT);
    expect(doc.positions.filter((p) => p.option)).toHaveLength(0);
    expect(doc.positions.map((p) => [p.side, p.quantity, p.entryPrice])).toEqual([
      ['long', 200, close],
      ['long', 100, close],
    ]);
    const trades = doc.journal.filter((t) => t.closedBy === 'expiry');
    expect(trades.map((t) => t.exitPrice)).toEqual([Math.round((close - deep) * 1e4) / 1e4, 0, Math.round((highPut - close) * 1e4) / 1e4]);
  }, 300_000);
});
