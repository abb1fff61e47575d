import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { money, num, nyTime, pct, stampLine } from '../src/chat/format.js';
import { okReply, type ReplyField, type ReplyTable } from '../src/chat/reply.js';
import { buildGreeks, type GreeksRow, type GreeksView } from '../src/options/greeksData.js';
import { expiryArg, optionTypeArg, priceArg, tickerArg } from './args.js';
import { smileChart } from './views/smile-chart.js';
import { chainActions, showingType } from './views/chain-actions.js';
import { greeksData } from './schemas/greeks.js';
import { todaysPick } from '../src/scanner/todays-pick.js';
import type { CommandContext } from '../src/chat/command.js';

export { greeksData as dataSchema };

const MODEL = 'American (Andersen-Lake-Offengelder)';

export default defineCommand({
  name: 'greeks',
  description: 'Option chain Greeks, implied volatility, liquidity and a score per contract for a ticker',
  category: 'options',
  examples: ['/greeks ABCD', '/greeks ABCD 2026-12-18', '/greeks ABCD 2026-12-18 25 call', '/greeks ABCD put all=true', '/greeks ABCD bias=bullish'],
  args: z.object({
    ticker: tickerArg,
    expiry: expiryArg.optional(),
    strike: priceArg.optional().describe('Only this strike'),
    type: optionTypeArg.optional(),
    all: z.boolean().default(false).describe('Also show junk quotes (marked), and every strike'),
    bias: z
      .enum(['bullish', 'bearish', 'neutral'])
      .optional()
      .describe("Rank calls only (bullish), puts only (bearish) or both; default: the direction of today's scan pick of the ticker, else neutral"),
    pick: z.enum(['bullish', 'bearish']).optional().describe("The direction of the scan pick this came from (set by a scan reply's pick buttons)"),
  }),
  positional: ['ticker', 'expiry', 'strike', 'type'],
  dataSchema: greeksData,
  async run(ctx, args) {
    const b = await chooseBias(ctx, args);
    const v = await buildGreeks(ctx.services, { ...args, bias: b.bias });
    const { chain, expiry, years, rate, dividendYield, summary: s } = v;
    const days = Math.round(years * 365);
    const minDays = ctx.services.config.options.ivHistoryMinDays;
    const chart = smileChart(v.smile, `${chain.symbol} IV smile ${expiry} (spot ${chain.spot.toFixed(2)})`);
    return okReply('greeks', {
      title: `${chain.symbol} options — ${expiry} (${days} days)${v.earnings?.spans ? ` · spans earnings ${v.earnings.date}` : ''} · spot ${money(chain.spot)}`,
      text:
        (v.note ? `**${v.note}**\n` : '') +
        (v.closing
          ? `**Live quotes are empty (market closed): showing the last session's quotes (${v.closing.session}), as of ${nyTime(v.closing.asOf)}.**\n`
          : '') +
        `IV is our own solve from each contract's mid (without a two-sided quote, a last trade from this or the previous session only, marked with its time; else n/a) with the ${MODEL} model — US single-stock options are American; ` +
        `no IV, Greeks or POP where the price is within a tick of intrinsic (no time value). Breakeven and POP are a buyer's, at the ask. ` +
        `rate ${pct(rate, 2)} (${v.rateSource.source}), dividend yield ${pct(dividendYield, 2)}. Theta per calendar day, vega per 1 vol point. ` +
        `Score 0–100 from liquidity, value (IV vs realized vol), Greeks and probability of profit; junk quotes are never scored.` +
        (b.source === 'scan pick'
          ? `\nRanked with bias ${b.bias} (from today's scan pick): ${b.bias === 'bullish' ? 'calls' : 'puts'} only; bias=neutral ranks both.`
          : ''),
      tables: tables(v),
      fields: fields(v, minDays),
      chart,
      footer: stampLine(chain.stamp, [`model: ${MODEL}`]),
      actions: chainActions({ command: 'greeks', symbol: chain.symbol, expiry, expiries: chain.expiries, showing: showingType(v.rows.map((r) => r.c.type)) }),
      data: {
        symbol: chain.symbol,
        spot: chain.spot,
        note: v.note,
        asOf: chain.stamp.asOf,
        source: chain.stamp.source,
        delayed: chain.stamp.delayed,
        stale: chain.stamp.stale,
        simulated: chain.stamp.simulated,
        model: 'american',
        modelName: MODEL,
        rate,
        closingQuotes: v.closing ?? null,
        rateSource: v.rateSource.source,
        rateKind: v.rateSource.kind,
        dividendYield,
        bias: v.bias,
        biasSource: b.source,
        expiry,
        expiries: chain.expiries,
        units: {
          theta: 'per calendar day',
          vega: 'per 1 vol point',
          rho: 'per 1 rate point',
          iv: 'annual decimal',
          providerIv: "the provider's own figure, not used",
        },
        ivSummary: {
          atmIv: fin(s.atmIv),
          iv30: fin(s.iv30),
          ivRank: fin(s.ivRank),
          ivPercentile: fin(s.ivPercentile),
          historyDays: s.historyDays,
          historyMinDays: minDays,
          realizedVol: fin(s.realizedVol),
          realizedVolDays: s.realizedVolDays,
          expectedMove: fin(s.expectedMove),
          expectedMoveMethod: '1σ: S·σ·√T with the ATM IV of this expiry',
          straddle: fin(s.straddle),
          straddleStrike: fin(s.straddleStrike),
        },
        earnings: v.earnings
          ? {
              date: v.earnings.date,
              spansExpiry: v.earnings.spans,
              impliedMove: fin(v.earnings.move),
              impliedMoveDollars: fin(v.earnings.moveDollars),
              method: '1σ: sqrt((σ_after² − σ_before²)·T_after), ATM IVs of the expiries either side of the date',
              before: v.earnings.before ? { expiry: v.earnings.before.expiry, atmIv: fin(v.earnings.before.iv) } : null,
              after: v.earnings.after ? { expiry: v.earnings.after.expiry, atmIv: fin(v.earnings.after.iv) } : null,
              note: v.earnings.note ?? null,
            }
          : null,
        chartUrl: chart?.url ?? null,
        contracts: v.rows.map(({ c, a, parts, score, rank, returnOnTarget }) => ({
          type: c.type,
          strike: c.strike,
          expiry: c.expiry,
          bid: c.bid,
          ask: c.ask,
          last: c.last,
          volume: c.volume,
          openInterest: c.openInterest,
          iv: fin(a.iv),
          ivBasis: a.priceBasis,
          lastTradeAt: a.lastTradeAt ?? null,
          naReason: a.naReason ?? null,
          premium: fin(a.premium),
          premiumBasis: a.premiumBasis,
          delta: fin(a.delta),
          gamma: fin(a.gamma),
          theta: fin(a.thetaPerDay),
          vega: fin(a.vegaPerPoint),
          rho: fin(a.rhoPerPoint),
          price: fin(a.price),
          moneyness: a.moneyness,
          strikePct: fin(a.strikePct),
          intrinsic: fin(a.intrinsic),
          timeValue: fin(a.timeValue),
          thetaPctOfPremium: fin(a.thetaPctOfPremium),
          breakeven: fin(a.breakeven),
          probabilityOfProfit: fin(a.probabilityOfProfit),
          returnOnExpectedMove: fin(returnOnTarget),
          liquidity: a.liquidity,
          spreadPct: fin(a.spreadPct),
          score: fin(score),
          rank,
          scoreParts: { liquidity: fin(parts.liquidity), value: fin(parts.value), greeks: fin(parts.greeks), probability: fin(parts.probability) },
          junk: a.junk,
          providerIv: c.providerIv ?? null,
        })),
      },
    });
  },
});

function tables(v: GreeksView): ReplyTable[] {
  return (['call', 'put'] as const)
    .map((type) => ({
      title: `${type === 'call' ? 'Calls' : 'Puts'} — ${v.expiry}`,
      columns: ['Strike', 'Bid', 'Ask', 'IV', 'Delta', 'Gamma', 'Theta/d', 'Vega', 'OI', 'Vol', 'Liq', 'Score', 'Rank or note'],
      align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'] as ('left' | 'right')[],
      rows: v.rows.filter((r) => r.c.type === type).map(row),
    }))
    .filter((t) => t.rows.length);
}

function row({ c, a, score, rank }: GreeksRow): string[] {
  const traded = a.lastTradeAt ? `last trade ${nyTime(a.lastTradeAt).replace(/ ET$/, '')}` : '';
  const note = [rank ? `#${rank}` : '', traded, a.junk.length ? `junk: ${a.junk.join(', ')}` : ''].filter(Boolean).join(' · ');
  return [
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
    Number.isFinite(score) ? score.toFixed(0) : '—',
    note,
  ];
}

function fields(v: GreeksView, minDays: number): ReplyField[] {
  const s = v.summary;
  const building = `n/a (building history: ${s.historyDays} day${s.historyDays === 1 ? '' : 's'} of ${minDays})`;
  const iv = [
    `ATM IV ${pct(s.atmIv)} · 30-day ATM IV ${pct(s.iv30)}`,
    `IV rank ${s.historyReady ? pct(s.ivRank, 0) : building} · IV percentile ${s.historyReady ? pct(s.ivPercentile, 0) : building}`,
    `${s.realizedVolDays}-day realized vol ${pct(s.realizedVol)}`,
    `Expected move ±${money(s.expectedMove)} (1σ, S·σ·√T at ATM IV) · ATM straddle ${money(s.straddle)} (strike ${num(s.straddleStrike)})`,
  ].join('\n');
  const top = v.rows
    .filter((r) => r.rank !== null && r.rank <= 3)
    .sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0))
    .map(
      (r) =>
        `#${r.rank} ${r.c.strike} ${r.c.type}: score ${r.score.toFixed(0)}, breakeven ${money(r.a.breakeven)} at the ${money(r.a.premium)} ask, POP ${pct(r.a.probabilityOfProfit, 0)} (N(d2) at breakeven), theta ${pct(r.a.thetaPctOfPremium, 1)}/day of premium, ${pct(r.returnOnTarget, 0, true)} on a 1σ move`,
    );
  const out: ReplyField[] = [{ name: 'Volatility', value: iv }];
  const e = v.earnings;
  if (e) {
    const move =
      Number.isFinite(e.move) && e.before && e.after
        ? `implied earnings move ±${pct(e.move)} (±${money(e.moveDollars)}, 1σ, from ATM IV ${pct(e.before.iv)} on ${e.before.expiry} vs ${pct(e.after.iv)} on ${e.after.expiry})`
        : `implied earnings move n/a (${e.note ?? 'not formed'})`;
    out.push({
      name: 'Earnings',
      value: `Next earnings ${e.date}; ${e.spans ? `this ${v.expiry} expiry spans it` : `this ${v.expiry} expiry ends before it`}\n${move}`,
    });
  }
  out.push({
    name: v.bias === 'neutral' ? 'Top ranked' : `Top ranked (${v.bias}: ${v.bias === 'bullish' ? 'calls' : 'puts'} only)`,
    value: top.join('\n') || 'none: every shown quote is junk (use all=true to see them marked)',
  });
  out.push({
    name: 'Other expiries',
    value:
      v.chain.expiries
        .filter((e) => e !== v.expiry)
        .slice(0, 12)
        .join(', ') || 'none',
  });
  return out;
}

const fin = (x: number) => (Number.isFinite(x) ? x : null);

type BiasChoice = { bias: 'bullish' | 'bearish' | 'neutral'; source: 'asked' | 'scan pick' | 'default' };

/** An explicit bias wins; else the direction of the scan pick this came from (its button, or today's pick of the ticker); else neutral. */
async function chooseBias(
  ctx: CommandContext,
  a: { ticker: string; bias?: BiasChoice['bias'] | undefined; pick?: 'bullish' | 'bearish' | undefined },
): Promise<BiasChoice> {
  if (a.bias) return { bias: a.bias, source: 'asked' };
  if (a.pick) return { bias: a.pick, source: 'scan pick' };
  const p = await todaysPick(ctx.services, ctx.tenant, a.ticker);
  return p ? { bias: p.direction, source: 'scan pick' } : { bias: 'neutral', source: 'default' };
}
