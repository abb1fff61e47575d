/** Gateway behaviour over stub providers: fallback order, definitive answers, offline providers, the sim. */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { createGateway } from '../../src/market/gateway.js';
import { MarketCache } from '../../src/market/gateway/cache.js';
import { ProviderError } from '../../src/market/gateway/errors.js';
import { createMarketData, DataConfig, MarketDataError, type MarketDataProvider, type OptionChain, type Quote } from '../../src/market/index.js';
import { openStore } from '../../src/store/index.js';

const clock = manualClock(new Date('2026-03-02T15:00:00Z'));
const stamp = (source: string) => ({ source, asOf: '2026-03-02T14:45:00.000Z', delayed: true, stale: false, simulated: false });
const quote = (symbol: string, source: string): Quote => ({ symbol, price: 2, change: 0, changePercent: 0, currency: 'USD', stamp: stamp(source) });
const chain = (symbol: string, source: string): OptionChain => ({ symbol, spot: 2, expiries: ['2026-03-20'], contracts: [], stamp: stamp(source) });

function stub(id: string, over: Partial<MarketDataProvider>): MarketDataProvider & { calls: string[] } {
  const calls: string[] = [];
  const no = (what: string) => async (): Promise<never> => {
    calls.push(what);
    throw new MarketDataError('NOT_SUPPORTED', `${id} has no ${what}.`, id);
  };
  return {
    id,
    calls,
    quotes: no('quotes'),
    history: no('history'),
    optionChain: no('optionChain'),
    fundamentals: no('fundamentals'),
    universe: no('universe'),
    ...over,
  };
}

function gateway(providers: MarketDataProvider[]) {
  return createGateway({
    mode: 'test',
    clock,
    logger: silentLogger,
    providers: providers.map((p) => ({ provider: p, label: p.id })),
    cache: new MarketCache(undefined, clock, { quote: 300, fundamentals: 86_400, options: 3_600, history: 3_600, universe: 86_400 }),
    retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 },
    breaker: { failures: 5, cooldownSeconds: 60 },
    quoteBatch: { windowMs: 1, maxSymbols: 100 },
  });
}

describe('gateway over stub providers', () => {
  it('asks the next provider that has the data', async () => {
    const a = stub('a', {});
    const b = stub('b', { optionChain: async (s) => chain(s, 'b') });
    const gw = gateway([a, b]);
    expect((await gw.optionChain('xyz')).stamp.source).toBe('b');
    expect(a.calls).toEqual(['optionChain']);
    const st = gw.status();
    expect(st.map((s) => s.id)).toEqual(['a', 'b']);
    // offline providers have no budget
    expect(st[0]?.budgetLeft).toBeUndefined();
  });

  it('does not ask further when the first provider says the symbol does not exist', async () => {
    const a = stub('a', {
      fundamentals: async (s) => {
        throw new MarketDataError('UNKNOWN_SYMBOL', `a does not know ${s}.`, 'a');
      },
    });
    const b = stub('b', {});
    await expect(gateway([a, b]).fundamentals('zz')).rejects.toMatchObject({ code: 'UNKNOWN_SYMBOL' });
    expect(b.calls).toEqual([]);
  });

  it("reports the primary's failure, not a fallback's missing plan", async () => {
    const a = stub('a', {
      quotes: async () => {
        throw new ProviderError('UNAVAILABLE', 'a is down.', 'a', { retryable: true });
      },
    });
    const b = stub('b', {});
    await expect(gateway([a, b]).quotes(['X'])).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'a is down.' });
  });

  it('returns the quotes it has when only some symbols fail', async () => {
    let fail = false;
    const a = stub('a', {
      quotes: async (s) => {
        if (fail) throw new ProviderError('UNAVAILABLE', 'a is down.', 'a');
        return s.map((x) => quote(x, 'a'));
      },
    });
    const gw = gateway([a]);
    await gw.quotes(['AAA']);
    fail = true;
    clock.advance(10 * 60_000);
    const out = await gw.quotes(['AAA', 'BBB']);
    expect(out.map((q) => [q.symbol, q.stamp.stale])).toEqual([['AAA', true]]);
  });
});

const simLoads = await import('../../src/market/sim/index.js').then(
  () => true,
  () => false,
);

describe('simulated market through the gateway', () => {
  it.skipIf(!simLoads)('serves the sim with caching and no rate limit', async () => {
    const gw = await createMarketData(DataConfig.parse({ source: 'sim', sim: { symbols: 200 } }), { store: await openStore('memory://'), clock });
    const [first] = await gw.universe();
    expect(first).toBeDefined();
    const [q] = await gw.quotes([first?.symbol ?? '']);
    expect(q?.stamp.simulated).toBe(true);
    await gw.quotes([first?.symbol ?? '']);
    expect(gw.status()[0]).toMatchObject({ name: 'simulated market', cacheHits: 1 });
    expect(gw.status()[0]?.budgetLeft).toBeUndefined();
  });
});
