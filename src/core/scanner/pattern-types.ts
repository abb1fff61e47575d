/** The shapes of the chart-pattern detectors (patterns.ts): their input bars, results and options. */

/** Structurally the market model's `Bar`, restated so the core imports no I/O-side module. */
export interface DailyBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface PatternResult {
  matched: boolean;
  detail: string;
}

export type BreakoutResult = PatternResult & { level: number; volumeRatio: number };
export type GoldenCrossResult = PatternResult & { barsAgo: number; fastSma: number; slowSma: number };
export type MomentumSurgeResult = PatternResult & { change: number; volumeRatio: number };
export type VolumeSpikeResult = PatternResult & { volumeRatio: number; averageVolume: number };
export type BullFlagResult = PatternResult & {
  poleRise: number;
  retrace: number;
  flagBars: number;
  volumeRatio: number;
};
export type AscendingTriangleResult = PatternResult & { resistance: number; touches: number; lowSlope: number };
export type BollingerSqueezeResult = PatternResult & { bandwidth: number; lowestBefore: number };
export type MacdCrossResult = PatternResult & { barsAgo: number; macd: number; signal: number; histogram: number };
export type DistanceFromHighResult = PatternResult & { high: number; distance: number };

/** Parameters (all optional; defaults in each detector's doc and destructuring). */
export interface BreakoutOptions {
  lookback?: number;
  volumeMultiple?: number;
}
export interface GoldenCrossOptions {
  fast?: number;
  slow?: number;
  within?: number;
}
export interface MomentumSurgeOptions {
  lookback?: number;
  minReturn?: number;
  minVolumeRatio?: number;
}
export interface VolumeSpikeOptions {
  multiple?: number;
  lookback?: number;
}
export interface BullFlagOptions {
  minPoleRise?: number;
  maxPoleBars?: number;
  maxRetrace?: number;
  minFlagBars?: number;
  maxFlagBars?: number;
  maxVolumeRatio?: number;
}
export interface AscendingTriangleOptions {
  lookback?: number;
  tolerance?: number;
  swing?: number;
  minTouches?: number;
}
export interface BollingerSqueezeOptions {
  period?: number;
  k?: number;
  lookback?: number;
}
export interface MacdCrossOptions {
  fast?: number;
  slow?: number;
  signal?: number;
  within?: number;
}
export interface DistanceFromHighOptions {
  lookback?: number;
  maxDistance?: number;
}
