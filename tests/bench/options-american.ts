/**
 * American rows of the options benchmark (options.ts): Andersen-Lake-Offengelder prices against the
 * converged scheme (itself cross-checked against 3001/1501-step extrapolated Leisen-Reimer trees), the
 * previous LR trees as the baseline, price + Greeks from one boundary solve against nine bumped prices
 * (Greeks checked against central differences of converged prices), and American IV.
 */

import { ALO_PRECISE, americanGreeks, americanImpliedVol, americanPriceRaw, americanTreePriceRaw } from '../../src/core/options/index.js';
import { check, figure } from './goals.js';
import { type Case, type Row, rate } from './options-cases.js';

/** Measures the American rows into `rows`; returns the printer of their goals (called after the table). */
export function americanRows(eu: Case[], rows: Row[]): () => void {
  // American: puts with small dividends and calls with q = 3 % (early exercise pays for both).
  const am = eu.slice(0, 200).map((c) => ({ ...c, q: c.call ? 0.03 : 0.01 }));
  const amRef = am.map((c) => americanPriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v, ALO_PRECISE));
  // Relative error, with prices under 1e-4 of spot measured against that floor.
  const amRel = (a: number, i: number) => Math.abs(a - amRef[i]!) / Math.max(amRef[i]!, 1e-2);
  const amRate = rate(() => {
    let s = 0;
    for (const c of am) s += americanPriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v);
    return s;
  }, am.length);
  const amErr = am.reduce((m, c, i) => Math.max(m, amRel(americanPriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v), i)), 0);
  rows.push({
    task: 'American prices /s, ALO (max rel err)',
    ours: amRate,
    oursErr: amErr,
    peers: { '@uqee/black-scholes': null, 'greeks+black-scholes': null, 'implied-volatility': null },
  });
  const few = am.slice(0, 40);
  const treeRate = rate(() => {
    let s = 0;
    for (const c of few) s += americanTreePriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v);
    return s;
  }, few.length);
  const treeErr = few.reduce((m, c, i) => Math.max(m, amRel(americanTreePriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v), i)), 0);
  rows.push({
    task: 'American prices /s, LR 75/151 trees (previous)',
    ours: treeRate,
    oursErr: treeErr,
    peers: { '@uqee/black-scholes': null, 'greeks+black-scholes': null, 'implied-volatility': null },
  });
  const bigTree = few.slice(0, 8).reduce((m, c, i) => Math.max(m, amRel(americanTreePriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v, 3001, 1501), i)), 0);
  const agRate = rate(() => {
    let s = 0;
    for (const c of few)
      s += americanGreeks({ type: c.call ? 'call' : 'put', spot: c.S, strike: c.K, years: c.T, rate: c.r, dividendYield: c.q, vol: c.v }).delta;
    return s;
  }, few.length);
  rows.push({
    task: 'American price+Greeks /s (boundary)',
    ours: agRate,
    oursErr: NaN,
    peers: { '@uqee/black-scholes': null, 'greeks+black-scholes': null, 'implied-volatility': null },
  });
  const bumpRate = rate(() => {
    let s = 0;
    for (const c of few) s += bumpedGreeks(c.call, c.S, c.K, c.T, c.r, c.q, c.v);
    return s;
  }, few.length);
  let agErr = 0;
  for (const c of few.slice(0, 12)) {
    const g = americanGreeks({ type: c.call ? 'call' : 'put', spot: c.S, strike: c.K, years: c.T, rate: c.r, dividendYield: c.q, vol: c.v });
    const P = (s: number, t: number, r: number, v: number) => americanPriceRaw(c.call, s, c.K, t, r, c.q, v, ALO_PRECISE);
    const hs = 1e-3 * c.S,
      ht = 1e-3 * c.T;
    const fd = [
      (P(c.S + hs, c.T, c.r, c.v) - P(c.S - hs, c.T, c.r, c.v)) / (2 * hs),
      (P(c.S, c.T - ht, c.r, c.v) - P(c.S, c.T + ht, c.r, c.v)) / (2 * ht),
      (P(c.S, c.T, c.r, c.v + 1e-3) - P(c.S, c.T, c.r, c.v - 1e-3)) / 2e-3,
      (P(c.S, c.T, c.r + 1e-4, c.v) - P(c.S, c.T, c.r - 1e-4, c.v)) / 2e-4,
    ];
    [g.delta, g.theta, g.vega, g.rho].forEach((x, k) => {
      agErr = Math.max(agErr, Math.abs(x - fd[k]!) / (Math.abs(fd[k]!) + 1e-3));
    });
  }

  const amIv = am
    .slice(0, 100)
    .map((c) => ({ ...c, am: americanPriceRaw(c.call, c.S, c.K, c.T, c.r, c.q, c.v) }))
    .filter((c) => c.am > (c.call ? c.S - c.K : c.K - c.S) + 1e-6);
  const amIvRate = rate(() => {
    let s = 0;
    for (const c of amIv) s += americanImpliedVol(c.call, c.am, c.S, c.K, c.T, c.r, c.q);
    return s;
  }, amIv.length);
  const amIvErr = amIv.reduce((m, c) => Math.max(m, Math.abs(americanImpliedVol(c.call, c.am, c.S, c.K, c.T, c.r, c.q) - c.v)), 0);
  rows.push({
    task: 'American IV solves /s (max abs vol err)',
    ours: amIvRate,
    oursErr: amIvErr,
    peers: { '@uqee/black-scholes': null, 'greeks+black-scholes': null, 'implied-volatility': null },
  });
  return () => {
    console.log(`Reference check: 3001/1501-step extrapolated LR trees differ from the converged ALO by ${bigTree.toExponential(1)} at most (8 contracts).`);
    figure({
      name: 'American prices (ALO)',
      value: amRate,
      unit: '/s',
      goal: '≥ 1e5 /s',
      met: amRate >= 1e5,
      baseline: { label: 'LR 75/151 trees', value: treeRate },
      ratio: amRate / treeRate,
    });
    figure({ name: 'American max rel err', value: amErr, unit: '', goal: '≤ 1e-6', met: amErr <= 1e-6, baseline: { label: 'LR trees', value: treeErr } });
    check(amErr <= 3e-5, `American prices ${amErr.toExponential(1)} from the converged scheme (documented bound 3e-5)`);
    figure({
      name: 'American Greeks sets',
      value: agRate,
      unit: '/s',
      goal: '≥ 2e4 /s',
      met: agRate >= 2e4,
      baseline: { label: '9 ALO prices (bumps)', value: bumpRate },
      ratio: agRate / bumpRate,
    });
    check(agErr <= 2e-3, `American Greeks ${agErr.toExponential(1)} from converged finite differences (> 2e-3)`);
    figure({ name: 'American IV solves', value: amIvRate, unit: '/s', goal: 'report only', met: true });
  };
}

/** The previous American Greeks: central differences of nine full ALO prices (the baseline). */
function bumpedGreeks(c: boolean, S: number, K: number, T: number, r: number, q: number, v: number): number {
  const P = (s: number, t: number, rr: number, vv: number) => americanPriceRaw(c, s, K, t, rr, q, vv);
  const hs = S * 0.005,
    hv = Math.min(0.005, v * 0.01),
    ht = 1 / 365;
  return (
    P(S, T, r, v) +
    (P(S + hs, T, r, v) - P(S - hs, T, r, v)) / (2 * hs) +
    (P(S, T, r, v + hv) - P(S, T, r, v - hv)) / (2 * hv) +
    (P(S, T, r + 1e-3, v) - P(S, T, r - 1e-3, v)) / 2e-3 +
    (P(S, T - ht, r, v) - P(S, T + ht, r, v)) / (2 * ht)
  );
}
