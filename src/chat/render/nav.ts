/**
 * Buttons for a reply's explicit `actions` (flip calls/puts, step expiries, next page of results).
 * The button id carries the command and its named options, so a click re-runs the command through
 * the router, which validates the options against the command's own schema.
 */
import type { Command } from '../command.js';
import { describeOptions } from '../options.js';
import type { Reply } from '../reply.js';

export interface NavButton {
  label: string;
  /** `act:<command>:<options as JSON>`, at most Discord's 100-character custom id limit. */
  id: string;
}

const MAX_ID = 100;

export function navButtons(reply: Reply): NavButton[] {
  if (!reply.ok) return [];
  return (reply.actions ?? []).map((a) => ({ label: a.label, id: `act:${a.command}:${JSON.stringify(a.options)}` })).filter((b) => b.id.length <= MAX_ID);
}

type Target = { name: string; options: Record<string, unknown> };

/** The command and named options a button stands for. */
export function parseNav(customId: string, find: (name: string) => Command | undefined): Target | undefined {
  return parseAction(customId, find) ?? parseLegacyNav(customId, find);
}

function parseAction(customId: string, find: (name: string) => Command | undefined): Target | undefined {
  const m = /^act:([a-z][a-z0-9-]*):(\{.*\})$/.exec(customId);
  const command = m?.[1] ? find(m[1]) : undefined;
  if (!m?.[2] || !command) return undefined;
  try {
    const options: unknown = JSON.parse(m[2]);
    if (!options || typeof options !== 'object' || Array.isArray(options)) return undefined;
    return { name: command.name, options: options as Record<string, unknown> };
  } catch {
    return undefined; // not our JSON: an unknown button is ignored, like any other foreign id
  }
}

/** `nav:<command>:<symbol>:<expiry>:<c|p|a>`: the ids of buttons on messages posted before actions were explicit. */
function parseLegacyNav(customId: string, find: (name: string) => Command | undefined): Target | undefined {
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
