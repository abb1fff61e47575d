/**
 * The risk report of a book: dollar Greeks, one-day VaR/CVaR at 95 % and 99 % by historical
 * simulation and Monte Carlo with full repricing (plus parametric and Cornish-Fisher for
 * comparison), correlation of the underlyings, concentration, beta to a small-cap benchmark, the
 * volatility regime, and every limit from config with how much of it is used.
 */
import { annualizedVolatility, beta as olsBeta, correlationMatrix } from '../core/risk/index.js';
import {
  concentration,
  dollarGreeks,
  historicalVar,
  jointReturns,
  momentVar,
  monteCarloVar,
  sign,
  sumGreeks,
  volatilityRegime,
  type ConcentrationRow,
  type DollarGreeks,
  type Holding,
  type TailFigures,
  type VolRegime,
} from '../core/portfolio/index.js';
import type { Services } from '../services.js';
import type { RateUsed } from '../options/rate.js';
import { historyStart, priceSeries, smallCapBenchmark } from './history.js';
import { bookRate, optionHolding, signedUnits, type ValuedPosition } from './valuation.js';

export interface LimitUse {
  name: string;
  value: number;
  limit: number;
  /** value / limit: 1 is at the limit. */
  usage: number;
}

export interface PositionRisk {
  id: string;
  label: string;
  greeks: DollarGreeks | undefined;
  vol: number;
  volBasis: 'implied' | 'realized (no IV)' | 'n/a';
}

export interface RiskReport {
  day: string;
  equity: number;
  positions: PositionRisk[];
  totals: Omit<DollarGreeks, 'delta'>;
  history: { days: number; from?: string; to?: string; symbols: string[] };
  historical: TailFigures[];
  monteCarlo: TailFigures[];
  mcPaths: number;
  moments: { level: number; parametric: number; cornishFisher: number }[];
  correlation: { symbols: string[]; matrix: number[][] };
  /** Per name; `ofEquity` is its |net delta$| ÷ the book's equity, what the concentration limit is measured against. */
  names: (ConcentrationRow & { ofEquity: number })[];
  sectors: ConcentrationRow[];
  beta: { value: number; benchmark: string };
  regime: { regime: VolRegime; short: number; long: number; ratio: number; of: string };
  riskToStops: number;
  limits: LimitUse[];
  notes: string[];
  /** The rate options were repriced at (the rate /greeks uses); null when the book holds no option. */
  rate: RateUsed | null;
  /** Historical P&L per scenario date, for charts and tests. */
  pnl: { dates: string[]; values: Float64Array };
}

const MIN_DAYS = 60;

export async function computeRisk(
  services: Services,
  valued: readonly ValuedPosition[],
  equity: number,
  day: string,
  opts: { paths?: number; benchmark?: boolean } = {},
): Promise<RiskReport> {
  const { config } = services;
  const rateUsed = await bookRate(
    services,
    valued.map((v) => v.position),
  );
  const rate = rateUsed?.rate ?? config.options.riskFreeRate;
  const notes: string[] = [];
  const marked = valued.filter((v) => Number.isFinite(v.mark) && Number.isFinite(v.spot));
  for (const v of valued) if (!marked.includes(v)) notes.push(`${v.position.id} ${v.label} has no price: left out of VaR.`);
  const symbols = [...new Set(marked.map((v) => v.position.symbol))];
  const from = historyStart(day, config.risk.historyDays);
  const series = await Promise.all(symbols.map((s) => priceSeries(services, s, from, day)));
  const joint = jointReturns(series, config.risk.historyDays);
  const enough = joint.dates.length >= MIN_DAYS;
  if (symbols.length && !enough) notes.push(`Only ${joint.dates.length} days of joint history: VaR needs ${MIN_DAYS}, shown as n/a.`);
  const positions: PositionRisk[] = [];
  const holdings: Holding[] = [];
  for (const v of marked) {
    const u = symbols.indexOf(v.position.symbol);
    if (!v.position.option) {
      holdings.push({ kind: 'stock', underlying: u, units: signedUnits(v.position), spot: v.spot });
      positions.push({ id: v.position.id, label: v.label, greeks: v.greeks, vol: NaN, volBasis: 'n/a' });
      continue;
    }
    if (v.markBasis === 'expired (intrinsic)') {
      // Settled at the expiry-day close: a fixed amount, no longer moved by the underlying.
      positions.push({
        id: v.position.id,
        label: v.label,
        greeks: { delta: 0, deltaDollars: 0, gammaDollars: 0, vegaDollars: 0, thetaDollars: 0 },
        vol: NaN,
        volBasis: 'n/a',
      });
      notes.push(
        `${v.position.id} ${v.label} has expired (settled at ${v.mark.toFixed(2)} a share): no market risk left; close it with /portfolio close ${v.position.id}.`,
      );
      continue;
    }
    let vol = v.iv ?? NaN;
    let volBasis: PositionRisk['volBasis'] = 'implied';
    if (!Number.isFinite(vol)) {
      vol = annualizedVolatility(joint.columns[u] ?? []);
      volBasis = Number.isFinite(vol) ? 'realized (no IV)' : 'n/a';
      notes.push(
        `${v.position.id}: no implied vol from its quote; repriced at the underlying's realised vol ${Number.isFinite(vol) ? `${(vol * 100).toFixed(1)}%` : 'n/a'}.`,
      );
    }
    if (!Number.isFinite(vol)) continue;
    const h = optionHolding(v, vol, rate, u);
    holdings.push(h);
    positions.push({ id: v.position.id, label: v.label, greeks: v.greeks ?? dollarGreeks(h), vol, volBasis });
  }
  const totals = sumGreeks(positions.flatMap((p) => (p.greeks ? [p.greeks] : [])));
  // Nothing at risk (no positions, or only cash): every loss figure is exactly zero, not n/a.
  const nan = [0.95, 0.99].map((level) => ({ level, var: holdings.length ? NaN : 0, cvar: holdings.length ? NaN : 0 }));
  const hist = enough ? historicalVar(holdings, joint.rows) : undefined;
  const paths = opts.paths ?? config.risk.monteCarloPaths;
  const mc = enough && paths > 0 ? monteCarloVar(holdings, joint.columns, { paths }) : undefined;
  const moments = hist ? momentVar(hist.pnl, equity) : nan.map((x) => ({ level: x.level, parametric: x.var, cornishFisher: x.var }));
  const byId = new Map(marked.map((v) => [v.position.id, v]));
  const conc = concentration(
    positions.map((p) => ({ symbol: byId.get(p.id)?.position.symbol ?? p.label, sector: byId.get(p.id)?.sector, deltaDollars: p.greeks?.deltaDollars ?? 0 })),
  );
  const bench = opts.benchmark === false ? { name: 'n/a' as const, reason: 'not computed' } : await smallCapBenchmark(services, from, day);
  let betaValue = NaN;
  let regime: RiskReport['regime'] = { regime: 'n/a', short: NaN, long: NaN, ratio: NaN, of: 'n/a' };
  if ('returns' in bench) {
    regime = { ...volatilityRegime(bench.returns.subarray(-config.risk.historyDays)), of: bench.name };
    if (hist && equity > 0) {
      const at = new Map(bench.dates.map((d, i) => [d, bench.returns[i] as number]));
      const pairs = joint.dates.flatMap((d, t) => (at.has(d) ? [[(hist.pnl[t] as number) / equity, at.get(d) as number]] : []));
      betaValue = olsBeta(
        pairs.map((p) => p[0] as number),
        pairs.map((p) => p[1] as number),
      );
    }
  } else notes.push(`Beta: ${bench.reason}.`);
  const riskToStops = marked.reduce(
    (a, v) => a + Math.max(0, sign(v.position.side) * (v.mark - v.position.stopLoss) * v.position.quantity * v.position.multiplier),
    0,
  );
  const level = config.risk.varLevel;
  // An empty book's VaR is exactly zero (as its table says), not n/a in the limits.
  const varAtLevel = (hist?.figures ?? nan).find((f) => f.level === level)?.var ?? NaN;
  const use = (name: string, value: number, limit: number): LimitUse => ({ name, value, limit, usage: value / limit });
  const limits = [
    use(`VaR ${Math.round(level * 100)}% 1-day / equity`, varAtLevel / equity, config.risk.varLimitPct),
    // Against equity: three 4 %-of-equity names are not "over" a 10 % limit just because they are the whole book.
    use('Largest name / equity', equity > 0 ? (conc.names[0]?.gross ?? 0) / equity : NaN, config.risk.concentrationLimitPct),
    use('Largest sector / gross exposure', conc.sectors[0]?.share ?? 0, config.trading.maxSectorPct),
    use('Risk to stops / equity', riskToStops / equity, config.trading.maxPortfolioRisk),
    use('Open positions', valued.length, config.trading.maxPositions),
  ];
  return {
    day,
    equity,
    positions,
    totals,
    history: { days: joint.dates.length, ...(joint.dates.length ? { from: joint.dates[0], to: joint.dates[joint.dates.length - 1] } : {}), symbols },
    historical: hist?.figures ?? nan,
    monteCarlo: mc?.figures ?? nan,
    mcPaths: mc ? paths : 0,
    moments,
    correlation: { symbols, matrix: correlationMatrix(joint.columns) },
    names: conc.names.map((r) => ({ ...r, ofEquity: equity > 0 ? r.gross / equity : NaN })),
    sectors: conc.sectors,
    beta: { value: betaValue, benchmark: bench.name },
    regime,
    riskToStops,
    limits,
    notes,
    rate: rateUsed,
    pnl: { dates: joint.dates, values: hist?.pnl ?? new Float64Array(0) },
  };
}
