/**
 * A /scan posted in a Discord or Slack channel is a public call: it enters that server's track
 * record with the prices the reply showed; the console and other servers do not record it or see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrackData } from '../../src/track/index.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 400 });
});
afterAll(async () => bot.close());

describe('channel scans in the track record', () => {
  it('records the picks of a Discord channel scan for that server only', async () => {
    const scan = await bot.exec('/scan momentum limit=3', { platform: 'discord', tenant: 'discord:g1' });
    const picks = (scan.data as { picks: { symbol: string; price: number }[] }).picks;
    expect(picks.length).toBeGreaterThan(0);
    await bot.exec('/scan momentum limit=3', { platform: 'console', tenant: 'console:local' });
    const mine = TrackData.parse((await bot.exec('/track momentum', { tenant: 'discord:g1' })).data);
    expect(mine.picks.map((p) => [p.symbol, p.entry, p.origin, p.preset])).toEqual(picks.map((p) => [p.symbol, p.price, 'scan', 'momentum']));
    expect(mine.picks.every((p) => p.returns.d1 === null)).toBe(true);
    expect(TrackData.parse((await bot.exec('/track', { tenant: 'discord:g2' })).data).picks).toEqual([]);
    expect(TrackData.parse((await bot.exec('/track', { tenant: 'console:local' })).data).picks).toEqual([]);
    // Posting the same call again the same day does not re-enter it at a new price.
    await bot.exec('/scan momentum limit=3', { platform: 'discord', tenant: 'discord:g1' });
    expect(TrackData.parse((await bot.exec('/track', { tenant: 'discord:g1' })).data).picks).toHaveLength(picks.length);
  });
});
