/**
 * The `--json` contract: every command exports the zod schema of its reply's `data`, and every
 * success reply — with realistic arguments on the simulated market — and every scheduled post and
 * alert validates against it after a JSON round trip (what `--json` prints). Schemas are strict,
 * so a field added or renamed without its schema fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import * as quote from '../../commands/quote.js';
import * as scan from '../../commands/scan.js';
import { alertData, eodPostData, morningPostData } from '../../commands/schemas/scheduled.js';
import type { Reply } from '../../src/chat/reply.js';
import { closeDeliveryDb } from '../../src/delivery/db.js';
import { CONSOLE_TENANT } from '../../src/store/settings.js';
import { createTestBot, findOptionChain, type TestBot } from '../helpers/bot.js';
import { contractLines, driveScheduler } from '../helpers/contract-session.js';

const json = (r: Reply): unknown => JSON.parse(JSON.stringify(r.data));
const who = { tenant: CONSOLE_TENANT, user: 'console:user', channel: 'console:main', platform: 'console' as const };

let bot: TestBot;
const replies: Reply[] = [];
const scheduled: Reply[] = [];

beforeAll(async () => {
  bot = await createTestBot({ now: new Date('2026-12-01T09:40:00-05:00'), symbols: 1500 });
  const chain = await findOptionChain(bot, { minPrice: 5, maxPrice: 40 });
  const sym = chain.symbol;
  const call = chain.contracts.find((c) => c.type === 'call' && c.strike >= chain.spot) ?? chain.contracts[0];
  const opt = `${chain.expiries[0]} ${call?.strike} call`;
  const lines = contractLines({ sym, price: chain.spot, opt, other: chain.expiries[1] ?? (chain.expiries[0] as string), notes: 'schema' });
  for (const line of lines) replies.push(await bot.exec(line, who));

  await driveScheduler(bot, '2026-12-01', scheduled);
  // After the morning post, so the track record has a pick to follow.
  replies.push(await bot.exec('/track', who));
}, 240_000);

afterAll(async () => {
  await closeDeliveryDb(bot.services.store);
  await bot.close();
});

describe('every command’s --json data has a schema, and replies keep to it', () => {
  it('every command exports its data schema on its definition', () => {
    for (const c of commands) expect(c.dataSchema, `/${c.name}`).toBeDefined();
    expect(quote.dataSchema).toBe(commands.find((c) => c.name === 'quote')?.dataSchema);
    expect(scan.dataSchema).toBe(commands.find((c) => c.name === 'scan')?.dataSchema);
  });

  it('runs every command successfully with realistic arguments', () => {
    const failed = replies.filter((r) => !r.ok).map((r) => `${r.command}: ${r.error?.message}`);
    expect(failed).toEqual([]);
    expect(new Set(replies.map((r) => r.command))).toEqual(new Set(commands.map((c) => c.name)));
  });

  it('validates each success reply’s data against its command’s schema', () => {
    const issues = replies.flatMap((r) => {
      const res = commands.find((c) => c.name === r.command)?.dataSchema?.safeParse(json(r));
      return res?.success ? [] : (res?.error.issues ?? []).slice(0, 3).map((i) => `/${r.command} ${i.path.join('.')}: ${i.message}`);
    });
    expect(issues).toEqual([]);
  });

  it('fails on drift: an unknown field, a renamed one, a wrong type', () => {
    const q = json(replies.find((r) => r.command === 'quote') as Reply) as Record<string, unknown>;
    expect(quote.dataSchema.safeParse({ ...q, extra: 1 }).success).toBe(false);
    const { price, ...renamed } = q;
    expect(quote.dataSchema.safeParse({ ...renamed, last: price }).success).toBe(false);
    expect(quote.dataSchema.safeParse({ ...q, price: String(price) }).success).toBe(false);
  });

  it('gives scan picks structured reasons whose text is data’s reasons', () => {
    const d = scan.dataSchema.parse(json(replies.find((r) => r.command === 'scan') as Reply));
    expect(d.picks.length).toBeGreaterThan(0);
    for (const p of d.picks) {
      expect(p.checks.length).toBe(p.reasons.length);
      expect(p.reasons).toEqual(p.checks.map((c) => (c.wanted === null ? c.value : `${c.value} (wanted ${c.wanted})`)));
      expect(p.checks.some((c) => c.check === 'revenueGrowth' && c.wanted === '≥ 10%' && c.passed)).toBe(true);
      expect(p.checks.at(-1)?.check).toBe('option');
    }
  });
});

describe('scheduled posts and alerts keep to their schemas', () => {
  it('the morning post, the end-of-day summary and a stop-loss alert validate', () => {
    const kinds = scheduled.map((r) => `${r.kind}:${r.command}`);
    expect(kinds).toEqual(expect.arrayContaining(['post:morning', 'post:eod', 'alert:alert']));
    for (const r of scheduled) {
      const schema = r.command === 'morning' ? morningPostData : r.command === 'eod' ? eodPostData : alertData;
      const res = schema.safeParse(json(r));
      expect(res.success ? [] : res.error.issues.slice(0, 3), `${r.kind} ${r.command}`).toEqual([]);
    }
  });

  it('the morning post is the scan under its own heading', () => {
    const post = scheduled.find((r) => r.command === 'morning');
    expect(post?.title).toMatch(/^Morning picks 2026-12-01 — default · small caps: top \d+ of [\d,]+ symbols$/);
  });

  it('a personal alert names its recipient explicitly', () => {
    const alert = scheduled.find((r) => r.kind === 'alert');
    expect(alert?.recipient).toEqual({ tenant: CONSOLE_TENANT, user: 'console:user' });
  });
});
