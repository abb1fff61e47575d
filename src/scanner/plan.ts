/**
 * The request plan of a scan. Before fetching, the scan knows the primary provider's limit (e.g.
 * Yahoo's 30 a minute), the slots kept for interactive commands and what is already used, and
 * the time it may take (config.scanner.live.targetSeconds): that fixes how many requests it may
 * make. The plan hands them out cheapest-first — batched quotes for the listing's survivors, then
 * fundamentals and history for the most active, then option chains (two requests each) for the
 * finalists — and each stage asks `allow()` with the requests actually left, so a retry or a
 * failed batch shrinks the later stages instead of overrunning the budget. Without a limiter
 * (simulator, replay) the plan is unlimited and the depth caps alone apply.
 */
import type { BudgetSnapshot } from '../market/index.js';

export interface PlanInput {
  budget: BudgetSnapshot | undefined;
  /** Seconds the scan may take (config.scanner.live.targetSeconds). */
  targetSeconds: number;
  /** Share of the background budget this scan may use (1 for /scan, config share for refreshes). */
  share: number;
  /** Requests already spent when the plan was made (limiter `sent`). */
  sentAtStart: number;
}

export interface RequestPlan {
  /** Requests the scan may make in all; Infinity without a limiter. */
  readonly total: number;
  /** Requests left now. */
  left(): number;
  /** How many of `wanted` items a stage costing `each` requests per item may take, keeping `keep` requests for later stages. */
  allow(wanted: number, each: number, keep?: number): number;
  /** One sentence: "27 requests (30 a minute, 3 kept for commands, target 60 s)". */
  describe(): string;
}

/** Requests the background may start within `targetSeconds`: what is left now plus whole windows after the first. */
export function backgroundCapacity(b: BudgetSnapshot, targetSeconds: number): number {
  const perWindow = Math.max(0, b.limit.requests - b.reserve);
  const windowS = b.limit.perSeconds;
  const later = Math.max(0, Math.floor((targetSeconds - windowS) / windowS)) * perWindow;
  return b.backgroundLeft + later;
}

export function makePlan(inp: PlanInput, sent: () => number): RequestPlan {
  const b = inp.budget;
  if (!b) {
    return { total: Infinity, left: () => Infinity, allow: (wanted) => wanted, describe: () => 'no request limit (local data)' };
  }
  const total = Math.max(0, Math.floor(backgroundCapacity(b, inp.targetSeconds) * inp.share));
  const left = (): number => Math.max(0, total - (sent() - inp.sentAtStart));
  return {
    total,
    left,
    allow: (wanted, each, keep = 0) => Math.max(0, Math.min(wanted, Math.floor((left() - keep) / each))),
    describe: () =>
      `${total} requests (${b.limit.requests} per ${b.limit.perSeconds} s, ${b.reserve} kept for commands, ${b.limit.requests - b.backgroundLeft - b.reserve > 0 ? `${b.limit.requests - b.backgroundLeft - b.reserve} already used, ` : ''}target ${inp.targetSeconds} s${inp.share < 1 ? `, ${Math.round(inp.share * 100)} % share` : ''})`,
  };
}
