/**
 * Full revaluation of holdings under moves of their underlyings, for VaR and stress. Options are
 * repriced with the American model of the options core (US single-stock options are American),
 * never by delta: value after the move and one horizon of time decay, minus the model value now,
 * at unchanged implied vol (sticky strike).
 *
 * Speed: 50 options × 100,000 Monte Carlo paths is 5 million revaluations, too many binomial trees.
 * `prepareRepricer` therefore splits each American price into the exact Black-Scholes-Merton price
 * of the scenario plus the early-exercise premium (American − European), which it tabulates once
 * per holding on a grid of spots spanning the scenarios and interpolates (a smooth, small function);
 * calls where early exercise can never pay (no dividend, rate ≥ 0) need no table at all.
 */
import { americanPrice, blackScholes } from '../options/index.js';

export interface StockHolding {
  kind: 'stock';
  /** Column of this holding's underlying in each scenario. */
  underlying: number;
  /** Signed shares (a short is negative). */
  units: number;
  spot: number;
}

export interface OptionHolding {
  kind: 'option';
  underlying: number;
  /** Signed shares controlled: contracts × multiplier, negative when short. */
  units: number;
  spot: number;
  type: 'call' | 'put';
  strike: number;
  /** Calendar years to expiry now. */
  years: number;
  rate: number;
  dividendYield: number;
  /** Annual implied (or stand-in) volatility, held constant across scenarios. */
  vol: number;
}

export type Holding = StockHolding | OptionHolding;

/** American value per share of an option holding at `spot` with `years` left; intrinsic at or after expiry. */
export function optionValue(h: OptionHolding, spot: number, years: number): number {
  if (years <= 0) return Math.max(h.type === 'call' ? spot - h.strike : h.strike - spot, 0);
  return americanPrice({ type: h.type, spot, strike: h.strike, years, rate: h.rate, dividendYield: h.dividendYield, vol: h.vol });
}

/** P&L of one holding when its underlying returns `r` (simple) over `horizonYears`, by exact American repricing. */
export function repriceExact(h: Holding, r: number, horizonYears: number): number {
  if (h.kind === 'stock') return h.units * h.spot * r;
  return h.units * (optionValue(h, h.spot * (1 + r), h.years - horizonYears) - optionValue(h, h.spot, h.years));
}

/** Delta-only P&L approximation, for comparison with full repricing (it misses gamma and decay). */
export function repriceDelta(h: Holding, r: number, delta: number): number {
  return h.kind === 'stock' ? h.units * h.spot * r : h.units * delta * h.spot * r;
}

export interface RepricerOptions {
  horizonYears: number;
  /** Grid nodes per option for the early-exercise premium; 0 = exact American repricing every time. */
  gridNodes?: number;
}

export type Repricer = (h: Holding, scenario: ArrayLike<number>) => number;

/**
 * A reprice function for portfolioPnlScenarios over these `scenarios` (rows of simple returns).
 * With `gridNodes` > 0 (default 48) options use BSM + interpolated early-exercise premium;
 * accuracy against exact repricing is tested to a cent-per-contract level.
 */
export function prepareRepricer(holdings: readonly Holding[], scenarios: readonly ArrayLike<number>[], opts: RepricerOptions): Repricer {
  const nodes = opts.gridNodes ?? 48;
  const h = opts.horizonYears;
  if (nodes <= 0) return (x, s) => repriceExact(x, s[x.underlying] as number, h);
  const tables = new Map<OptionHolding, { base: number; premium: (spot: number) => number }>();
  for (const x of holdings) {
    if (x.kind !== 'option') continue;
    const [lo, hi] = columnRange(scenarios, x.underlying);
    tables.set(x, { base: optionValue(x, x.spot, x.years), premium: premiumTable(x, x.spot * (1 + lo), x.spot * (1 + hi), x.years - h, nodes) });
  }
  return (x, s) => {
    const r = s[x.underlying] as number;
    if (x.kind === 'stock') return x.units * x.spot * r;
    const t = tables.get(x);
    if (!t) return repriceExact(x, r, h);
    const spot = x.spot * (1 + r);
    const years = x.years - h;
    const value = years <= 0 ? Math.max(x.type === 'call' ? spot - x.strike : x.strike - spot, 0) : europeanValue(x, spot, years) + t.premium(spot);
    return x.units * (value - t.base);
  };
}

function europeanValue(x: OptionHolding, spot: number, years: number): number {
  return blackScholes({ type: x.type, spot, strike: x.strike, years, rate: x.rate, dividendYield: x.dividendYield, vol: x.vol }).price;
}

const noPremium = () => 0;

/** Early-exercise premium American − European on [lo, hi] (log-spaced nodes), cubic Hermite interpolation, clamped outside. */
function premiumTable(x: OptionHolding, lo: number, hi: number, years: number, nodes: number): (spot: number) => number {
  if (years <= 0) return noPremium;
  const callNeverEarly = x.type === 'call' && x.dividendYield <= 0 && x.rate >= 0;
  const putNeverEarly = x.type === 'put' && x.rate <= 0 && x.dividendYield >= 0;
  if (callNeverEarly || putNeverEarly) return noPremium;
  const a = Math.log(Math.max(lo, 1e-9) * 0.999);
  const b = Math.log(Math.max(hi, lo, 1e-9) * 1.001);
  const n = Math.max(2, nodes);
  const step = (b - a) / (n - 1);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.exp(a + i * step);
    ys[i] = optionValue(x, s, years) - europeanValue(x, s, years);
  }
  return (spot) => {
    const u = (Math.log(spot) - a) / step;
    if (!(u > 0)) return ys[0] as number;
    if (u >= n - 1) return ys[n - 1] as number;
    const i = Math.floor(u);
    const t = u - i;
    const y0 = ys[i] as number;
    const y1 = ys[i + 1] as number;
    const m0 = ((ys[Math.min(n - 1, i + 1)] as number) - (ys[Math.max(0, i - 1)] as number)) / (Math.min(n - 1, i + 1) - Math.max(0, i - 1));
    const m1 = ((ys[Math.min(n - 1, i + 2)] as number) - (ys[i] as number)) / (Math.min(n - 1, i + 2) - i);
    const t2 = t * t;
    const t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * m1;
  };
}

/** Smallest and largest return of column `u` over the scenarios ([0, 0] when there are none). */
export function columnRange(scenarios: readonly ArrayLike<number>[], u: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const s of scenarios) {
    const r = s[u] as number;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  return [Math.max(lo, -0.99), hi];
}
