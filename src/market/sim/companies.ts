/**
 * The simulated universe: fictional companies with tickers that no US exchange lists
 * (checked against data/real-tickers.txt), across sectors and market caps from micro to mid.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hash, rng, type Rng } from './rng.js';

export interface Company {
  symbol: string;
  name: string;
  sector: string;
  industry: string;
  /** Shares outstanding. */
  shares: number;
  floatShares: number;
  /** Price on the first simulated day; the path drifts from there. */
  startPrice: number;
  /** Annual drift and base volatility of the stock's own (idiosyncratic) moves. */
  drift: number;
  vol: number;
  /** Sensitivity to the simulated small-cap market and to its sector. */
  beta: number;
  sectorBeta: number;
  /** Daily turnover as a fraction of float. */
  turnover: number;
  revenueGrowth: number;
  epsGrowth: number;
  /** Trailing P/E; undefined for loss makers. */
  pe: number | undefined;
  shortPercentFloat: number;
  institutionalOwnership: number;
  dividendYield: number;
  /** Day of the quarter (0-62 trading days) on which it reports. */
  earningsOffset: number;
  hasOptions: boolean;
  exchange: string;
}

const SECTORS: [string, string[]][] = [
  ['Technology', ['Software', 'Semiconductors', 'IT Services', 'Electronic Components']],
  ['Healthcare', ['Biotechnology', 'Medical Devices', 'Diagnostics', 'Health IT']],
  ['Financial Services', ['Regional Banks', 'Insurance', 'Asset Management', 'Fintech']],
  ['Consumer Cyclical', ['Specialty Retail', 'Restaurants', 'Leisure', 'Auto Parts']],
  ['Industrials', ['Aerospace & Defense', 'Machinery', 'Trucking', 'Building Products']],
  ['Energy', ['Oil & Gas E&P', 'Oilfield Services', 'Uranium', 'Solar']],
  ['Basic Materials', ['Gold Miners', 'Specialty Chemicals', 'Steel', 'Lithium']],
  ['Communication Services', ['Media', 'Telecom', 'Interactive Media', 'Advertising']],
  ['Consumer Defensive', ['Packaged Foods', 'Beverages', 'Household Products', 'Grocery']],
  ['Real Estate', ['REIT - Industrial', 'REIT - Retail', 'Real Estate Services', 'REIT - Residential']],
  ['Utilities', ['Water Utilities', 'Renewable Utilities', 'Gas Utilities', 'Electric Utilities']],
];
const SECTOR_WEIGHTS = [16, 18, 12, 11, 12, 7, 6, 5, 4, 5, 4];
const STEMS = [
  'Arc',
  'Bel',
  'Cor',
  'Dyn',
  'Eld',
  'Fen',
  'Gal',
  'Hal',
  'Ion',
  'Jor',
  'Kel',
  'Lum',
  'Mar',
  'Nov',
  'Orb',
  'Pax',
  'Quel',
  'Ryn',
  'Sol',
  'Tor',
  'Ulm',
  'Ver',
  'Wyn',
  'Xan',
  'Yor',
  'Zel',
];
const TAILS = ['ant', 'ex', 'ora', 'ion', 'ix', 'yne', 'is', 'on', 'ara', 'eon', 'ium', 'ova'];
const SUFFIX: Record<string, string[]> = {
  Technology: ['Systems', 'Micro', 'Software', 'Networks'],
  Healthcare: ['Therapeutics', 'Biosciences', 'Medical', 'Pharma'],
  'Financial Services': ['Bancorp', 'Financial', 'Capital', 'Holdings'],
  'Consumer Cyclical': ['Brands', 'Outfitters', 'Group', 'Retail'],
  Industrials: ['Industries', 'Dynamics', 'Logistics', 'Manufacturing'],
  Energy: ['Energy', 'Resources', 'Petroleum', 'Power'],
  'Basic Materials': ['Mining', 'Materials', 'Metals', 'Chemicals'],
  'Communication Services': ['Media', 'Communications', 'Interactive', 'Telecom'],
  'Consumer Defensive': ['Foods', 'Beverage', 'Consumer', 'Provisions'],
  'Real Estate': ['Realty', 'Properties', 'REIT', 'Land'],
  Utilities: ['Utilities', 'Water', 'Electric', 'Gas'],
};

let realTickers: Set<string> | undefined;
function isReal(symbol: string): boolean {
  realTickers ??= new Set(
    readFileSync(fileURLToPath(new URL('../../../data/real-tickers.txt', import.meta.url)), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#')),
  );
  return realTickers.has(symbol);
}

/** The companies of one seed, drawn in order as far as anyone asked (the draw is sequential, so a prefix never changes). */
export interface Universe {
  /** The first `n` companies (all `count` when n is larger). */
  take(n: number): readonly Company[];
  /** The company with this ticker (upper case), drawing only as far as it: a demo's first names cost no 5,000-company build. */
  find(symbol: string): Company | undefined;
}

const universes = new Map<string, Universe>();

/** The universe of `count` companies drawn from `seed`, one per process, shared read-only by every simulator of that seed. */
export function universeOf(seed: number, count: number): Universe {
  const key = `${seed}:${count}`;
  let hit = universes.get(key);
  if (!hit) {
    hit = drawUniverse(seed, count);
    universes.set(key, hit);
  }
  return hit;
}

function drawUniverse(seed: number, count: number): Universe {
  const r = rng(hash('universe', seed));
  const used = new Set<string>();
  const out: Company[] = [];
  const bySymbol = new Map<string, Company>();
  const grow = (done: () => boolean) => {
    while (out.length < count && !done()) {
      const c = draw(r, used);
      if (!c) continue;
      out.push(c);
      bySymbol.set(c.symbol, c);
    }
  };
  return {
    take(n) {
      grow(() => out.length >= n);
      return n >= out.length ? out : out.slice(0, n);
    },
    find(symbol) {
      grow(() => bySymbol.has(symbol));
      return bySymbol.get(symbol);
    },
  };
}

const TOTAL_WEIGHT = SECTOR_WEIGHTS.reduce((a, b) => a + b, 0);

/** The next company of the draw, or undefined when its ticker is taken or real (the draw moves on either way). */
function draw(r: Rng, used: Set<string>): Company | undefined {
  const letters = 4;
  let symbol = '';
  for (let i = 0; i < letters; i++) symbol += String.fromCharCode(65 + r.int(0, 25));
  if (used.has(symbol) || isReal(symbol)) return undefined;
  used.add(symbol);
  let w = r.next() * TOTAL_WEIGHT;
  let s = 0;
  while (w > (SECTOR_WEIGHTS[s] ?? 0)) w -= SECTOR_WEIGHTS[s++] ?? 0;
  const [sector, industries] = SECTORS[Math.min(s, SECTORS.length - 1)] as [string, string[]];
  // Market cap log-uniform-ish from $40M to $12B, weighted toward small caps.
  const cap = Math.exp(r.range(Math.log(4e7), Math.log(1.2e10)) * 0.85 + Math.log(1e9) * 0.15 + r.normal() * 0.3);
  const startPrice = Math.exp(r.range(Math.log(1.5), Math.log(120)));
  const shares = cap / startPrice;
  const small = cap < 3e8 ? 1 : cap < 2e9 ? 0.75 : 0.55;
  const growth = r.normal() * 0.25 + 0.08;
  const profitable = r.chance(cap > 1e9 ? 0.75 : 0.5);
  return {
    symbol,
    name: `${r.pick(STEMS)}${r.pick(TAILS)} ${r.pick(SUFFIX[sector] ?? ['Inc'])}`,
    sector,
    industry: r.pick(industries),
    shares,
    floatShares: shares * r.range(0.45, 0.97),
    startPrice,
    drift: r.normal() * 0.25 + 0.05,
    vol: (0.28 + r.next() * 0.55) * small * (sector === 'Healthcare' ? 1.3 : 1),
    beta: r.range(0.6, 1.6),
    sectorBeta: r.range(0.3, 1.1),
    turnover: Math.exp(r.range(Math.log(0.002), Math.log(0.03))),
    revenueGrowth: growth,
    epsGrowth: growth * 1.4 + r.normal() * 0.2,
    pe: profitable ? r.range(6, 70) : undefined,
    shortPercentFloat: Math.min(0.6, Math.exp(r.range(Math.log(0.01), Math.log(0.35)))),
    institutionalOwnership: r.range(0.05, 0.95),
    dividendYield: r.chance(sector === 'Utilities' || sector === 'Real Estate' ? 0.7 : 0.12) ? r.range(0.01, 0.05) : 0,
    earningsOffset: r.int(0, 62),
    hasOptions: cap > 1.5e8 && r.chance(0.85),
    exchange: r.chance(0.7) ? 'NASDAQ' : 'NYSE',
  };
}

export const SECTOR_NAMES = SECTORS.map(([s]) => s);
