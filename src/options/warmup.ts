/**
 * Start-up warm-up of the option analysis. The first /greeks of a process used to pay for V8
 * compiling the pricing code (American boundary solves, IV inversions, Greeks) while it answered:
 * 130–210 ms of CPU where a later cold chain takes 10–40 ms. Once the bot is ready and idle, this
 * runs the same pure analysis over a small synthetic chain (calls and puts, in and out of the money,
 * short and long expiries, with and without dividends), in slices that yield to the event loop, so
 * the first user's /greeks runs compiled code. No quote is fetched and nothing is stored, except the
 * risk-free rate on the simulated market (read and cached for the day as any option reply would),
 * where reading it costs no provider request. Measured by `npm run bench -- greeks`: the first cold
 * /greeks of a process took 98–109 ms without it, 53–65 ms with it.
 */
import { analyzeContract, americanPrice, blackScholes, type ContractQuote, type JunkRules, type OptionType } from '../core/options/index.js';
import { pace } from '../pace.js';
import type { Services } from '../services.js';
import { riskFreeRate } from './rate.js';

/** Wide enough that no synthetic contract is rejected before its IV and Greeks are solved. */
const JUNK: JunkRules = { maxSpreadPct: 10, minOpenInterest: 0, minVolume: 0, maxIv: 10 };
const TYPES: OptionType[] = ['call', 'put'];

export interface WarmUpResult {
  contracts: number;
  /** Contracts whose IV was solved, and the largest |IV − the vol they were priced at| among them. */
  solved: number;
  maxVolError: number;
}

/** Analyses one synthetic chain per (expiry, dividend) pair, priced at known vols from their mid. */
export async function warmOptionAnalysis(): Promise<WarmUpResult> {
  let contracts = 0,
    solved = 0,
    maxVolError = 0;
  const spot = 25;
  for (const years of [0.02, 0.12, 0.45]) {
    for (const dividendYield of [0, 0.02]) {
      for (let k = 0; k < 9; k++) {
        const strike = spot * (0.76 + 0.06 * k);
        const vol = 0.45 + 0.25 * Math.abs(Math.log(strike / spot));
        for (const type of TYPES) {
          const theo = americanPrice({ type, spot, strike, years, rate: 0.04, dividendYield, vol });
          blackScholes({ type, spot, strike, years, rate: 0.04, dividendYield, vol });
          if (theo < 0.05) continue; // quoted at a tick or two: no IV to solve
          const q: ContractQuote = { type, strike, bid: theo - 0.005, ask: theo + 0.005, last: null, volume: 10, openInterest: 100 };
          const a = analyzeContract(q, { spot, years, rate: 0.04, dividendYield, model: 'american' }, JUNK);
          contracts++;
          if (Number.isFinite(a.iv)) {
            solved++;
            maxVolError = Math.max(maxVolError, Math.abs(a.iv - vol));
          }
        }
        await pace();
      }
    }
  }
  return { contracts, solved, maxVolError };
}

/**
 * Warms the option analysis once the bot is up: after `delayMs` (so the first command typed at
 * start-up goes first), in the background, never keeping the process alive. Failures are only logged.
 */
export function scheduleWarmUp(services: Pick<Services, 'market' | 'store' | 'clock' | 'calendar' | 'config' | 'logger'>, delayMs = 1000): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      warmUp(services).then(resolve, resolve);
    }, delayMs);
    timer.unref();
  });
}

/** The warm-up itself: the pure analysis, then (simulated market only) the risk-free rate every option reply uses. */
export async function warmUp(services: Pick<Services, 'market' | 'store' | 'clock' | 'calendar' | 'config' | 'logger'>): Promise<void> {
  try {
    await warmOptionAnalysis();
    if (services.config.data.source === 'sim') await riskFreeRate(services);
  } catch (err) {
    services.logger.debug({ err }, 'warm-up skipped');
  }
}
