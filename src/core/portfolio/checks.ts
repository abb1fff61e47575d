/**
 * The seed's entry checks, run before a position is added. They warn, never refuse: the user
 * decides. Each warning has a code (for tests and --json) and one sentence.
 */
export interface EntryRules {
  maxPortfolioRisk: number;
  maxPositions: number;
  maxPositionPct: number;
  maxSectorPct: number;
  /** Warn when the candidate's return correlation with a holding exceeds this. */
  maxCorrelation: number;
  /** Acceptable |delta| window for an option entry, e.g. [0.2, 0.8]. */
  deltaWindow: readonly [number, number];
  /** Warn when an option loses more than this fraction of its premium per day to theta. */
  maxThetaPctPerDay: number;
  minAvgVolume: number;
  /** Warn when the order is more than this fraction of average daily volume. */
  maxAdvPct: number;
  minOpenInterest: number;
  maxSpreadPct: number;
}

export interface EntryCandidate {
  symbol: string;
  label: string;
  sector?: string;
  isOption: boolean;
  /** Capital tied up at entry (premium or shares × price), positive. */
  cost: number;
  /** Loss if the stop is hit, positive. */
  riskAtStop: number;
  /** Option per-share delta and theta per day as a fraction of the premium (positive = decay). */
  delta?: number;
  thetaPctPerDay?: number;
  /** Shares (stock) or contracts (option) in the order. */
  quantity: number;
  avgVolume?: number;
  openInterest?: number;
  spreadPct?: number;
}

export interface HeldPosition {
  id: string;
  symbol: string;
  label: string;
  sector?: string;
  cost: number;
  riskAtStop: number;
}

export interface EntryWarning {
  code: 'PORTFOLIO_RISK' | 'MAX_POSITIONS' | 'POSITION_SIZE' | 'DUPLICATE' | 'SECTOR' | 'CORRELATION' | 'GREEKS' | 'LIQUIDITY';
  message: string;
}

const p1 = (x: number) => `${(x * 100).toFixed(1)}%`;

export function entryChecks(
  c: EntryCandidate,
  held: readonly HeldPosition[],
  equity: number,
  rules: EntryRules,
  correlations: readonly { symbol: string; rho: number }[] = [],
): EntryWarning[] {
  const out: EntryWarning[] = [];
  const risk = held.reduce((a, h) => a + h.riskAtStop, 0) + c.riskAtStop;
  if (equity > 0 && risk / equity > rules.maxPortfolioRisk) {
    out.push({ code: 'PORTFOLIO_RISK', message: `Risk to stops would be ${p1(risk / equity)} of equity, over the ${p1(rules.maxPortfolioRisk)} limit.` });
  }
  if (held.length + 1 > rules.maxPositions) {
    out.push({ code: 'MAX_POSITIONS', message: `This would be position ${held.length + 1}; the limit is ${rules.maxPositions}.` });
  }
  if (equity > 0 && c.cost / equity > rules.maxPositionPct) {
    out.push({ code: 'POSITION_SIZE', message: `Position is ${p1(c.cost / equity)} of equity, over the ${p1(rules.maxPositionPct)} cap.` });
  }
  const same = held.filter((h) => h.symbol === c.symbol);
  if (same.length) out.push({ code: 'DUPLICATE', message: `You already hold ${c.symbol} (${same.map((h) => `${h.id} ${h.label}`).join(', ')}).` });
  if (c.sector && equity > 0) {
    const sector = held.filter((h) => h.sector === c.sector).reduce((a, h) => a + h.cost, 0) + c.cost;
    if (sector / equity > rules.maxSectorPct) {
      out.push({ code: 'SECTOR', message: `${c.sector} would be ${p1(sector / equity)} of equity, over the ${p1(rules.maxSectorPct)} sector limit.` });
    }
  }
  const close = correlations.filter((x) => x.symbol !== c.symbol && x.rho > rules.maxCorrelation).sort((a, b) => b.rho - a.rho);
  if (close.length) {
    out.push({
      code: 'CORRELATION',
      message: `${c.symbol} moves with ${close
        .slice(0, 3)
        .map((x) => `${x.symbol} (ρ ${x.rho.toFixed(2)})`)
        .join(', ')}, above ${rules.maxCorrelation}.`,
    });
  }
  if (c.isOption) {
    const [lo, hi] = rules.deltaWindow;
    const d = Math.abs(c.delta ?? NaN);
    if (Number.isFinite(d) && (d < lo || d > hi)) out.push({ code: 'GREEKS', message: `|Delta| ${d.toFixed(2)} is outside the ${lo}–${hi} window.` });
    if (c.thetaPctPerDay !== undefined && c.thetaPctPerDay > rules.maxThetaPctPerDay) {
      out.push({ code: 'GREEKS', message: `Theta costs ${p1(c.thetaPctPerDay)} of the premium a day, over ${p1(rules.maxThetaPctPerDay)}.` });
    }
    if (c.openInterest !== undefined && c.openInterest < rules.minOpenInterest) {
      out.push({ code: 'LIQUIDITY', message: `Open interest ${c.openInterest} is under ${rules.minOpenInterest}.` });
    }
    if (c.spreadPct !== undefined && !(c.spreadPct <= rules.maxSpreadPct)) {
      out.push({
        code: 'LIQUIDITY',
        message: `The bid-ask spread is ${Number.isFinite(c.spreadPct) ? p1(c.spreadPct) : 'unknown (no bid or ask)'} of mid, over ${p1(rules.maxSpreadPct)}.`,
      });
    }
  } else if (c.avgVolume !== undefined) {
    if (c.avgVolume < rules.minAvgVolume)
      out.push({
        code: 'LIQUIDITY',
        message: `Average volume ${Math.round(c.avgVolume).toLocaleString('en-US')} is under ${rules.minAvgVolume.toLocaleString('en-US')} shares.`,
      });
    else if (c.avgVolume > 0 && c.quantity / c.avgVolume > rules.maxAdvPct) {
      out.push({ code: 'LIQUIDITY', message: `The order is ${p1(c.quantity / c.avgVolume)} of average daily volume, over ${p1(rules.maxAdvPct)}.` });
    }
  }
  return out;
}
