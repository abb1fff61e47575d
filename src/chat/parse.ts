/**
 * Pure argument parsing: a chat line or a platform's named options in, typed args or a coded
 * error out. Bare words fill the command's positional options in order, each going to the first
 * open option that accepts it (so `/greeks ABC call` skips expiry and strike); `key=value` names one.
 */
import type { Command } from './command.js';
import type { ArgError, Result } from './errors.js';
import { describeOptions, type OptionInfo } from './options.js';

export interface ParsedLine {
  name: string;
  tokens: string[];
}

/** Splits `/name a "b c" k=v` into the command name and tokens; quotes group words. */
export function parseLine(line: string): Result<ParsedLine, ArgError> {
  const tokens = tokenize(line.trim());
  const head = tokens.shift();
  if (!head) return { ok: false, error: { code: 'BAD_SYNTAX', message: 'Type a command such as /help.' } };
  const name = head.replace(/^[/!]/, '').toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    return { ok: false, error: { code: 'BAD_SYNTAX', message: `"${head.slice(0, 40)}" is not a command; type /help to see them.` } };
  }
  return { ok: true, value: { name, tokens } };
}

const CLOSE: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '„': '“' };

/**
 * Whitespace-separated tokens; a quote that starts a token or follows `=` groups words up to its
 * closing quote (`notes="two words"`, `"two words"`, typographic “…” too) and is dropped. A quote
 * with no closing partner, or inside a word (`don't`), is an ordinary character.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      if (started) tokens.push(cur);
      cur = '';
      started = false;
      continue;
    }
    const close = CLOSE[ch];
    const end = close && (!started || cur.endsWith('=')) ? text.indexOf(close, i + 1) : -1;
    if (end > i) {
      cur += text.slice(i + 1, end);
      i = end;
    } else {
      cur += ch;
    }
    started = true;
  }
  if (started) tokens.push(cur);
  return tokens;
}

/** Binds text tokens to the command's options and validates them with its schema. */
export function bindTokens(command: Command, tokens: string[]): Result<Record<string, unknown>, ArgError> {
  const options = describeOptions(command.args);
  const byName = new Map(options.map((o) => [o.name.toLowerCase(), o]));
  const raw: Record<string, unknown> = {};
  const bare: string[] = [];
  const named = new Map<string, string>();
  for (const token of tokens) {
    const kv = /^(?:--)?([a-zA-Z][\w-]*)=(.*)$/.exec(token);
    const flag = /^--([a-zA-Z][\w-]*)$/.exec(token);
    if (kv?.[1] && byName.has(kv[1].toLowerCase())) {
      const opt = byName.get(kv[1].toLowerCase()) as OptionInfo;
      if (opt.name in raw) {
        // `price=2..20 price=3..4` must not silently keep the last one.
        const was = named.get(opt.name) ?? '';
        return {
          ok: false,
          error: {
            code: 'UNEXPECTED_ARGUMENT',
            option: opt.name,
            message: `${opt.name} is given twice (${was.slice(0, 40)} and ${(kv[2] ?? '').slice(0, 40)}); give it once.`,
          },
        };
      }
      named.set(opt.name, kv[2] ?? '');
      const value = convert(opt, kv[2] ?? '');
      // Quote what was typed ("0x5"), not the number it failed to become.
      if (typeof value === 'number' && !Number.isFinite(value)) return invalid(command, opt, kv[2] ?? '');
      raw[opt.name] = value;
    } else if (flag?.[1] && byName.get(flag[1].toLowerCase())?.kind === 'boolean') {
      raw[(byName.get(flag[1].toLowerCase()) as OptionInfo).name] = true;
    } else if (kv || flag) {
      const key = (kv?.[1] ?? flag?.[1]) as string;
      return {
        ok: false,
        error: { code: 'UNEXPECTED_ARGUMENT', option: key, message: `/${command.name} has no option "${quoteClip(key)}"; it takes ${listOptions(options)}.` },
      };
    } else {
      bare.push(token);
    }
  }
  const open = command.positional.filter((p) => !(p in raw));
  for (const token of bare) {
    let target = open.find((name) => accepts(command, byName.get(name.toLowerCase()) as OptionInfo, token));
    // A word that is not one of the first open option's choices must not slide into a later
    // free-text option (`/settings foo` would silently show, `/settings foo bar` blame "bar").
    const first = open[0] ? (byName.get(open[0].toLowerCase()) as OptionInfo) : undefined;
    if (target && target !== open[0] && first?.choices && freeText(command, byName.get(target.toLowerCase()) as OptionInfo)) target = undefined;
    if (!target) {
      const first = open[0];
      if (first) return invalid(command, byName.get(first.toLowerCase()) as OptionInfo, token);
      return {
        ok: false,
        error: { code: 'UNEXPECTED_ARGUMENT', message: `/${command.name} does not take "${quoteClip(token)}"; it takes ${listOptions(options)}.` },
      };
    }
    raw[target] = convert(byName.get(target.toLowerCase()) as OptionInfo, token);
    open.splice(open.indexOf(target), 1);
  }
  return bindNamed(command, raw);
}

/** Validates named options (Discord, Slack interactive, or already bound text). */
export function bindNamed(command: Command, raw: Record<string, unknown>): Result<Record<string, unknown>, ArgError> {
  const options = describeOptions(command.args);
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined && v !== null && v !== '') cleaned[k] = v;
  const missing = options.find((o) => o.required && !(o.name in cleaned));
  if (missing) {
    return {
      ok: false,
      error: {
        code: 'MISSING_ARGUMENT',
        option: missing.name,
        message: `/${command.name} needs ${article(missing)} — for example: ${command.examples[0] ?? '/' + command.name}.`,
      },
    };
  }
  const parsed = command.args.safeParse(cleaned);
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  const opt = options.find((o) => o.name === name);
  if (!opt) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `/${command.name}: ${issue?.message ?? 'invalid arguments'}.` } };
  return invalid(command, opt, cleaned[name]);
}

function accepts(command: Command, opt: OptionInfo, token: string): boolean {
  const field = (command.args.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[opt.name];
  return !!field && field.safeParse(convert(opt, token)).success;
}

/** A string option with no choices and no pattern: it would take any word. */
function freeText(command: Command, opt: OptionInfo): boolean {
  return opt.kind === 'string' && !opt.choices && accepts(command, opt, '~?');
}

function convert(opt: OptionInfo, token: string): unknown {
  if (opt.kind === 'number' || opt.kind === 'integer') {
    // Plain decimals only: Number() would also take "0x5", "0b11" and "Infinity".
    const t = token.trim().replace(/[$,_]/g, '').replace(/%$/, '');
    if (token.trim() === '') return undefined;
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  }
  if (opt.kind === 'boolean') return /^(true|yes|on|1)$/i.test(token) ? true : /^(false|no|off|0)$/i.test(token) ? false : token;
  if (opt.choices) return opt.choices.find((c) => c.toLowerCase() === token.toLowerCase()) ?? token;
  return token;
}

/** At most 40 characters of what the user typed, so an error stays one short sentence. */
const quoteClip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function invalid(command: Command, opt: OptionInfo, value: unknown): Result<never, ArgError> {
  // Quote at most 40 characters of what the user typed: the error must stay one short sentence.
  const text = typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const shown = typeof value === 'number' && Number.isNaN(value) ? 'that' : JSON.stringify(text);
  return {
    ok: false,
    error: { code: 'INVALID_ARGUMENT', option: opt.name, message: `${shown} is not a valid ${opt.name} for /${command.name}: expected ${expected(opt)}.` },
  };
}

export function expected(opt: OptionInfo): string {
  if (opt.choices) return `one of ${opt.choices.join(', ')}`;
  if (opt.kind === 'number' || opt.kind === 'integer') {
    const kind = opt.kind === 'integer' ? 'a whole number' : 'a number';
    const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });
    if (opt.min !== undefined && opt.max !== undefined)
      return opt.minExclusive ? `${kind} above ${n(opt.min)}, at most ${n(opt.max)}` : `${kind} from ${n(opt.min)} to ${n(opt.max)}`;
    if (opt.min !== undefined) return `${kind} above ${opt.min}`;
    if (opt.max !== undefined) return `${kind} up to ${opt.max}`;
    return kind;
  }
  if (opt.kind === 'boolean') return 'true or false';
  // Lower-case the first letter only when it starts an ordinary word: "RSI(14) band" keeps its acronym.
  const d = opt.description;
  return d ? (/^[A-Z][a-z]/.test(d) ? d.charAt(0).toLowerCase() + d.slice(1) : d) : 'text';
}

function article(opt: OptionInfo): string {
  return `${opt.name} (${opt.description || expected(opt)})`;
}

function listOptions(options: OptionInfo[]): string {
  return options.length ? options.map((o) => o.name).join(', ') : 'no options';
}
