import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okReply } from '../../src/chat/reply.js';
import { createRouter } from '../../src/chat/router.js';
import { CHANNEL, postToBot } from './fakes/slack.js';
import { blockText, SlackHarness } from './slack-harness.js';
import { fakeCommands, fakeServices, sleep } from './support.js';

describe.each(['http', 'socket'] as const)('Slack adapter (%s) against a fake Slack', (mode) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(await fakeServices(), createRouter(fakeCommands), mode);
  }, 30_000);
  afterAll(async () => h?.close());

  it('calls auth.test at start and answers /greeks in the channel', async () => {
    const out = await h.command('/greeks', 'abcd');
    expect(h.fake.api.some((r) => r.path === 'auth.test')).toBe(true);
    expect(out.ackStatus).toBe(200);
    expect(out.ephemeral).toBe(false);
    expect(out.text).toContain('ABCD options');
  });

  it('flips /greeks to puts with a button, replacing the message', async () => {
    await h.command('/greeks', 'ABCD');
    const first = [...h.fake.responses].reverse().find((r) => JSON.stringify(r.body).includes('nav_')) as unknown as {
      body: { blocks: { block_id?: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[] };
    };
    const nav = first.body.blocks.find((b) => b.block_id === 'nav')?.elements ?? [];
    expect(nav.map((e) => e.text.text)).toEqual(['Calls', 'Puts', '2027-01-15 ▶']);
    const puts = nav[1] as { action_id: string; value: string };
    const action = h.fake.actionPayload(puts.action_id, puts.value);
    await h.send('action', action);
    const page = await h.fake.waitFor((r) => r.path === new URL(action.response_url as string).pathname);
    expect(page.body.replace_original).toBe(true);
    expect(blockText(page.body)).toContain('ABCD options 2026-12-18 puts');
  });

  it('answers through the /tracker umbrella', async () => {
    expect((await h.command('/tracker', 'greeks xyz')).text).toContain('XYZ options');
    expect((await h.command('/tracker', 'nope')).text).toMatch(/There is no \/nope command/);
  });

  it('keeps workspaces apart: the tenant is the team', async () => {
    const a = await h.command('/whoami', '', { team: 'T0AAA', user: 'U0ONE' });
    const b = await h.command('/whoami', '', { team: 'T0BBB', user: 'U0ONE' });
    expect(a.text).toContain(`tenant=slack:T0AAA user=slack:U0ONE channel=slack:${CHANNEL}`);
    expect(b.text).toContain('tenant=slack:T0BBB');
    expect(a.ephemeral).toBe(true);
  });

  it('lets only workspace admins change settings, asking users.info once per user', async () => {
    h.fake.admins.add('U0BOSS');
    const before = h.fake.api.filter((r) => r.path === 'users.info' && r.body.user === 'U0BOSS').length;
    const denied = await h.command('/settings', '', { user: 'U0PLEB' });
    expect(denied.ok).toBe(false);
    expect(denied.text).toMatch(/Only server admins/);
    for (let i = 0; i < 3; i++) expect((await h.command('/settings', '', { user: 'U0BOSS' })).text).toContain('settings ok');
    expect(h.fake.api.filter((r) => r.path === 'users.info' && r.body.user === 'U0BOSS').length - before).toBe(1);
  });

  it('posts scheduled messages with chat.postMessage, escaped', async () => {
    await h.adapter.send(`slack:${CHANNEL}`, okReply('scan', { kind: 'post', title: 'Morning picks', text: '<!everyone> @here ABCD & co' }));
    const post = await h.fake.waitFor((r) => r.path === 'chat.postMessage');
    const raw = JSON.stringify(post.body);
    expect(post.body.channel).toBe(CHANNEL);
    expect(raw).toContain('&lt;!everyone&gt;');
    expect(raw).not.toMatch(/<!everyone>|@here/);
  });
});

describe('Slack request verification (HTTP mode)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await SlackHarness.start(await fakeServices(), createRouter(fakeCommands), 'http');
  }, 30_000);
  afterAll(async () => h?.close());

  const rejected = async (opts: Parameters<typeof postToBot>[2]) => {
    const fields = h.fake.commandFields('/greeks', 'ABCD');
    const res = await postToBot(h.eventsUrl, fields, opts);
    await sleep(200);
    const answered = h.fake.responses.some((r) => r.path === new URL(fields.response_url as string).pathname);
    return { status: res.status, answered };
  };

  it('rejects an unsigned request and runs nothing', async () => {
    expect(await rejected({ unsigned: true })).toEqual({ status: 401, answered: false });
  });

  it('rejects a replayed request (timestamp over five minutes old) even with a valid signature', async () => {
    expect(await rejected({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toEqual({ status: 401, answered: false });
  });

  it('rejects a request signed with another secret', async () => {
    expect(await rejected({ secret: 'not-the-secret' })).toEqual({ status: 401, answered: false });
  });

  it('accepts a correctly signed request', async () => {
    const out = await h.command('/greeks', 'ABCD');
    expect(out.ackStatus).toBe(200);
  });
});
