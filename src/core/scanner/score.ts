/**
 * Scores one scan candidate from its daily bars and fundamentals. Pure. Each component is 0–100
 * and comes with the reasons that produced it, so every pick can explain itself.
 */
import { atr, rsi, sma } from './indicators.js';
import { breakout, goldenCross, macdCross, momentumSurge, volumeSpike, type DailyBar } from './patterns.js';

export interface Component {
  score: number;
  reasons: string[];
}

export function technicalScore(bars: readonly DailyBar[]): Component & { rsi: number; atrPct: number } {
  const closes = bars.map((b) => b.close);
  const last = closes[closes.length - 1] ?? NaN;
  const reasons: string[] = [];
  let score = 0;
  const r = rsi(closes, 14).at(-1) ?? NaN;
  const s20 = sma(closes, 20).at(-1) ?? NaN;
  const s50 = sma(closes, 50).at(-1) ?? NaN;
  const a = atr(bars.map((b) => b.high), bars.map((b) => b.low), closes, 14).at(-1) ?? NaN;
  if (last > s20 && s20 > s50) {
    score += 25;
    reasons.push(`uptrend: close ${last.toFixed(2)} > SMA20 ${s20.toFixed(2)} > SMA50 ${s50.toFixed(2)}`);
  } else if (last > s50) {
    score += 10;
    reasons.push(`above SMA50 ${s50.toFixed(2)}`);
  }
  if (r >= 50 && r <= 70) {
    score += 20;
    reasons.push(`RSI ${r.toFixed(0)} (strong, not overbought)`);
  } else if (r > 70) {
    score += 5;
    reasons.push(`RSI ${r.toFixed(0)} (overbought)`);
  }
  const patterns: [string, { matched: boolean; detail: string }, number][] = [
    ['breakout', breakout(bars), 25],
    ['golden cross', goldenCross(bars), 10],
    ['MACD cross', macdCross(bars), 10],
    ['momentum surge', momentumSurge(bars), 15],
    ['volume spike', volumeSpike(bars), 10],
  ];
  for (const [name, p, pts] of patterns) {
    if (p.matched) {
      score += pts;
      reasons.push(`${name}: ${p.detail}`);
    }
  }
  return { score: Math.min(100, score), reasons, rsi: r, atrPct: a / last };
}

export interface FundamentalInputs {
  revenueGrowth?: number;
  epsGrowth?: number;
  trailingPE?: number;
  shortPercentFloat?: number;
}

export function fundamentalScore(f: FundamentalInputs, rules: { revenueGrowthMin: number; epsGrowthMin: number; peRange: readonly [number, number] }): Component {
  const reasons: string[] = [];
  let score = 0;
  if (f.revenueGrowth !== undefined && f.revenueGrowth >= rules.revenueGrowthMin) {
    score += 40;
    reasons.push(`revenue growth ${(f.revenueGrowth * 100).toFixed(0)}%`);
  }
  if (f.epsGrowth !== undefined && f.epsGrowth >= rules.epsGrowthMin) {
    score += 30;
    reasons.push(`EPS growth ${(f.epsGrowth * 100).toFixed(0)}%`);
  }
  if (f.trailingPE !== undefined && f.trailingPE >= rules.peRange[0] && f.trailingPE <= rules.peRange[1]) {
    score += 30;
    reasons.push(`P/E ${f.trailingPE.toFixed(1)}`);
  }
  return { score, reasons };
}

/** Risk component: prefers moderate daily ranges (ATR 2–8 % of price); 0–100. */
export function riskScore(atrPct: number): Component {
  if (!Number.isFinite(atrPct)) return { score: 0, reasons: [] };
  const pctText = `ATR ${(atrPct * 100).toFixed(1)}% of price`;
  if (atrPct >= 0.02 && atrPct <= 0.08) return { score: 100, reasons: [pctText] };
  if (atrPct < 0.02) return { score: 60, reasons: [`${pctText} (quiet)`] };
  return { score: Math.max(0, 100 - (atrPct - 0.08) * 1500), reasons: [`${pctText} (volatile)`] };
}
