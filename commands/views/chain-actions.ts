/**
 * The buttons of an option-chain reply: the previous and next expiry (keeping the call/put
 * choice) and a flip to calls or puts. Set explicitly on the reply; adapters only render them.
 */
import type { ReplyAction } from '../../src/chat/reply.js';

export interface ChainView {
  /** The command a click re-runs, and its ticker and expiry option names. */
  command: string;
  symbol: string;
  expiry: string;
  expiries: readonly string[];
  /** The one type shown, or undefined when both calls and puts are. */
  showing: 'call' | 'put' | undefined;
}

export function chainActions(v: ChainView): ReplyAction[] {
  const expiries = [...v.expiries].sort();
  const at = expiries.indexOf(v.expiry);
  const prev = at > 0 ? expiries[at - 1] : undefined;
  const next = at >= 0 ? expiries[at + 1] : undefined;
  const options = (expiry: string, type: 'call' | 'put' | undefined) => ({ ticker: v.symbol, expiry, ...(type ? { type } : {}) });
  const out: ReplyAction[] = [];
  if (prev) out.push({ kind: 'expiry', label: `◀ ${prev}`, command: v.command, options: options(prev, v.showing) });
  if (v.showing !== 'call') out.push({ kind: 'flip', label: 'Calls', command: v.command, options: options(v.expiry, 'call') });
  if (v.showing !== 'put') out.push({ kind: 'flip', label: 'Puts', command: v.command, options: options(v.expiry, 'put') });
  if (next) out.push({ kind: 'expiry', label: `${next} ▶`, command: v.command, options: options(next, v.showing) });
  return out;
}

/** The single option type among the shown rows, if there is exactly one. */
export function showingType(types: Iterable<string>): 'call' | 'put' | undefined {
  const set = new Set(types);
  return set.size === 1 ? (set.has('call') ? 'call' : set.has('put') ? 'put' : undefined) : undefined;
}
