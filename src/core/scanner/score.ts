/**
 * Scores a scan candidate. Pure. Each component is 0–100 and carries the reasons that produced
 * it, so every pick can explain itself; `combine` weights them with config.scanner.weights
 * (technical, options, risk, portfolio fit).
 */
import type { PatternName } from './filters.js';
import type { TechnicalSnapshot } from './technicals.js';

export interface Component {
  score: number;
  reasons: string[];
}

export type ComponentName = 'technical' | 'options' | 'risk' | 'portfolio';
export type Weights = Record<ComponentName, number>;

/** Points each detected pattern adds to the technical score. */
export const PATTERN_POINTS: Record<PatternName, number> = {
  breakout: 20,
  goldenCross: 8,
  momentum: 12,
  volumeSpike: 8,
  bullFlag: 12,
  ascendingTriangle: 10,
  squeeze: 6,
  macdCross: 8,
};

const PATTERN_LABEL: Record<PatternName, string> = {
  breakout: 'breakout',
  goldenCross: 'golden cross',
  momentum: 'momentum surge',
  volumeSpike: 'volume spike',
  bullFlag: 'bull flag',
  ascendingTriangle: 'ascending triangle',
  squeeze: 'Bollinger squeeze',
  macdCross: 'MACD cross',
};

/**
 * Trend (close > SMA20 > SMA50: 20 points, else close > SMA50: 8; close > SMA200: +10), RSI(14)
 * 50–70: 15 (above 70: 5), each enabled pattern present: its PATTERN_POINTS, relative strength
 * percentile rs: up to 15 (rs/100 × 15). Capped at 100.
 */
export function technicalScore(t: TechnicalSnapshot, enabled: readonly PatternName[], rs: number): Component {
  const reasons: string[] = [];
  let score = 0;
  const f = (x: number): string => x.toFixed(2);
  if (t.close > t.sma20 && t.sma20 > t.sma50) {
    score += 20;
    reasons.push(`uptrend: close ${f(t.close)} > SMA20 ${f(t.sma20)} > SMA50 ${f(t.sma50)}`);
  } else if (t.close > t.sma50) {
    score += 8;
    reasons.push(`close ${f(t.close)} above SMA50 ${f(t.sma50)}`);
  }
  if (t.close > t.sma200) {
    score += 10;
    reasons.push(`above SMA200 ${f(t.sma200)}`);
  }
  if (t.rsi >= 50 && t.rsi <= 70) {
    score += 15;
    reasons.push(`RSI ${t.rsi.toFixed(0)} (strong, not overbought)`);
  } else if (t.rsi > 70) {
    score += 5;
    reasons.push(`RSI ${t.rsi.toFixed(0)} (overbought)`);
  }
  for (const p of enabled) {
    const r = t.patterns[p];
    if (!r.matched) continue;
    score += PATTERN_POINTS[p];
    reasons.push(`${PATTERN_LABEL[p]}: ${r.detail}`);
  }
  if (Number.isFinite(rs)) {
    score += (15 * rs) / 100;
    if (rs >= 70) reasons.push(`relative strength ${rs.toFixed(0)} (3-month return beats ${rs.toFixed(0)}% of scanned symbols)`);
  }
  return { score: Math.min(100, score), reasons };
}

/**
 * Risk, higher is safer: 70 % from the daily range — ATR(14) 2–8 % of price scores full, quieter
 * 60 %, wilder falls 15 points per ATR point above 8 % — and 30 % from the stock's own liquidity:
 * average dollar volume, log-scaled from $1M (0) to $20M (full).
 */
export function riskScore(atrPct: number, avgDollarVolume: number): Component {
  const reasons: string[] = [];
  let range = 0;
  if (Number.isFinite(atrPct)) {
    const text = `ATR ${(atrPct * 100).toFixed(1)}% of price`;
    if (atrPct >= 0.02 && atrPct <= 0.08) {
      range = 100;
      reasons.push(text);
    } else if (atrPct < 0.02) {
      range = 60;
      reasons.push(`${text} (quiet)`);
    } else {
      range = Math.max(0, 100 - (atrPct - 0.08) * 1500);
      reasons.push(`${text} (volatile)`);
    }
  }
  const liq = Number.isFinite(avgDollarVolume) && avgDollarVolume > 0 ? Math.min(1, Math.max(0, Math.log(avgDollarVolume / 1e6) / Math.log(20))) * 100 : 0;
  if (Number.isFinite(avgDollarVolume)) reasons.push(`$${(avgDollarVolume / 1e6).toFixed(1)}M average dollar volume`);
  return { score: 0.7 * range + 0.3 * liq, reasons };
}

export interface Holding {
  symbol: string;
  sector?: string;
}

/**
 * Portfolio fit. Without holdings (unknown): 50, said so. Already held: 0. Otherwise
 * 100 × (1 − share of held positions in the same sector ÷ maxSectorPct), floored at 0.
 */
export function portfolioFit(symbol: string, sector: string | undefined, holdings: readonly Holding[] | undefined, maxSectorPct: number): Component {
  if (!holdings) return { score: 50, reasons: ['portfolio fit neutral: holdings not available to the scan'] };
  if (holdings.some((h) => h.symbol.toUpperCase() === symbol.toUpperCase())) return { score: 0, reasons: ['already held in the portfolio'] };
  if (!holdings.length || !sector) return { score: 100, reasons: ['not held; adds a new position'] };
  const same = holdings.filter((h) => h.sector === sector).length / holdings.length;
  const score = Math.max(0, 100 * (1 - same / maxSectorPct));
  const text = same === 0 ? `adds a sector the portfolio lacks (${sector})` : `${(same * 100).toFixed(0)}% of holdings already in ${sector}`;
  return { score, reasons: [text] };
}

/** Weighted mean of the components present; weights of absent ones are left out. */
export function combine(parts: Partial<Record<ComponentName, number>>, w: Weights): number {
  let sum = 0;
  let total = 0;
  for (const [k, v] of Object.entries(parts) as [ComponentName, number | undefined][]) {
    if (v === undefined || !Number.isFinite(v)) continue;
    sum += w[k] * v;
    total += w[k];
  }
  return total > 0 ? sum / total : 0;
}
