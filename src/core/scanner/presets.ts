/**
 * Named scans a user can ask for (`/scan momentum`). Each preset is a written definition (its
 * `summary`, shown in the reply and /help) and the filters that implement it, built on the
 * configured defaults. A user's own filter arguments override the preset's.
 */
import type { Range, ScanFilters } from './filters.js';

export type Band = 'micro' | 'small' | 'mid' | 'any';
export const BANDS: readonly Band[] = ['micro', 'small', 'mid', 'any'];

/** The config values presets start from (structurally config.scanner + config.trading). */
export interface ScanDefaults {
  bands: { micro: Range; small: Range; mid: Range };
  defaultBand: Exclude<Band, 'any'>;
  priceBand: Range;
  minAvgVolume: number;
  revenueGrowthMin: number;
  epsGrowthMin: number;
  peRange: Range;
  institutionalOwnership: Range;
}

export const PRESET_NAMES = ['default', 'momentum', 'low-float', 'oversold-quality', 'earnings-run-up'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  name: PresetName;
  summary: string;
  build(d: ScanDefaults): ScanFilters;
}

export function bandRange(d: ScanDefaults, band: Band): Range {
  return band === 'any' ? [0, Infinity] : d.bands[band];
}

/** Cap band, price band and average volume from config: what every preset starts from. */
function base(d: ScanDefaults): ScanFilters {
  return { marketCap: bandRange(d, d.defaultBand), price: d.priceBand, minAvgVolume: d.minAvgVolume };
}

export const PRESETS: Record<PresetName, Preset> = {
  default: {
    name: 'default',
    summary:
      'The configured scan: default cap band, price band and average volume; revenue and EPS growth at or above the configured minimums, ' +
      'trailing P/E inside the configured band (loss makers excluded), institutional ownership inside the configured band.',
    build: (d) => ({
      ...base(d),
      revenueGrowthMin: d.revenueGrowthMin,
      epsGrowthMin: d.epsGrowthMin,
      pe: d.peRange,
      institutional: d.institutionalOwnership,
    }),
  },
  momentum: {
    name: 'momentum',
    summary:
      'Trend and strength: close above SMA20 and SMA50, RSI(14) 50–80, relative strength ≥ 70 (63-day return beats 70 % of the scanned symbols), ' +
      'today’s volume on pace for ≥ 1.2× an average day.',
    build: (d) => ({ ...base(d), smaAbove: [20, 50], rsi: [50, 80], minRelativeStrength: 70, relVolume: 1.2 }),
  },
  'low-float': {
    name: 'low-float',
    summary: 'Micro and small caps with a float ≤ 20M shares, price $1–20, average volume ≥ 100K and today’s volume on pace for ≥ 1.5× an average day.',
    build: (d) => ({
      marketCap: [d.bands.micro[0], d.bands.small[1]],
      price: [1, 20],
      minAvgVolume: 100_000,
      float: [0, 20e6],
      relVolume: 1.5,
    }),
  },
  'oversold-quality': {
    name: 'oversold-quality',
    summary:
      'Growing, profitable companies pulled back inside a long-term uptrend: RSI(14) ≤ 40, close above SMA200, revenue growth ≥ 10 %, ' +
      'EPS growth ≥ 5 %, P/E 0–40, institutions own ≥ 20 %.',
    build: (d) => ({
      ...base(d),
      rsi: [0, 40],
      smaAbove: [200],
      revenueGrowthMin: 0.1,
      epsGrowthMin: 0.05,
      pe: [0, 40],
      institutional: [0.2, 1],
    }),
  },
  'earnings-run-up': {
    name: 'earnings-run-up',
    summary: 'Rising into a report: earnings within the next 14 days, close above SMA20 and SMA50, RSI(14) 50–75.',
    build: (d) => ({ ...base(d), earnings: { days: 14, mode: 'within' }, smaAbove: [20, 50], rsi: [50, 75] }),
  },
};

/** The preset's filters with the user's overrides on top (undefined overrides are ignored). */
export function resolveFilters(d: ScanDefaults, preset: PresetName, overrides: Partial<ScanFilters> = {}): ScanFilters {
  const out: ScanFilters = { ...PRESETS[preset].build(d) };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}
