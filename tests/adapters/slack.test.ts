import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/chat/router.js';
import { SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices } from './support.js';

describe.each(['http', 'socket'] as const)('Slack adapter (%s) against a fake Slack', (mode) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(await fakeServices(), createRouter(fakeCommands), mode);
  }, 30_000);
  afterAll(async () => h?.close());

  it('answers /greeks', async () => {
    const out = await h.command('/greeks', 'abcd');
    expect(out.ackStatus).toBe(200);
    expect(out.ok).toBe(true);
    expect(out.text).toContain('ABCD options');
  });

  it('answers through the /tracker umbrella', async () => {
    const out = await h.command('/tracker', 'greeks xyz');
    expect(out.text).toContain('XYZ options');
  });
});
