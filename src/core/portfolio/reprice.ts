/**
 * Full revaluation of holdings under moves of their underlyings, for VaR and stress. Options are
 * repriced with the American model of the options core (US single-stock options are American),
 * never by delta: value after the move and one horizon of time decay, minus the model value now,
 * at unchanged implied vol (sticky strike).
 *
 * Speed: 50 options × 100,000 Monte Carlo paths is 5 million revaluations, too many binomial trees
 * (~0.1 ms each). `prepareRepricer` therefore revalues on a grid, as risk systems do: each option's
 * value after the horizon is tabulated once over the spot range its scenarios reach (European part
 * densely, early-exercise premium American − European sparsely) and interpolated per scenario.
 * Calls where early exercise can never pay (no dividend, rate ≥ 0) need no premium table.
 */
import { americanPrice, blackScholes, type OptionType } from '../options/index.js';

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
  type: OptionType;
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
  /** Tabulate each option's value over the scenarios' spot range (default); false = exact American repricing every time. */
  grid?: boolean;
  /** Nodes of the European table (cheap) and of the early-exercise premium table (binomial trees). */
  europeanNodes?: number;
  premiumNodes?: number;
}

export type Repricer = (h: Holding, scenario: ArrayLike<number>) => number;

/**
 * A reprice function for portfolioPnlScenarios over these `scenarios` (rows of simple returns).
 * With `grid` (default) each option's value after the horizon is tabulated once over the spot range
 * its scenarios reach: the European part densely (512 log-spaced nodes), the early-exercise premium
 * sparsely (16 nodes, it is small and smooth), both read back by cubic Hermite interpolation. The
 * tests bound the difference from exact repricing; spots outside the table are priced exactly.
 */
export function prepareRepricer(holdings: readonly Holding[], scenarios: readonly ArrayLike<number>[], opts: RepricerOptions): Repricer {
  const h = opts.horizonYears;
  if (opts.grid === false) return (x, s) => repriceExact(x, s[x.underlying] as number, h);
  const tables = new Map<OptionHolding, { base: number; value: (spot: number) => number }>();
  for (const x of holdings) {
    if (x.kind !== 'option') continue;
    const [lo, hi] = columnRange(scenarios, x.underlying);
    tables.set(x, {
      base: optionValue(x, x.spot, x.years),
      value: valueTable(x, x.spot * (1 + lo), x.spot * (1 + hi), x.years - h, opts.europeanNodes ?? 512, opts.premiumNodes ?? 16),
    });
  }
  return (x, s) => {
    const r = s[x.underlying] as number;
    if (x.kind === 'stock') return x.units * x.spot * r;
    const t = tables.get(x);
    return t ? x.units * (t.value(x.spot * (1 + r)) - t.base) : repriceExact(x, r, h);
  };
}

function europeanValue(x: OptionHolding, spot: number, years: number): number {
  return blackScholes({ type: x.type, spot, strike: x.strike, years, rate: x.rate, dividendYield: x.dividendYield, vol: x.vol }).price;
}

/** Value per share at `years` left as a function of spot on [lo, hi]; exact outside it. */
function valueTable(x: OptionHolding, lo: number, hi: number, years: number, euroNodes: number, premiumNodes: number): (spot: number) => number {
  if (years <= 0) return (spot) => Math.max(x.type === 'call' ? spot - x.strike : x.strike - spot, 0);
  const a = Math.log(Math.max(lo, 1e-9) * 0.999);
  const b = Math.log(Math.max(hi, lo, 1e-9) * 1.001);
  const euro = cubicTable(a, b, euroNodes, (s) => europeanValue(x, s, years));
  const neverEarly = x.type === 'call' ? x.dividendYield <= 0 && x.rate >= 0 : x.rate <= 0 && x.dividendYield >= 0;
  const premium = neverEarly ? undefined : cubicTable(a, b, premiumNodes, (s) => optionValue(x, s, years) - europeanValue(x, s, years));
  return (spot) => {
    const u = Math.log(spot);
    if (!(u >= a && u <= b)) return optionValue(x, spot, years);
    return euro(u) + (premium ? premium(u) : 0);
  };
}

/** f tabulated at n points evenly spaced in log-spot on [a, b]; returns an interpolator of log-spot (Catmull-Rom slopes). */
function cubicTable(a: number, b: number, nodes: number, f: (spot: number) => number): (u: number) => number {
  const n = Math.max(2, nodes);
  const step = (b - a) / (n - 1) || 1;
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = f(Math.exp(a + i * step));
  const at = (i: number) => ys[i < 0 ? 0 : i > n - 1 ? n - 1 : i] as number;
  return (u) => {
    const t0 = (u - a) / step;
    const i = Math.min(n - 2, Math.max(0, Math.floor(t0)));
    const t = t0 - i;
    const y0 = at(i);
    const y1 = at(i + 1);
    const m0 = i > 0 ? (y1 - at(i - 1)) / 2 : y1 - y0;
    const m1 = i + 2 < n ? (at(i + 2) - y0) / 2 : y1 - y0;
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
