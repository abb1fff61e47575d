import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { money, num, pct, stampLine } from '../src/chat/format.js';
import { okReply, type ReplyTable } from '../src/chat/reply.js';
import { analyzeContract } from '../src/core/options/analyze.js';
import { yearsToExpiry, chooseExpiry } from '../src/market/expiry.js';
import { expiryArg, optionTypeArg, tickerArg } from './args.js';

export default defineCommand({
  name: 'greeks',
  description: 'Option chain Greeks, implied volatility and liquidity for a ticker',
  category: 'options',
  examples: ['/greeks ABCD', '/greeks ABCD 2026-12-18', '/greeks ABCD 2026-12-18 25 call', '/greeks ABCD put all=true'],
  args: z.object({
    ticker: tickerArg,
    expiry: expiryArg.optional(),
    strike: z.number().positive().optional().describe('Only this strike'),
    type: optionTypeArg.optional(),
    all: z.boolean().default(false).describe('Also show junk quotes (marked), and every strike'),
  }),
  positional: ['ticker', 'expiry', 'strike', 'type'],
  async run(ctx, args) {
    const { market, config, clock } = ctx.services;
    const first = await market.optionChain(args.ticker);
    const now = clock.now();
    const expiry = args.expiry ?? chooseExpiry(first.expiries, now, config.options.expiryDays);
    if (!expiry) throw new CommandError('NO_OPTIONS', `${first.symbol} has no listed expiries.`);
    const chain = expiry === first.contracts[0]?.expiry ? first : await market.optionChain(args.ticker, expiry);
    const spot = chain.spot;
    const dividendYield = await market
      .fundamentals(chain.symbol)
      .then((f) => f.dividendYield ?? config.options.defaultDividendYield)
      .catch(() => config.options.defaultDividendYield);
    const years = yearsToExpiry(expiry, now);
    const rate = config.options.riskFreeRate;
    const range = config.options.strikeRangePct;
    let contracts = chain.contracts.filter((c) => (args.type ? c.type === args.type : true));
    if (args.strike !== undefined) {
      contracts = contracts.filter((c) => Math.abs(c.strike - (args.strike as number)) < 1e-6);
      if (!contracts.length) {
        const strikes = [...new Set(chain.contracts.map((c) => c.strike))].sort((a, b) => a - b);
        const near = strikes.sort((a, b) => Math.abs(a - (args.strike as number)) - Math.abs(b - (args.strike as number))).slice(0, 6).sort((a, b) => a - b);
        throw new CommandError('UNKNOWN_STRIKE', `${chain.symbol} ${expiry} has no ${args.strike} strike; nearest are ${near.join(', ')}.`);
      }
    } else if (!args.all) {
      contracts = contracts.filter((c) => Math.abs(c.strike / spot - 1) <= range);
    }
    const rows = contracts.map((c) => ({ c, a: analyzeContract(c, { spot, years, rate, dividendYield, model: 'american' }, config.options.junk) }));
    const shown = args.all ? rows : rows.filter((r) => r.a.junk.length === 0 || Number.isFinite(r.a.iv));
    const tables: ReplyTable[] = (['call', 'put'] as const)
      .map((type) => ({
        title: `${type === 'call' ? 'Calls' : 'Puts'} — ${expiry}`,
        columns: ['Strike', 'Bid', 'Ask', 'IV', 'Delta', 'Gamma', 'Theta/d', 'Vega', 'OI', 'Vol', 'Liq', ''],
        align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] as ('left' | 'right')[],
        rows: shown
          .filter((r) => r.c.type === type)
          .map(({ c, a }) => [
            num(c.strike),
            num(c.bid),
            num(c.ask),
            pct(a.iv),
            num(a.delta, 3),
            num(a.gamma, 4),
            num(a.thetaPerDay, 3),
            num(a.vegaPerPoint, 3),
            String(c.openInterest ?? 'n/a'),
            String(c.volume ?? 'n/a'),
            num(a.liquidity, 2),
            a.junk.length ? `junk: ${a.junk.join(', ')}` : a.priceBasis === 'last' ? 'IV from last trade' : '',
          ]),
      }))
      .filter((t) => t.rows.length);
    const days = Math.round(years * 365);
    return okReply('greeks', {
      title: `${chain.symbol} options — ${expiry} (${days} days) · spot ${money(spot)}`,
      text: `IV is our own solve from each contract's mid with the American model (US single-stock options are American); rate ${pct(rate, 2)}, dividend yield ${pct(dividendYield, 2)}. Theta per calendar day, vega per 1 vol point.`,
      tables,
      fields: [{ name: 'Other expiries', value: chain.expiries.filter((e) => e !== expiry).slice(0, 12).join(', ') || 'none' }],
      footer: stampLine(chain.stamp, ['model: American (Leisen-Reimer)']),
      data: {
        symbol: chain.symbol,
        spot,
        asOf: chain.stamp.asOf,
        source: chain.stamp.source,
        delayed: chain.stamp.delayed,
        stale: chain.stamp.stale,
        simulated: chain.stamp.simulated,
        model: 'american',
        rate,
        dividendYield,
        expiry,
        expiries: chain.expiries,
        units: { theta: 'per calendar day', vega: 'per 1 vol point', rho: 'per 1 rate point', iv: 'annual decimal' },
        contracts: shown.map(({ c, a }) => ({
          type: c.type,
          strike: c.strike,
          expiry: c.expiry,
          bid: c.bid,
          ask: c.ask,
          last: c.last,
          volume: c.volume,
          openInterest: c.openInterest,
          iv: finiteOrNull(a.iv),
          ivBasis: a.priceBasis,
          delta: finiteOrNull(a.delta),
          gamma: finiteOrNull(a.gamma),
          theta: finiteOrNull(a.thetaPerDay),
          vega: finiteOrNull(a.vegaPerPoint),
          rho: finiteOrNull(a.rhoPerPoint),
          liquidity: a.liquidity,
          spreadPct: finiteOrNull(a.spreadPct),
          junk: a.junk,
          providerIv: c.providerIv ?? null,
        })),
      },
    });
  },
});

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
