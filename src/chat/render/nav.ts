/**
 * Navigation buttons for option-chain replies (/greeks): flip calls/puts and step through
 * expiries. Read from the reply's structured data (symbol, expiry, expiries), so any command
 * that returns those gets them; a click re-runs the command with the new options.
 */
import type { Command } from '../command.js';
import { describeOptions } from '../options.js';
import type { Reply } from '../reply.js';

export interface NavButton {
  label: string;
  /** `nav:<command>:<symbol>:<expiry>:<c|p|a>`, under Discord's 100-character custom id limit. */
  id: string;
}

interface ChainData {
  symbol?: unknown;
  expiry?: unknown;
  expiries?: unknown;
  contracts?: { type?: unknown }[];
}

const SYMBOL = /^[A-Z0-9.^=-]{1,12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function navButtons(reply: Reply): NavButton[] {
  const d = (reply.data ?? {}) as ChainData;
  if (!reply.ok || typeof d.symbol !== 'string' || !SYMBOL.test(d.symbol) || typeof d.expiry !== 'string' || !DAY.test(d.expiry)) return [];
  const expiries = Array.isArray(d.expiries) ? d.expiries.filter((e): e is string => typeof e === 'string' && DAY.test(e)).sort() : [];
  const types = new Set((d.contracts ?? []).map((c) => c.type));
  const current = types.size === 1 ? (types.has('call') ? 'c' : 'p') : 'a';
  const id = (expiry: string, type: string) => `nav:${reply.command}:${d.symbol as string}:${expiry}:${type}`;
  const at = expiries.indexOf(d.expiry);
  const out: NavButton[] = [];
  const prev = at > 0 ? expiries[at - 1] : undefined;
  const next = at >= 0 ? expiries[at + 1] : undefined;
  if (prev) out.push({ label: `◀ ${prev}`, id: id(prev, current) });
  if (current !== 'c') out.push({ label: 'Calls', id: id(d.expiry, 'c') });
  if (current !== 'p') out.push({ label: 'Puts', id: id(d.expiry, 'p') });
  if (next) out.push({ label: `${next} ▶`, id: id(next, current) });
  return out;
}

/** The command and named options a nav button stands for. */
export function parseNav(customId: string, find: (name: string) => Command | undefined): { name: string; options: Record<string, unknown> } | undefined {
  const m = /^nav:([a-z][a-z0-9-]*):([A-Z0-9.^=-]{1,12}):(\d{4}-\d{2}-\d{2}):([cpa])$/.exec(customId);
  const command = m?.[1] ? find(m[1]) : undefined;
  if (!m || !command) return undefined;
  const opts = describeOptions(command.args);
  const symbol = opts.find((o) => /^(ticker|symbol|underlying)$/.test(o.name));
  const expiry = opts.find((o) => /^(expiry|expiration)$/.test(o.name));
  const type = opts.find((o) => o.name === 'type');
  if (!symbol || !expiry) return undefined;
  const options: Record<string, unknown> = { [symbol.name]: m[2], [expiry.name]: m[3] };
  if (type && m[4] !== 'a') options[type.name] = m[4] === 'c' ? 'call' : 'put';
  return { name: command.name, options };
}
