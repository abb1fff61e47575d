/** The sentences a scan reply adds about its request plan: what each stage examined and why, and what it skipped. */
import type { FunnelStage } from './pipeline.js';
import type { RequestPlan } from './plan.js';
import type { Skipped } from './quote-stage.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

const CUT_SENTENCE: Record<FunnelStage['stage'], string> = {
  listing: 'listed',
  quotes: 'quoted (least traded by the listing’s dollar volume)',
  fundamentals: 'given fundamentals (least active today)',
  technicals: 'given a chart (lowest ranked)',
  options: 'given an option chain (lowest preliminary score)',
};

export function planNotes(funnel: readonly FunnelStage[], skipped: readonly Skipped[], plan: RequestPlan, limited: boolean): string[] {
  const out: string[] = [];
  if (limited) out.push(`Request plan: ${plan.describe()}; used ${fmt(plan.total - plan.left())}.`);
  for (const s of funnel) {
    if (!s.capped) continue;
    const why = s.why === 'budget' ? 'to stay inside the request budget' : 'past the configured depth cap';
    out.push(`${fmt(s.capped)} ${s.capped === 1 ? 'symbol was' : 'symbols were'} not ${CUT_SENTENCE[s.stage]}, ${why}.`);
  }
  for (const k of skipped) out.push(`Skipped ${fmt(k.symbols)} symbols at the ${k.stage} stage: ${k.reason}`);
  return out;
}
