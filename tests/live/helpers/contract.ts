/**
 * The `--json` contract on live-shaped data: a whole bot (config → createServices → router →
 * commands/) over the environment a user would set (MARKET_DATA, YAHOO_BASE_URL, POLYGON_API_KEY…),
 * and the check every reply must pass — a success's `data`, after a JSON round trip, validates
 * against its command's strict `dataSchema`; a failure is one sentence with a code README documents.
 */
import { readFileSync } from 'node:fs';
import { ExtendedCookieJar } from 'yahoo-finance2/lib/cookieJar';
import { getCrumbClear } from 'yahoo-finance2/lib/getCrumb';
import { commands } from '../../../commands/index.js';
import { alertData, eodPostData, morningPostData } from '../../../commands/schemas/scheduled.js';
import { createServices } from '../../../src/app.js';
import type { CommandContext } from '../../../src/chat/command.js';
import type { Reply } from '../../../src/chat/reply.js';
import { createRouter } from '../../../src/chat/router.js';
import { manualClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/logger.js';
import type { Services } from '../../../src/services.js';

export type Who = Pick<CommandContext, 'platform' | 'tenant' | 'user' | 'channel' | 'isAdmin'>;
export const ALICE: Who = { platform: 'discord', tenant: 'discord:guild1', user: 'discord:alice', channel: 'discord:chan', isAdmin: true };

export interface LiveBot {
  exec(line: string, who?: Who): Promise<Reply>;
  services: Services;
  clock: ReturnType<typeof manualClock>;
  close(): Promise<void>;
}

/** The bot as `npm start` builds it from these environment variables, on a manual clock and an in-memory store. */
export async function liveBot(env: Record<string, string>, now: Date, overrides: Record<string, unknown> = {}): Promise<LiveBot> {
  const config = loadConfig({
    env: { TICKERS_FILE: '/nonexistent/tickers.txt', ...env },
    file: false,
    overrides: { store: { url: 'memory://' }, ...overrides },
  });
  const clock = manualClock(now);
  const services = await createServices({ config, env, logger: silentLogger, clock });
  const router = createRouter(commands);
  return {
    services,
    clock,
    exec: (line, who = ALICE) => router.handle({ line }, { ...who, services, progress: async () => undefined }),
    async close() {
      await services.market.close();
      await services.store.close();
      // yahoo-finance2 caches the crumb process-wide.
      await getCrumbClear(new ExtendedCookieJar());
    },
  };
}

/** What `--json` prints of `data`: NaN and ±Infinity become null, undefined fields vanish, Dates become strings. */
export const printed = (r: Reply): unknown => JSON.parse(JSON.stringify(r.data ?? null));

/** The error codes README's `--json` section documents (its "Error codes" table): a script may rely on these. */
export const DOCUMENTED_CODES: ReadonlySet<string> = (() => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('**Error codes**')).split('\n\n')[1] ?? '';
  return new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string));
})();

/** One sentence for a user: capital start, full stop (or question mark) end, one line, no URL, path or payload. */
export function sentenceIssue(message: string | undefined): string | undefined {
  if (!message) return 'no message';
  if (!/^[A-Z0-9/"'`(][^\n]*[.?]$/.test(message)) return `not one sentence: ${message}`;
  if (/https?:|\/v\d+\/|[{}]|\bat \w+ \(|Error:/.test(message)) return `leaks internals: ${message}`;
  if (message.split(/[.?]\s+(?=[A-Z])/).length > 1) return `more than one sentence: ${message}`;
  return undefined;
}

const schemaOf = (r: Reply) => {
  if (r.kind === 'post') return r.command === 'morning' ? morningPostData : r.command === 'eod' ? eodPostData : undefined;
  if (r.kind === 'alert') return alertData;
  return commands.find((c) => c.name === r.command)?.dataSchema;
};

/** Every way these replies break the `--json` contract, as lines a failing test prints ([] when none). */
export function contractIssues(replies: Reply[]): string[] {
  return replies.flatMap((r) => {
    const at = `${r.kind ?? 'reply'} /${r.command}`;
    if (!r.ok) {
      const code = r.error?.code ?? '';
      // INTERNAL is documented as a bug: never a contract a reply may rely on.
      const bad = [!DOCUMENTED_CODES.has(code) || code === 'INTERNAL' ? `code ${code || '(none)'}` : undefined, sentenceIssue(r.error?.message)];
      return bad.filter((b) => b !== undefined).map((b) => `${at} failed: ${b}`);
    }
    const schema = schemaOf(r);
    if (!schema) return [`${at}: no data schema`];
    const res = schema.safeParse(printed(r));
    return res.success ? [] : res.error.issues.slice(0, 4).map((i) => `${at} ${i.path.join('.')}: ${i.message}`);
  });
}
