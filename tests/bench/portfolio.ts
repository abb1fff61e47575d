/**
 * Portfolio risk benchmark on the simulated market: a 50-position options book on 20 underlyings
 * (calls and puts, long and short, American, implied vols solved from the chains' mids), one-day VaR
 * with full repricing.
 * - Historical: two years (~500 days) of the underlyings' joint returns (goal 200 ms).
 * - Monte Carlo: 100,000 correlated paths (floor 2 s).
 * Also runs the historical VaR with exact American repricing of every scenario (no grid) to show
 * what the grid costs in accuracy: the largest P&L difference between the two.
 *
 * Run: `npx tsx tests/bench/portfolio.ts`. Everything is seeded; figures vary only with the machine.
 */
import { pathToFileURL } from 'node:url';
import { impliedVol } from '../../src/core/options/index.js';
import { historicalVar, jointReturns, monteCarloVar, type Holding, type PriceSeries } from '../../src/core/portfolio/index.js';
import { yearsToExpiry } from '../../src/market/expiry.js';
import { createTestBot } from '../helpers/bot.js';
import { check, figure } from './goals.js';

const POSITIONS = 50;
const UNDERLYINGS = 20;
const DAYS = 504;
const PATHS = 100_000;
const RATE = 0.04;

async function buildBook(): Promise<{ holdings: Holding[]; rows: Float64Array[]; columns: Float64Array[]; symbols: string[] }> {
  const bot = await createTestBot({ symbols: 600 });
  try {
    const { market, clock } = bot.services;
    const now = clock.now();
    const symbols: string[] = [];
    const chains = [];
    for (const u of await market.universe()) {
      if (symbols.length === UNDERLYINGS) break;
      const first = await market.optionChain(u.symbol).catch(() => undefined);
      const expiry = first?.expiries.find((e) => yearsToExpiry(e, now) * 365 >= 20);
      if (!first || !expiry) continue;
      const chain = await market.optionChain(u.symbol, expiry);
      const f = await market.fundamentals(u.symbol);
      symbols.push(u.symbol);
      chains.push({ chain, q: f.dividendYield ?? 0, years: yearsToExpiry(expiry, now) });
    }
    const series: PriceSeries[] = await Promise.all(
      symbols.map(async (s) => {
        const b = await market.history(s, { from: '2024-06-01' });
        return { symbol: s, dates: b.bars.map((x) => x.date), closes: b.bars.map((x) => x.close) };
      }),
    );
    const joint = jointReturns(series, DAYS);
    const holdings: Holding[] = [];
    for (let i = 0; holdings.length < POSITIONS; i++) {
      const u = i % symbols.length;
      const { chain, q, years } = chains[u] as (typeof chains)[number];
      const type = i % 3 === 0 ? 'put' : 'call';
      const near = chain.contracts
        .filter((c) => c.type === type && (c.bid ?? 0) > 0)
        .sort((a, b) => Math.abs(a.strike - chain.spot) - Math.abs(b.strike - chain.spot));
      const c = near[Math.floor(i / symbols.length) % Math.max(1, near.length)];
      if (!c) continue;
      const mid = ((c.bid as number) + (c.ask as number)) / 2;
      const iv = impliedVol({ type, price: mid, spot: chain.spot, strike: c.strike, years, rate: RATE, dividendYield: q, style: 'american' });
      const units = (i % 4 === 3 ? -1 : 1) * (1 + (i % 5)) * 100;
      holdings.push({
        kind: 'option',
        underlying: u,
        units,
        spot: chain.spot,
        type,
        strike: c.strike,
        years,
        rate: RATE,
        dividendYield: q,
        vol: Number.isFinite(iv) ? iv : 0.5,
      });
    }
    return { holdings, rows: joint.rows, columns: joint.columns, symbols };
  } finally {
    await bot.close();
  }
}

/** Process CPU time of `f` (single-threaded, no I/O: the wall time of a machine to itself, robust to load). */
function time<T>(f: () => T): { value: T; ms: number } {
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000 };
}

const show = (f: { level: number; var: number; cvar: number }[]) =>
  f.map((x) => `VaR${x.level * 100} ${x.var.toFixed(0)} CVaR${x.level * 100} ${x.cvar.toFixed(0)}`).join(', ');

export async function runPortfolioBench(): Promise<void> {
  const { holdings, rows, columns } = await buildBook();
  const puts = holdings.filter((h) => h.kind === 'option' && h.type === 'put').length;
  console.log(
    `portfolio bench: ${holdings.length} American options (${puts} puts) on ${columns.length} simulated underlyings, ${rows.length} days of joint returns, 1-day horizon`,
  );
  historicalVar(holdings.slice(0, 2), rows.slice(0, 20)); // warm the JIT on a tiny book
  const hist = time(() => historicalVar(holdings, rows));
  console.log(
    `historical VaR, full repricing on a grid (${rows.length} days × ${holdings.length} positions): ${hist.ms.toFixed(1)} ms (goal 200 ms) — ${show(hist.value.figures)}`,
  );
  const mc = time(() => monteCarloVar(holdings, columns, { paths: PATHS, seed: 7 }));
  console.log(
    `monte carlo VaR, full repricing on a grid (${PATHS.toLocaleString('en-US')} paths × ${holdings.length} positions): ${mc.ms.toFixed(0)} ms (goal 1000 ms) — ${show(mc.value.figures)}`,
  );
  const exact = time(() => historicalVar(holdings, rows, { grid: false }));
  let worst = 0;
  for (let t = 0; t < rows.length; t++) worst = Math.max(worst, Math.abs((exact.value.pnl[t] as number) - (hist.value.pnl[t] as number)));
  console.log(
    `historical VaR, exact American tree per scenario (reference): ${exact.ms.toFixed(0)} ms — ${show(exact.value.figures)}; largest book P&L difference from the grid $${worst.toFixed(4)}`,
  );
  figure({
    name: 'Monte Carlo VaR, 1e5 paths (book)',
    value: mc.ms,
    unit: 'ms',
    goal: '≤ 1000 ms',
    met: mc.ms <= 1000,
    baseline: { label: 'exact historical (504 d)', value: exact.ms },
    ratio: mc.ms / exact.ms,
  });
  figure({
    name: 'historical VaR, grid (book)',
    value: hist.ms,
    unit: 'ms',
    goal: '≤ 200 ms',
    met: hist.ms <= 200,
    baseline: { label: 'exact repricing', value: exact.ms },
    ratio: hist.ms / exact.ms,
  });
  for (const v of [...hist.value.figures, ...mc.value.figures])
    check(v.var <= v.cvar + 1e-9 && v.var >= 0, `VaR${v.level * 100} ${v.var} above CVaR ${v.cvar}`);
  // The grid's documented bound (reprice.ts tests): cents on a book of this size, not dollars.
  check(worst < 1, `the grid's P&L differs from exact repricing by $${worst.toFixed(2)} (≥ $1)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runPortfolioBench();
}
