/**
 * `trading.itmAtExpiry: close`: an in-the-money long option held through expiry is closed for cash at
 * its intrinsic value on the expiry close (no shares), warned as such the evening before; a short ITM
 * option is still assigned (the holder of the other side decides). Simulated market, real scheduler.
 * Reference: the underlying's bar for the expiry day (its close) and the strike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/index.js';
import { loadTenant } from '../../src/portfolio/index.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { dollars, type ExpiryBench, expiryBench } from './expiry.fixture.js';

let b: ExpiryBench;

beforeAll(async () => {
  b = await expiryBench({ trading: { itmAtExpiry: 'close' } } as unknown as Partial<AppConfig>);
  expect(b.bot.services.config.trading.itmAtExpiry).toBe('close');
}, 120_000);
afterAll(async () => {
  await b.close();
});

describe('expiry with itmAtExpiry=close', () => {
  it('closes an ITM long call and long put at intrinsic for cash, still assigns a short ITM put', async () => {
    const { chain, add, at, alerts, low, high } = b;
    const call = await add(`/portfolio add ${chain.symbol} 2 2026-12-04 ${low} call`);
    const put = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${high} put`);
    const short = await add(`/portfolio add ${chain.symbol} 1 2026-12-04 ${high} put side=short`);

    await at('2026-12-03T16:20:00-05:00');
    const eve = alerts().filter((a) => /^Expires next session/.test(a.text ?? ''));
    expect(eve).toHaveLength(3);
    expect(eve.find((a) => a.text?.includes(call.id))?.text).toMatch(/will be closed at intrinsic if it stays in the money/);
    expect(eve.find((a) => a.text?.includes(`${put.id} `))?.text).toMatch(/will be closed at intrinsic if it stays in the money/);
    expect(eve.find((a) => a.text?.includes(short.id))?.text).toMatch(/will be assigned/);

    await at('2026-12-04T16:20:00-05:00');
    await at('2026-12-07T16:20:00-05:00');
    const close = await b.expiryClose();
    expect(close).toBeGreaterThan(low);
    expect(close).toBeLessThan(high);
    const settled = alerts().filter((a) => /^(Closed at intrinsic|Exercised|Assigned|Expired worthless)/.test(a.text ?? ''));
    expect(settled).toHaveLength(3);

    const callIntrinsic = Math.round((close - low) * 1e4) / 1e4;
    const putIntrinsic = Math.round((high - close) * 1e4) / 1e4;
    const callText = settled.find((a) => a.text?.includes(call.id))?.text ?? '';
    expect(callText).toMatch(/^Closed at intrinsic: /);
    expect(callText).toContain(`${chain.symbol} closed at ${dollars(close)} on 2026-12-04, intrinsic ${dollars(callIntrinsic)}`);
    expect(callText).toContain(`P&L ${dollars((callIntrinsic - call.entryPrice) * 200)}`);
    expect(callText).not.toContain('shares');
    const putText = settled.find((a) => a.text?.includes(`${put.id} `))?.text ?? '';
    expect(putText).toMatch(/^Closed at intrinsic: /);
    expect(putText).toContain(`P&L ${dollars((putIntrinsic - put.entryPrice) * 100)}`);
    expect(settled.find((a) => a.text?.includes(short.id))?.text).toMatch(/^Assigned: .*Now long 100 shares/);
    expect(settled.map((a) => a.severity)).toEqual(['warning', 'warning', 'warning']);

    // Only the assignment left shares in the book; the two long options left cash (the journal).
    const doc = await loadTenant(b.bot.services.store, CONSOLE_TENANT);
    expect(doc.positions.filter((p) => p.option)).toHaveLength(0);
    expect(doc.positions.map((p) => [p.side, p.quantity, p.entryPrice])).toEqual([['long', 100, close]]);
    const trades = doc.journal.filter((t) => t.closedBy === 'expiry');
    expect(trades.map((t) => [t.positionId, t.exitPrice])).toEqual([
      [call.id, callIntrinsic],
      [put.id, putIntrinsic],
      [short.id, putIntrinsic],
    ]);
    expect(trades[0]?.pnl).toBeCloseTo((callIntrinsic - call.entryPrice) * 200, 6);
    expect(trades[1]?.pnl).toBeCloseTo((putIntrinsic - put.entryPrice) * 100, 6);
    // A later run settles nothing twice.
    await at('2026-12-08T16:20:00-05:00');
    expect(alerts().filter((a) => /^(Closed at intrinsic|Assigned)/.test(a.text ?? ''))).toHaveLength(3);
  }, 300_000);
});
