/**
 * Options benchmark: throughput and accuracy of our core against the npm peers
 * `@uqee/black-scholes`, `greeks` + `black-scholes`, and `implied-volatility`.
 * Run: `npx tsx tests/bench/options.ts` (also imported by `npm run bench`).
 * Peers have no dividend yield, so the shared workload uses q = 0; errors are measured against an
 * independent form (European prices: the normalised Black function, which never cancels; Greeks
 * against our own, which the unit tests check against finite differences; the converged ALO scheme, cross-checked
 * against 3001/1501-step extrapolated Leisen-Reimer trees, for American). Rates are the best of several
 * rounds of process CPU time (robust to other processes on the machine); the load average is printed.
 */

import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { blackScholesInto, europeanImpliedVol, normalisedBlackCall } from '../../src/core/options/index.js';
import { check, figure } from './goals.js';
import { americanRows } from './options-american.js';
import { type Case, cases, type Row, rates } from './options-cases.js';

const require = createRequire(import.meta.url);
type Bs = (s: number, k: number, t: number, v: number, r: number, cp: string) => number;
const uqee = new (require('@uqee/black-scholes').BlackScholes)({ sigmaToPricePrecision: 'double' }) as {
  option(a: object): { price: number; delta: number; gamma: number; vega: number; theta: number; rho: number };
  sigma(a: object): number;
};
const uqeeIv = new (require('@uqee/black-scholes').BlackScholes)({
  sigmaToPricePrecision: 'double',
  priceToSigmaMethod: 'newton-raphson',
  priceToSigmaAccuracy: 1e-12,
  priceToSigmaNRIteractions: 50,
}) as typeof uqee;
const mattBs = require('black-scholes') as { blackScholes: Bs };
const greeks = require('greeks') as Record<'getDelta' | 'getTheta' | 'getRho', (s: number, k: number, t: number, v: number, r: number, cp: string) => number> &
  Record<'getGamma' | 'getVega', (s: number, k: number, t: number, v: number, r: number) => number>;
const ivPkg = require('implied-volatility') as {
  getImpliedVolatility: (p: number, s: number, k: number, t: number, r: number, cp: string, est?: number) => number;
};

const PEERS = ['@uqee/black-scholes', 'greeks+black-scholes', 'implied-volatility'] as const;

export async function runOptionsBench(): Promise<void> {
  const eu = cases(2000);
  const o = new Float64Array(6);
  const rows: Row[] = [];

  // European price + Greeks
  const ref = eu.map((c) => Array.from(blackScholesInto(new Float64Array(6), c.call, c.S, c.K, c.T, c.r, 0, c.v)));
  const oursFn = () => {
    let s = 0;
    for (const c of eu) s += blackScholesInto(o, c.call, c.S, c.K, c.T, c.r, 0, c.v)[0]!;
    return s;
  };
  const uqFn = () => {
    let s = 0;
    for (const c of eu) s += uqee.option({ rate: c.r, sigma: c.v, strike: c.K, time: c.T, type: c.call ? 'call' : 'put', underlying: c.S }).price;
    return s;
  };
  const gkFn = () => {
    let s = 0;
    for (const c of eu) {
      const cp = c.call ? 'call' : 'put';
      s +=
        mattBs.blackScholes(c.S, c.K, c.T, c.v, c.r, cp) +
        greeks.getDelta(c.S, c.K, c.T, c.v, c.r, cp) +
        greeks.getGamma(c.S, c.K, c.T, c.v, c.r) +
        greeks.getVega(c.S, c.K, c.T, c.v, c.r) +
        greeks.getTheta(c.S, c.K, c.T, c.v, c.r, cp) +
        greeks.getRho(c.S, c.K, c.T, c.v, c.r, cp);
    }
    return s;
  };
  const [ours, uq, gk] = rates([oursFn, uqFn, gkFn], [eu.length, eu.length, eu.length]) as [number, number, number];
  const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
  const euErr = eu.reduce((m, c) => {
    const kr = c.K * Math.exp(-c.r * c.T);
    const norm = Math.sqrt(c.S * kr) * normalisedBlackCall((c.call ? 1 : -1) * Math.log(c.S / kr), c.v * Math.sqrt(c.T));
    return Math.max(m, relErr(blackScholesInto(o, c.call, c.S, c.K, c.T, c.r, 0, c.v)[0]!, norm));
  }, 0);
  let uqErr = 0,
    gkErr = 0;
  eu.forEach((c, i) => {
    const cp = c.call ? 'call' : 'put';
    const u = uqee.option({ rate: c.r, sigma: c.v, strike: c.K, time: c.T, type: cp, underlying: c.S });
    uqErr = Math.max(uqErr, relErr(u.price, ref[i]![0]!), relErr(u.delta, ref[i]![1]!), relErr(u.gamma, ref[i]![2]!), relErr(u.vega, ref[i]![3]!));
    gkErr = Math.max(
      gkErr,
      relErr(mattBs.blackScholes(c.S, c.K, c.T, c.v, c.r, cp), ref[i]![0]!),
      relErr(greeks.getDelta(c.S, c.K, c.T, c.v, c.r, cp), ref[i]![1]!),
    );
  });
  rows.push({
    task: 'European price+Greeks /s (max rel err)',
    ours,
    oursErr: euErr,
    peers: { '@uqee/black-scholes': { rate: uq, err: uqErr }, 'greeks+black-scholes': { rate: gk, err: gkErr }, 'implied-volatility': null },
  });

  // European IV: error = |σ̂ − σ| in vol units
  const ivOursFn = () => {
    let s = 0;
    for (const c of eu) s += europeanImpliedVol(c.call, c.price, c.S, c.K, c.T, c.r, 0);
    return s;
  };
  const ivErr = (f: (c: Case) => number) => eu.reduce((m, c) => Math.max(m, Math.abs(f(c) - c.v)), 0);
  const small = eu.slice(0, 200);
  const ivUFn = () => {
    let s = 0;
    for (const c of small) s += uqeeIv.sigma({ price: c.price, rate: c.r, strike: c.K, time: c.T, type: c.call ? 'call' : 'put', underlying: c.S });
    return s;
  };
  const ivPFn = () => {
    let s = 0;
    for (const c of small) s += ivPkg.getImpliedVolatility(c.price, c.S, c.K, c.T, c.r, c.call ? 'call' : 'put');
    return s;
  };
  const [ivOurs, ivU, ivP] = rates([ivOursFn, ivUFn, ivPFn], [eu.length, small.length, small.length]) as [number, number, number];
  rows.push({
    task: 'European IV solves /s (max abs vol err)',
    ours: ivOurs,
    oursErr: ivErr((c) => europeanImpliedVol(c.call, c.price, c.S, c.K, c.T, c.r, 0)),
    peers: {
      '@uqee/black-scholes': {
        rate: ivU,
        err: ivErr((c) => uqeeIv.sigma({ price: c.price, rate: c.r, strike: c.K, time: c.T, type: c.call ? 'call' : 'put', underlying: c.S })),
      },
      'greeks+black-scholes': null,
      'implied-volatility': {
        rate: ivP,
        err: small.reduce((m, c) => Math.max(m, Math.abs(ivPkg.getImpliedVolatility(c.price, c.S, c.K, c.T, c.r, c.call ? 'call' : 'put') - c.v)), 0),
      },
    },
  });

  const americanFigures = americanRows(eu, rows);

  const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0));
  const cell = (p: { rate: number; err: number } | null, ours: number) =>
    p ? `${fmt(p.rate)} (${p.err.toExponential(1)}) x${(ours / p.rate).toFixed(1)}` : 'n/a';
  const table = rows.map((r) => ({
    task: r.task,
    ours: `${fmt(r.ours)}${Number.isFinite(r.oursErr) ? ` (${r.oursErr.toExponential(1)})` : ''}`,
    ...Object.fromEntries(PEERS.map((p) => [p, cell(r.peers[p] ?? null, r.ours)])),
  }));
  const [l1, l5] = loadavg();
  console.log(
    `Options core vs npm peers — rate per CPU-second, best of 5 interleaved rounds (max error vs our reference), xN = ours/peer speed ratio; load average ${l1!.toFixed(2)} (1 min), ${l5!.toFixed(2)} (5 min)`,
  );
  console.table(table);
  console.log('Goals (rates per CPU-second; peers and baselines measured in this run):');
  figure({
    name: 'European price+Greeks',
    value: ours,
    unit: '/s',
    goal: '≥ 1.0× @uqee',
    met: ours >= uq,
    baseline: { label: '@uqee/black-scholes', value: uq },
    ratio: ours / uq,
  });
  figure({ name: 'European price max rel err', value: euErr, unit: '', goal: '≤ 1e-12', met: euErr <= 1e-12 });
  check(euErr <= 1e-12, `European prices differ from the normalised Black form by ${euErr.toExponential(1)} (> 1e-12)`);
  figure({
    name: 'European IV solves',
    value: ivOurs,
    unit: '/s',
    goal: '≥ 2e6 /s',
    met: ivOurs >= 2e6,
    baseline: { label: '@uqee (Newton)', value: ivU },
    ratio: ivOurs / ivU,
  });
  const ivMax = ivErr((c) => europeanImpliedVol(c.call, c.price, c.S, c.K, c.T, c.r, 0));
  check(ivMax <= 1e-10, `European IV recovers vol to ${ivMax.toExponential(1)} (> 1e-10)`);
  americanFigures();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runOptionsBench();
