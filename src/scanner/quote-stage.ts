/**
 * The quote stage of the scan: batched quotes (hundreds of symbols a request) for the listing's
 * survivors. A batch that fails is skipped and named, never fatal; when the budget cannot pay for
 * every batch, the most traded symbols (by the listing's volume × price) are quoted first.
 */
import { MarketDataError, type MarketGateway, type Quote } from '../market/index.js';
import type { RequestPlan } from './plan.js';

export interface Skipped {
  stage: 'quotes' | 'fundamentals' | 'history' | 'options';
  symbols: number;
  reason: string;
}

export interface QuoteStage {
  quotes: Quote[];
  /** Listed symbols not quoted because the budget ran out. */
  unbudgeted: number;
  skipped: Skipped[];
  requests: number;
}

export async function quoteStage(inp: {
  market: MarketGateway;
  symbols: readonly string[];
  batch: number;
  plan: RequestPlan;
  /** Requests to keep for the later stages. */
  keep: number;
  progress: (done: number) => Promise<void>;
}): Promise<QuoteStage> {
  const { market, symbols, batch, plan } = inp;
  const out: QuoteStage = { quotes: [], unbudgeted: 0, skipped: [], requests: 0 };
  const batches = Math.ceil(symbols.length / batch);
  // At least one batch whenever anything is left: without quotes there is no scan.
  const wanted = Number.isFinite(plan.total) ? Math.max(Math.min(1, Math.floor(plan.left())), plan.allow(batches, 1, inp.keep)) : batches;
  let good = 0;
  let i = 0;
  for (; i < batches && good < wanted; i++) {
    if (i > 0 && plan.left() < 1) break;
    const chunk = symbols.slice(i * batch, (i + 1) * batch);
    out.requests++;
    try {
      out.quotes.push(...(await market.quotes(chunk)));
      good++;
    } catch (err) {
      const why = err instanceof MarketDataError ? err.message : 'the request failed';
      out.skipped.push({ stage: 'quotes', symbols: chunk.length, reason: `quote batch ${i + 1} (${chunk[0]}–${chunk.at(-1)}) failed: ${why}` });
    }
    await inp.progress(Math.min((i + 1) * batch, symbols.length));
  }
  out.unbudgeted = Math.max(0, symbols.length - i * batch);
  return out;
}
