/**
 * Reads the configuration once at start: config/default.json, then the user's file
 * (TRACKER_CONFIG, or config/local.json when present), then environment variables.
 * Any bad value becomes a ConfigError whose message is one sentence naming the key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { redact, SECRET_KEY } from './redact.js';
import { AppConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** The user's config file; defaults to TRACKER_CONFIG or config/local.json when it exists; false for none. */
  file?: string | false;
  /** Overrides applied last (command-line flags such as --demo). */
  overrides?: DeepPartial<z.input<typeof AppConfig>>;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export const DEFAULT_FILE = fileURLToPath(new URL('../../config/default.json', import.meta.url));
const LOCAL_FILE = fileURLToPath(new URL('../../config/local.json', import.meta.url));

/** Environment variable → config path. Numbers are converted; empty values are ignored. */
const ENV_KEYS: Record<string, { path: string; number?: boolean }> = {
  MARKET_DATA: { path: 'data.source' },
  YAHOO_BASE_URL: { path: 'data.yahooBaseUrl' },
  POLYGON_API_KEY: { path: 'data.polygon.apiKey' },
  POLYGON_BASE_URL: { path: 'data.polygon.baseUrl' },
  ALPHAVANTAGE_API_KEY: { path: 'data.alphavantage.apiKey' },
  ALPHAVANTAGE_BASE_URL: { path: 'data.alphavantage.baseUrl' },
  DISCORD_TOKEN: { path: 'chat.discord.token' },
  DISCORD_APP_ID: { path: 'chat.discord.appId' },
  DISCORD_GUILD_ID: { path: 'chat.discord.guildId' },
  DISCORD_API_BASE: { path: 'chat.discord.apiBase' },
  DISCORD_SHARD: { path: 'chat.discord.shard' },
  SLACK_BOT_TOKEN: { path: 'chat.slack.botToken' },
  SLACK_SIGNING_SECRET: { path: 'chat.slack.signingSecret' },
  SLACK_APP_TOKEN: { path: 'chat.slack.appToken' },
  SLACK_PORT: { path: 'chat.slack.port', number: true },
  SLACK_API_URL: { path: 'chat.slack.apiUrl' },
  SLACK_MAX_BODY_BYTES: { path: 'chat.slack.maxBodyBytes', number: true },
  SLACK_START_TIMEOUT_MS: { path: 'chat.slack.startTimeoutMs', number: true },
  SLACK_CLIENT_ID: { path: 'chat.slack.clientId' },
  SLACK_CLIENT_SECRET: { path: 'chat.slack.clientSecret' },
  SLACK_STATE_SECRET: { path: 'chat.slack.stateSecret' },
  SLACK_REDIRECT_URI: { path: 'chat.slack.redirectUri' },
  STORE_URL: { path: 'store.url' },
  STORE_KEEP_DAYS: { path: 'store.keepDays', number: true },
  OPS_PORT: { path: 'ops.port', number: true },
  OPS_HOST: { path: 'ops.host' },
  NASDAQ_BASE_URL: { path: 'data.universe.nasdaqBaseUrl' },
  TICKERS_FILE: { path: 'data.universe.tickersFile' },
};

/** Every environment variable the config reads: the settings above and TRACKER_CONFIG (the user's file). */
export const CONFIG_ENV_VARIABLES: readonly string[] = [...Object.keys(ENV_KEYS), 'TRACKER_CONFIG'];

export function loadConfig(opts: LoadOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const origin = new Map<string, string>();
  let raw = readJson(DEFAULT_FILE);
  const userFile = opts.file === false ? undefined : (opts.file ?? env.TRACKER_CONFIG ?? (existsSync(LOCAL_FILE) ? LOCAL_FILE : undefined));
  if (userFile) raw = merge(raw, readJson(userFile));
  for (const [name, spec] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    setPath(raw, spec.path, spec.number && /^\d+$/.test(value.trim()) ? Number(value) : value.trim());
    origin.set(spec.path, name);
  }
  if (opts.overrides) raw = merge(raw, opts.overrides as Record<string, unknown>);
  // Parsed once per process: zod's compiled fast path (~30 ms to generate for this schema) would never pay off.
  const parsed = AppConfig.safeParse(raw, { jitless: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = (issue?.path ?? []).join('.');
  const value = getPath(raw, key);
  // A missing value is named by the variable that would set it.
  const from = origin.get(key) ?? (value === undefined ? Object.entries(ENV_KEYS).find(([, s]) => s.path === key)?.[0] : undefined);
  // Never echo a secret: secret keys show nothing of their value, URLs lose their credentials.
  const shown = value === undefined ? 'nothing' : SECRET_KEY.test(key) ? 'a value' : clip(redact(JSON.stringify(value)));
  throw new ConfigError(`Config error: ${from ? `${from} (${key})` : key} must be ${describe(issue)}, but got ${shown}.`);
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'valid';
  const msg = issue.message;
  if (issue.code === 'invalid_format' || issue.code === 'custom') return msg.replace(/^Invalid (string|input):\s*/i, '');
  if (issue.code === 'too_small') return `at least ${String((issue as { minimum?: unknown }).minimum)}`;
  if (issue.code === 'too_big') return `at most ${String((issue as { maximum?: unknown }).maximum)}`;
  if (issue.code === 'invalid_value') return `one of ${(issue as { values?: unknown[] }).values?.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `a ${(issue as { expected?: string }).expected ?? 'different type'}`;
  if (/expected/i.test(msg) && !/received/i.test(msg)) return msg;
  return msg.replace(/^Invalid input:\s*/i, '');
}

/**
 * The file as a JSON object. Errors name the file and a line and column, never its bytes: the
 * parser's own message quotes the text, and `--config /etc/shadow` must not print it.
 */
function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Config error: cannot read the config file ${file}.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Config error: ${file} is not valid JSON${where(text, (err as Error).message)}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`Config error: ${file} is not a JSON object ({ … }).`);
  return value as Record<string, unknown>;
}

/** " (line L, column C)" from the parser's "at position N", or nothing. */
function where(text: string, message: string): string {
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return ` (line ${line[1]}, column ${line[2]})`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return text.trim() ? '' : ' (the file is empty)';
  const before = text.slice(0, Number(pos[1])).split('\n');
  return ` (line ${before.length}, column ${(before[before.length - 1] ?? '').length + 1})`;
}

const clip = (s: string): string => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = obj;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => (isObject(node) ? node[k] : Array.isArray(node) ? node[Number(k)] : undefined), obj);
}
