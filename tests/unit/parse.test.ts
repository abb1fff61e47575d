import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/chat/command.js';
import { bindNamed, bindTokens, parseLine } from '../../src/chat/parse.js';
import { okReply } from '../../src/chat/reply.js';
import { optionLines } from '../../src/chat/usage.js';

const greeks = defineCommand({
  name: 'greeks',
  description: 'test',
  category: 'options',
  examples: ['/greeks ABCD'],
  args: z.object({
    ticker: z
      .string()
      .regex(/^[A-Z]{1,5}$/i)
      .describe('Ticker'),
    expiry: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('Expiry date'),
    strike: z.number().positive().optional().describe('Strike'),
    type: z.enum(['call', 'put']).optional().describe('call or put'),
    limit: z.number().int().min(1).max(25).default(10).describe('How many'),
  }),
  positional: ['ticker', 'expiry', 'strike', 'type'],
  run: async () => okReply('greeks', {}),
});

describe('parseLine', () => {
  it('splits the command name and words, keeping quoted words together', () => {
    expect(parseLine('/Greeks ABCD "2026-12-18" k=v')).toEqual({ ok: true, value: { name: 'greeks', tokens: ['ABCD', '2026-12-18', 'k=v'] } });
  });
  it('rejects an empty line and junk with BAD_SYNTAX', () => {
    expect(parseLine('   ')).toMatchObject({ ok: false, error: { code: 'BAD_SYNTAX' } });
    expect(parseLine('/$$$')).toMatchObject({ ok: false, error: { code: 'BAD_SYNTAX' } });
  });
});

describe('bindTokens', () => {
  it('fills positional options in order, each word going to the first option that accepts it', () => {
    expect(bindTokens(greeks, ['ABCD', 'put'])).toEqual({ ok: true, value: { ticker: 'ABCD', type: 'put', limit: 10 } });
    expect(bindTokens(greeks, ['ABCD', '2026-12-18', '25', 'CALL'])).toEqual({
      ok: true,
      value: { ticker: 'ABCD', expiry: '2026-12-18', strike: 25, type: 'call', limit: 10 },
    });
  });
  it('accepts key=value and converts numbers', () => {
    expect(bindTokens(greeks, ['ABCD', 'limit=5', 'strike=$12.5'])).toMatchObject({ ok: true, value: { limit: 5, strike: 12.5 } });
  });
  it('names the option and its range when a value is out of range', () => {
    const r = bindTokens(greeks, ['ABCD', 'limit=99']);
    expect(r).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', option: 'limit', message: '99 is not a valid limit for /greeks: expected a whole number from 1 to 25.' },
    });
  });
  it('reports a missing required option with an example', () => {
    expect(bindTokens(greeks, [])).toMatchObject({
      ok: false,
      error: { code: 'MISSING_ARGUMENT', option: 'ticker', message: expect.stringContaining('/greeks ABCD') },
    });
  });
  it('reports an unknown key and a word no option accepts', () => {
    expect(bindTokens(greeks, ['ABCD', 'colour=red'])).toMatchObject({ ok: false, error: { code: 'UNEXPECTED_ARGUMENT', option: 'colour' } });
    expect(bindTokens(greeks, ['ABCD', '2026-12-18', '25', 'call', 'extra'])).toMatchObject({ ok: false, error: { code: 'UNEXPECTED_ARGUMENT' } });
    expect(bindTokens(greeks, ['ABCD', '-5'])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', option: 'expiry' } });
  });
});

describe('bindTokens: an option named twice', () => {
  it('is an error naming the option, not a silent last-one-wins', () => {
    expect(bindTokens(greeks, ['ABCD', 'limit=5', 'LIMIT=7'])).toMatchObject({
      ok: false,
      error: { code: 'UNEXPECTED_ARGUMENT', option: 'limit', message: 'limit is given twice (5 and 7); give it once.' },
    });
  });
});

describe('bindTokens: a word never skips a choice to land in free text', () => {
  const settings = defineCommand({
    name: 'settings',
    description: 'test',
    category: 'bot',
    examples: ['/settings'],
    args: z.object({
      setting: z.enum(['show', 'picks-channel', 'timezone']).optional().describe('What to change'),
      value: z.string().max(80).optional().describe('A value'),
    }),
    positional: ['setting', 'value'],
    run: async () => okReply('settings', {}),
  });
  it('names the misspelt choice instead of silently using the default or blaming the next word', () => {
    expect(bindTokens(settings, ['foo'])).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        option: 'setting',
        message: '"foo" is not a valid setting for /settings: expected one of show, picks-channel, timezone.',
      },
    });
    expect(bindTokens(settings, ['foo', 'bar'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', option: 'setting', message: expect.stringContaining('"foo"') },
    });
  });
  it('still fills the choice then the free text in order', () => {
    expect(bindTokens(settings, ['timezone', 'Europe/London'])).toEqual({ ok: true, value: { setting: 'timezone', value: 'Europe/London' } });
    expect(bindTokens(settings, [])).toEqual({ ok: true, value: {} });
  });
});

describe('bindNamed', () => {
  it('validates options given by name (Discord, Slack) with the same schema', () => {
    expect(bindNamed(greeks, { ticker: 'ABCD', strike: 20 })).toEqual({ ok: true, value: { ticker: 'ABCD', strike: 20, limit: 10 } });
    expect(bindNamed(greeks, { ticker: 'ABCD', type: 'straddle' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', option: 'type', message: expect.stringContaining('one of call, put') },
    });
  });
});

describe('option help lines', () => {
  const cmd = defineCommand({
    name: 'scan',
    description: 'test',
    category: 'market',
    examples: ['/scan'],
    args: z.object({
      rsi: z.string().optional().describe('RSI(14) band within 0..100, e.g. 30..70'),
      sector: z.string().optional().describe('Sector name(s), e.g. technology'),
      limit: z.number().int().min(1).max(25).optional().describe('How many picks'),
    }),
    positional: [],
    run: async () => okReply('scan', {}),
  });
  it('keeps acronyms intact and does not repeat a free-text description', () => {
    expect(optionLines(cmd)).toEqual([
      'rsi (optional): RSI(14) band within 0..100, e.g. 30..70',
      'sector (optional): Sector name(s), e.g. technology',
      'limit (optional): How many picks — a whole number from 1 to 25',
    ]);
    expect(bindTokens(cmd, ['rsi=']).ok).toBe(true);
  });
  it('an invalid free-text value quotes the description without mangling an acronym', () => {
    const strict = defineCommand({
      name: 'scan',
      description: 'test',
      category: 'market',
      examples: ['/scan'],
      args: z.object({ atr: z.string().regex(/^\d/).optional().describe('ATR(14) band in % of price') }),
      positional: ['atr'],
      run: async () => okReply('scan', {}),
    });
    expect(bindTokens(strict, ['atr=x'])).toMatchObject({
      ok: false,
      error: { message: '"x" is not a valid atr for /scan: expected ATR(14) band in % of price.' },
    });
  });
});

describe("errors quote the user's value briefly", () => {
  it('clips a very long invalid value so the error stays one short sentence', () => {
    const r = bindTokens(greeks, ['A'.repeat(3000)]);
    expect(r.ok).toBe(false);
    const msg = r.ok ? '' : r.error.message;
    expect(msg.length).toBeLessThan(200);
    expect(msg).toBe(`"${'A'.repeat(40)}…" is not a valid ticker for /greeks: expected ticker.`);
  });
});

describe('numbers are plain decimals', () => {
  it('refuses hex, binary and Infinity, quoting what was typed', () => {
    expect(bindTokens(greeks, ['ABCD', 'limit=0x5'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', option: 'limit', message: '"0x5" is not a valid limit for /greeks: expected a whole number from 1 to 25.' },
    });
    expect(bindTokens(greeks, ['ABCD', 'strike=Infinity'])).toMatchObject({
      ok: false,
      error: { option: 'strike', message: '"Infinity" is not a valid strike for /greeks: expected a number above 0.' },
    });
    expect(bindTokens(greeks, ['ABCD', 'strike=$1,250.5', 'limit=1e1'])).toEqual({ ok: true, value: { ticker: 'ABCD', strike: 1250.5, limit: 10 } });
    expect(bindTokens(greeks, ['ABCD', 'strike=-.5'])).toMatchObject({ ok: false, error: { option: 'strike' } });
  });
});
