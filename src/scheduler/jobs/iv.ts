/**
 * The IV snapshot near the close: today's 30-day constant-maturity ATM IV of every watched and
 * recently picked symbol goes into the bot's own IV history (`src/options/ivHistory.ts`, the same
 * store /greeks reads IV rank and percentile from). A symbol without clean quotes is skipped with
 * its reason: nothing is stored rather than a made-up number.
 */
import { recordAtmIv } from '../../options/ivHistory.js';
import type { Services } from '../../services.js';

export async function snapshotIv(services: Services, symbols: readonly string[]): Promise<{ stored: string[]; skipped: { symbol: string; reason: string }[] }> {
  const stored: string[] = [];
  const skipped: { symbol: string; reason: string }[] = [];
  for (const symbol of symbols) {
    try {
      const r = await recordAtmIv(services, symbol, services.clock.now(), { source: 'close' });
      if (r.stored) stored.push(symbol);
      else skipped.push({ symbol, reason: r.reason });
    } catch (err) {
      skipped.push({ symbol, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { stored, skipped };
}
