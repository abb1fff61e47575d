/**
 * The adapter contract: the same command scenarios run through every adapter (console, Discord
 * against the fake Discord, Slack against the fake Slack). Each platform supplies a Harness that
 * turns a command line into what its user would see; the scenarios judge that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableLines } from '../../src/chat/render/split.js';
import type { Reply } from '../../src/chat/reply.js';
import type { Router } from '../../src/chat/router.js';
import type { Services } from '../../src/services.js';

export interface Outcome {
  /** Milliseconds from sending the command to the platform's acknowledgement. */
  ackMs: number;
  ok: boolean;
  ephemeral: boolean;
  /** All the user saw, every page. */
  text: string;
  pages: number;
  /** Platform check that nothing sent could ping (@everyone, @here, roles, users). */
  mentionSafe: boolean;
}

export interface Harness {
  run(line: string): Promise<Outcome>;
  close(): Promise<void>;
}

export interface Bot {
  services: Services;
  router: Router;
}

export interface ContractSpec {
  /** A bot whose market answers after `delayMs`. */
  makeBot(delayMs?: number): Promise<Bot>;
  startHarness(bot: Bot): Promise<Harness>;
  /** `/greeks <ticker>` for a ticker the market knows. */
  greeks: string;
  scan: string;
  /** A command naming a ticker that does not exist. */
  badTicker: string;
  /** A command whose answer is longer than one message. */
  long: string;
  /** Per-test timeout; the real /scan over the simulated market takes seconds. */
  timeoutMs?: number;
  /** Commands carrying user text that tries to ping everyone. */
  ping: string[];
}

/** A row is present when one output line holds all its cells, in order. */
export function missingRows(reply: Reply, text: string): string[] {
  const lines = text.split('\n');
  const missing: string[] = [];
  for (const table of reply.tables ?? []) {
    const { rows } = tableLines(table);
    rows.forEach((line, i) => {
      const cells = (table.rows[i] ?? []).map((c) => c.trim()).filter(Boolean);
      const found = lines.some((l) => l === line || inOrder(l, cells));
      if (!found) missing.push(line);
    });
  }
  return missing;
}

function inOrder(line: string, cells: string[]): boolean {
  let at = 0;
  for (const cell of cells) {
    const i = line.indexOf(cell, at);
    if (i < 0) return false;
    at = i + cell.length;
  }
  return true;
}

const ctxFor = (bot: Bot) => ({
  platform: 'test' as const,
  tenant: 'test:t',
  user: 'test:u',
  channel: 'test:c',
  isAdmin: true,
  services: bot.services,
  progress: async () => undefined,
});

export function adapterContract(platform: string, spec: ContractSpec): void {
  const timeout = spec.timeoutMs ?? 15_000;
  describe(`${platform} adapter contract`, { timeout }, () => {
    let bot: Bot;
    let h: Harness;
    beforeAll(async () => {
      bot = await spec.makeBot();
      h = await spec.startHarness(bot);
    }, 60_000);
    afterAll(async () => h?.close());

    it('answers /greeks', async () => {
      const out = await h.run(spec.greeks);
      expect(out.ok, out.text).toBe(true);
      expect(out.ackMs).toBeLessThan(3000);
      expect(out.text.toUpperCase()).toContain((spec.greeks.split(/\s+/)[1] ?? '').toUpperCase());
    });

    it('answers /scan', async () => {
      const out = await h.run(spec.scan);
      expect(out.ok, out.text).toBe(true);
      expect(out.ackMs).toBeLessThan(3000);
    });

    it('answers a bad ticker with one ephemeral error sentence, then serves the next command', async () => {
      const bad = await h.run(spec.badTicker);
      expect(bad.ok).toBe(false);
      expect(bad.ephemeral).toBe(true);
      expect(bad.text.trim().split('\n')).toHaveLength(1);
      const next = await h.run(spec.greeks);
      expect(next.ok).toBe(true);
    });

    it("never pings for a user's @everyone", async () => {
      for (const line of spec.ping) {
        const out = await h.run(line);
        expect(out.mentionSafe, line).toBe(true);
      }
    });

    it('splits or pages a long result without losing a row', async () => {
      const expected = await bot.router.handle({ line: spec.long }, ctxFor(bot));
      expect(expected.ok).toBe(true);
      const out = await h.run(spec.long);
      expect(out.ok).toBe(true);
      expect(missingRows(expected, out.text)).toEqual([]);
    });
  });

  describe(`${platform} adapter contract: slow data`, { timeout: timeout + 15_000 }, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await spec.startHarness(await spec.makeBot(5000));
    }, 60_000);
    afterAll(async () => h?.close());

    it('acknowledges within 3 s while the data provider takes 5 s, then answers', async () => {
      const out = await h.run(spec.greeks);
      expect(out.ackMs).toBeLessThan(3000);
      expect(out.ok, out.text).toBe(true);
    });
  });
}
