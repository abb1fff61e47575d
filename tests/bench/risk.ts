/**
 * Risk benchmark: one-day VaR of a 50-position small-cap options book with full repricing.
 * - Historical: 504 days of joint underlying returns, every option repriced per day (goal 200 ms).
 * - Monte Carlo: 100,000 correlated normal paths (Cholesky of the historical covariance), every
 *   option repriced per path (goal 1 s), beside the same repricing through the object API.
 * Also times the sort inside historical VaR: typed-array sort vs Array#sort with a comparator vs
 * Array#sort with no comparator (which sorts numbers as strings and gets the quantile wrong).
 *
 * Run: `npx tsx tests/bench/risk.ts`. Data is seeded, so figures vary only with the machine.
 */
import { pathToFileURL } from 'node:url';
import { blackScholes, blackScholesInto } from '../../src/core/options/index.js';
import { check, figure } from './goals.js';
import { covarianceMatrix, historicalVaR, lossQuantiles, mulberry32, portfolioPnlScenarios, simulateCorrelatedReturns } from '../../src/core/risk/index.js';

type Right = 'call' | 'put';
type Pricer = (type: Right, spot: number, strike: number, years: number, rate: number, vol: number) => number;

const scratch = new Float64Array(6);
/** The options core's allocation-free entry point, as a VaR engine calls it in a loop. */
const corePrice: Pricer = (type, spot, strike, years, rate, vol) => blackScholesInto(scratch, type === 'call', spot, strike, years, rate, 0, vol)[0] as number;
/** The object API (an input and an output object per call): the baseline. */
const objectPrice: Pricer = (type, spot, strike, years, rate, vol) => blackScholes({ type, spot, strike, years, rate, dividendYield: 0, vol }).price;

interface OptionPosition {
  underlying: number;
  type: Right;
  strike: number;
  years: number;
  vol: number;
  /** Signed contracts × 100 shares. */
  shares: number;
  /** Price today, so a scenario's P&L is shares × (repriced − today). */
  price0: number;
}

const UNDERLYINGS = 20;
const POSITIONS = 50;
const DAYS = 504;
const PATHS = 100_000;
const RATE = 0.045;
const HORIZON = 1 / 365;

function buildBook(price: Pricer): { spots: number[]; dailyVols: number[]; book: OptionPosition[]; history: Float64Array[] } {
  const rng = mulberry32(20240601);
  const spots = Array.from({ length: UNDERLYINGS }, () => 3 + 47 * rng());
  const dailyVols = Array.from({ length: UNDERLYINGS }, () => 0.02 + 0.035 * rng());
  // One market factor (loading 0.5–0.8) plus idiosyncratic noise: covariance of small caps.
  const loads = dailyVols.map(() => 0.5 + 0.3 * rng());
  const cov = dailyVols.map((vi, i) => dailyVols.map((vj, j) => (i === j ? vi * vi : (loads[i] as number) * (loads[j] as number) * vi * vj)));
  const history = simulateCorrelatedReturns(new Array<number>(UNDERLYINGS).fill(0.0003), cov, DAYS, rng);
  const book = Array.from({ length: POSITIONS }, (_, p): OptionPosition => {
    const u = p % UNDERLYINGS;
    const spot = spots[u] as number;
    const type: Right = rng() < 0.6 ? 'call' : 'put';
    const strike = Math.round(spot * (0.8 + 0.4 * rng()) * 2) / 2 || 0.5;
    const years = (14 + Math.floor(rng() * 240)) / 365;
    const vol = (dailyVols[u] as number) * Math.sqrt(252);
    const shares = (rng() < 0.7 ? 1 : -1) * (1 + Math.floor(rng() * 20)) * 100;
    return { underlying: u, type, strike, years, vol, shares, price0: price(type, spot, strike, years, RATE, vol) };
  });
  return { spots, dailyVols, book, history };
}

/** Process CPU time of `f` (single-threaded, no I/O: the wall time of a machine to itself, robust to load). */
function time<T>(f: () => T): { value: T; ms: number } {
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000 };
}

export async function runRiskBench(): Promise<void> {
  const { spots, book, history } = buildBook(corePrice);
  const repriceWith =
    (price: Pricer) =>
    (p: OptionPosition, s: ArrayLike<number>): number => {
      const spot = (spots[p.underlying] as number) * (1 + (s[p.underlying] as number));
      return p.shares * (price(p.type, spot, p.strike, p.years - HORIZON, RATE, p.vol) - p.price0);
    };
  const reprice = repriceWith(corePrice);
  console.log(`risk bench: ${POSITIONS} option positions on ${UNDERLYINGS} underlyings, 1-day horizon, pricer: blackScholesInto (options core)`);

  const hist = time(() => {
    const pnl = portfolioPnlScenarios(book, history, reprice);
    return { pnl, q99: lossQuantiles(pnl, 0.99), q95: lossQuantiles(pnl, 0.95) };
  });
  console.log(
    `historical (${DAYS} days × ${POSITIONS} repricings): ${hist.ms.toFixed(1)} ms (goal 200 ms) — ` +
      `VaR99 ${hist.value.q99.var.toFixed(0)}, CVaR99 ${hist.value.q99.cvar.toFixed(0)}, VaR95 ${hist.value.q95.var.toFixed(0)}`,
  );

  const mc = time(() => {
    const cov = covarianceMatrix(Array.from({ length: UNDERLYINGS }, (_, u) => history.map((d) => d[u] as number)));
    const paths = simulateCorrelatedReturns(new Array<number>(UNDERLYINGS).fill(0), cov, PATHS, mulberry32(7));
    const pnl = portfolioPnlScenarios(book, paths, reprice);
    return { pnl, paths, q99: lossQuantiles(pnl, 0.99), q95: lossQuantiles(pnl, 0.95) };
  });
  const paths20k = mc.value.paths;
  console.log(
    `monte carlo (${PATHS.toLocaleString('en-US')} paths × ${POSITIONS} repricings): ${mc.ms.toFixed(0)} ms (goal 1000 ms) — ` +
      `VaR99 ${mc.value.q99.var.toFixed(0)}, CVaR99 ${mc.value.q99.cvar.toFixed(0)}, VaR95 ${mc.value.q95.var.toFixed(0)}`,
  );

  // The sort is the only super-linear step of historical VaR; compare on the 100k MC P&L.
  const pnl = Array.from(mc.value.pnl);
  const typed = time(() => historicalVaR(pnl, 0.99));
  const comparator = time(() => {
    const s = [...pnl].sort((a, b) => a - b);
    const h = (s.length - 1) * 0.01;
    const lo = Math.floor(h);
    return -((s[lo] as number) + (h - lo) * ((s[lo + 1] as number) - (s[lo] as number)));
  });
  const lexicographic = time(() => {
    const s = [...pnl].sort();
    return -(s[Math.floor((s.length - 1) * 0.01)] as number);
  });
  console.log(
    `sort for VaR over ${PATHS.toLocaleString('en-US')} P&Ls: Float64Array ${typed.ms.toFixed(1)} ms, ` +
      `Array#sort((a,b)=>a-b) ${comparator.ms.toFixed(1)} ms, Array#sort() ${lexicographic.ms.toFixed(1)} ms ` +
      `(string order: "VaR" ${lexicographic.value.toFixed(0)} vs ${typed.value.toFixed(0)} — wrong, not just slow)`,
  );

  const mcPaths = Array.from({ length: 20_000 }, (_, i) => paths20k[i] as Float64Array);
  const object = time(() => portfolioPnlScenarios(book, mcPaths, repriceWith(objectPrice)));
  figure({
    name: 'Monte Carlo VaR, 1e5 paths (risk core)',
    value: mc.ms,
    unit: 'ms',
    goal: '≤ 1000 ms',
    met: mc.ms <= 1000,
    baseline: { label: 'object-API pricer (×5 of 20k)', value: object.ms * 5 },
    ratio: mc.ms / (object.ms * 5),
  });
  check(
    Math.abs(typed.value - comparator.value) <= 1e-12 * Math.abs(comparator.value),
    `historical VaR by typed-array sort ${typed.value} differs from the comparator sort ${comparator.value}`,
  );
  for (const q of [hist.value.q99, hist.value.q95, mc.value.q99, mc.value.q95]) check(q.var <= q.cvar + 1e-9, `VaR ${q.var} above CVaR ${q.cvar}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runRiskBench();
}
