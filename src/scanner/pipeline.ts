/**
 * The scan: cheapest data first. The universe listing cuts by market cap, price and volume;
 * one batched quote pass ranks by today's activity; only the best few hundred get history and
 * technicals; only the finalists get fundamentals. Commands and the morning post both call this.
 */
import type { AppConfig } from '../config/index.js';
import { fundamentalScore, riskScore, technicalScore } from '../core/scanner/score.js';
import type { MarketGateway, Quote, Stamp } from '../market/index.js';

export interface ScanRequest {
  band: 'micro' | 'small' | 'mid';
  limit: number;
  /** Candidates that get history and technicals. */
  deepDive?: number;
  minPrice?: number;
  maxPrice?: number;
  sector?: string;
}

export interface Pick {
  symbol: string;
  name?: string;
  sector?: string;
  price: number;
  marketCap?: number;
  score: number;
  components: Record<string, number>;
  reasons: string[];
}

export interface ScanResult {
  universe: number;
  afterListingFilters: number;
  deepDived: number;
  picks: Pick[];
  stamp: Stamp | undefined;
  requests: { quotes: number; history: number; fundamentals: number };
}

export async function runScan(market: MarketGateway, config: AppConfig, req: ScanRequest, now: Date, progress: (done: number, total: number) => Promise<void> = async () => undefined): Promise<ScanResult> {
  const universe = await market.universe();
  const [capLo, capHi] = config.trading.marketCapBands[req.band];
  const [pLo, pHi] = [req.minPrice ?? config.scanner.priceBand[0], req.maxPrice ?? config.scanner.priceBand[1]];
  const listed = universe.filter(
    (u) =>
      (u.marketCap ?? NaN) >= capLo &&
      (u.marketCap ?? NaN) < capHi &&
      (u.price === undefined || (u.price >= pLo && u.price <= pHi)) &&
      (u.avgVolume === undefined || u.avgVolume >= config.scanner.minAvgVolume) &&
      (!req.sector || (u.sector ?? '').toLowerCase().includes(req.sector.toLowerCase())),
  );
  const quotes: Quote[] = [];
  const batch = 200;
  for (let i = 0; i < listed.length; i += batch) {
    quotes.push(...(await market.quotes(listed.slice(i, i + batch).map((u) => u.symbol))));
    await progress(Math.min(i + batch, listed.length), listed.length);
  }
  const activity = (q: Quote) => (q.avgVolume ? (q.volume ?? 0) / q.avgVolume : 0) + Math.abs(q.changePercent) / 5;
  const deep = quotes
    .filter((q) => q.price >= pLo && q.price <= pHi)
    .sort((a, b) => activity(b) - activity(a))
    .slice(0, req.deepDive ?? 150);
  const from = new Date(now.getTime() - 400 * 86_400_000).toISOString().slice(0, 10);
  const scored: Pick[] = [];
  for (const q of deep) {
    const bars = await market.history(q.symbol, { from }).catch(() => undefined);
    if (!bars || bars.bars.length < 60) continue;
    const tech = technicalScore(bars.bars);
    const risk = riskScore(tech.atrPct);
    const w = config.scanner.weights;
    scored.push({
      symbol: q.symbol,
      name: q.name,
      price: q.price,
      marketCap: q.marketCap,
      score: (w.technical * tech.score + w.risk * risk.score) / (w.technical + w.risk),
      components: { technical: tech.score, risk: risk.score },
      reasons: [...tech.reasons, ...risk.reasons],
    });
  }
  scored.sort((a, b) => b.score - a.score);
  const finalists = scored.slice(0, req.limit * 2);
  for (const p of finalists) {
    const f = await market.fundamentals(p.symbol).catch(() => undefined);
    if (!f) continue;
    p.sector = f.sector;
    const fund = fundamentalScore(f, config.scanner);
    p.components.fundamental = fund.score;
    p.score = 0.8 * p.score + 0.2 * fund.score;
    p.reasons.push(...fund.reasons);
  }
  finalists.sort((a, b) => b.score - a.score);
  return {
    universe: universe.length,
    afterListingFilters: listed.length,
    deepDived: deep.length,
    picks: finalists.slice(0, req.limit).map((p) => ({ ...p, score: Math.round(p.score * 10) / 10 })),
    stamp: quotes[0]?.stamp,
    requests: { quotes: Math.ceil(listed.length / batch), history: deep.length, fundamentals: finalists.length },
  };
}
