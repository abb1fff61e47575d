/**
 * The contract's scenarios with the real commands over the simulated market (tests/helpers/bot.ts).
 * `makeBot(delayMs)` slows every market call down to play a slow data provider.
 */
import type { MarketGateway } from '../../src/market/gateway.js';
import { createTestBot } from '../helpers/bot.js';
import type { Bot, ContractSpec } from './contract.js';
import { sleep } from './support.js';

/** The option-chain provider answers after `delayMs`: the call /greeks waits on. */
function slowed(market: MarketGateway, delayMs: number): MarketGateway {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      await sleep(delayMs);
      return fn(...a);
    };
  return {
    ...market,
    id: market.id,
    mode: market.mode,
    status: () => market.status(),
    close: () => market.close(),
    quotes: (s) => market.quotes(s),
    history: (s, r) => market.history(s, r),
    optionChain: wrap((s, e) => market.optionChain(s, e)),
    fundamentals: (s) => market.fundamentals(s),
    universe: () => market.universe(),
  };
}

export async function realBot(delayMs = 0): Promise<Bot> {
  const bot = await createTestBot({ symbols: 100 });
  if (delayMs > 0) bot.services.market = slowed(bot.services.market, delayMs);
  return { services: bot.services, router: bot.router };
}

/** A ticker with listed options in the simulated market. */
export async function realScenarios(): Promise<Omit<ContractSpec, 'startHarness'>> {
  const bot = await realBot();
  let symbol = 'ABCD';
  for (const entry of (await bot.services.market.universe()).slice(0, 40)) {
    const chain = await bot.services.market.optionChain(entry.symbol).catch(() => undefined);
    if (chain?.contracts.length) {
      symbol = entry.symbol;
      break;
    }
  }
  return {
    makeBot: realBot,
    timeoutMs: 90_000,
    greeks: `/greeks ${symbol}`,
    scan: '/scan',
    badTicker: '/greeks ZZZZQ',
    long: `/greeks ${symbol} all=true`,
    ping: ['/greeks @everyone', '/greeks <!everyone>', '/scan sector=@here'],
  };
}
