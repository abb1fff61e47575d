/**
 * The contract every command must pass: it documents itself (description, examples, described
 * options), its examples parse, bad arguments get a coded one-sentence error, and one
 * invocation gives exactly one reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { describeOptions } from '../../src/chat/options.js';
import { bindTokens, parseLine } from '../../src/chat/parse.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await createTestBot({ symbols: 400 });
});
afterAll(async () => bot.close());

describe.each(commands.map((c) => [c.name, c] as const))('/%s', (name, command) => {
  it('has a description, examples and a description for every option', () => {
    expect(command.description.length).toBeGreaterThan(5);
    expect(command.examples.length).toBeGreaterThan(0);
    for (const o of describeOptions(command.args)) expect(o.description, `${name}.${o.name}`).not.toBe('');
    for (const p of command.positional) expect(Object.keys(command.args.shape)).toContain(p);
  });

  it('parses every one of its own examples', () => {
    for (const example of command.examples) {
      const line = parseLine(example);
      expect(line.ok && line.value.name).toBe(name);
      if (line.ok) expect(bindTokens(command, line.value.tokens).ok, example).toBe(true);
    }
  });

  it('rejects an unknown option with a coded one-sentence error, once', async () => {
    const reply = await bot.exec(`/${name} nosuchoption=1`);
    expect(reply).toMatchObject({ ok: false, command: name, error: { code: 'UNEXPECTED_ARGUMENT' } });
    expect(reply.error?.message).toMatch(/^[^\n]+\.$/);
  });

  it('has help', async () => {
    const reply = await bot.exec(`/help ${name}`);
    expect(reply.ok).toBe(true);
    expect(reply.title).toContain(`/${name}`);
  });
});
