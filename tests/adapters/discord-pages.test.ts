/**
 * A paging button clicked on another replica: two real DiscordAdapters (discord.js against the
 * fake Discord), each with its own services on ONE SQLite store file. Replica A answers a long
 * /scan with pages; the "next" button of that message, delivered to replica B, shows A's page 2;
 * a button whose pages are unknown answers the "run the command again" sentence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/chat/router.js';
import { openStore } from '../../src/store/index.js';
import { DiscordHarness, embedText } from './discord-harness.js';
import { fakeCommands, fakeServices } from './support.js';

type Body = { components?: { components: { custom_id: string }[] }[]; data?: Body; flags?: number; content?: string };
const buttons = (b: Body): string[] => ((b.data ?? b).components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));

describe('Discord paging buttons on any replica', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-discord-pages-'));
  const url = `sqlite://${join(dir, 'store.sqlite')}`;
  let a: DiscordHarness;
  let b: DiscordHarness;
  beforeAll(async () => {
    const replica = async () => ({ ...(await fakeServices()), store: await openStore(url) });
    a = await DiscordHarness.start(await replica(), createRouter(fakeCommands));
    b = await DiscordHarness.start(await replica(), createRouter(fakeCommands));
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a click delivered to replica B shows the page replica A rendered', async () => {
    const out = await a.command('scan', [{ name: 'limit', type: 4, value: 400 }]);
    expect(out.pages).toBeGreaterThan(2);
    const first = out.payloads.find((c) => c.method === 'PATCH' && buttons(c.body as Body).some((id) => id.endsWith(':next')));
    const next = buttons(first?.body as Body).find((id) => id.endsWith(':next')) as string;
    expect(next).toMatch(/^page:[\w-]+:1:next$/);
    await a.adapter.pages.settled();

    const click = b.fake.interact({ kind: 'button', customId: next, message: b.fake.message(first?.body, '300000000000000003') });
    const update = await b.fake.waitFor((c) => c.method === 'POST' && c.path.includes(`/${click.token}/callback`));
    const page2 = embedText((update.body as { data: unknown }).data);
    // Replica A's own page 2 (the harness clicked through A's pages on A).
    const aPage2 = out.payloads.find(
      (c) => c.method === 'POST' && c.path.includes('/callback') && embedText((c.body as { data?: unknown }).data).includes('page 2/'),
    );
    expect(page2).toContain('page 2/');
    expect(page2).toBe(embedText((aPage2?.body as { data: unknown }).data));
  }, 60_000);

  it('a button whose pages no replica knows answers "run the command again"', async () => {
    const click = b.fake.interact({ kind: 'button', customId: 'page:unknownid:1:next', message: b.fake.message({ content: 'old' }, '300000000000000003') });
    const answer = await b.fake.waitFor((c) => c.method === 'POST' && c.path.includes(`/${click.token}/callback`));
    const data = (answer.body as { data: Body }).data;
    expect(data.content).toBe('These pages have expired; run the command again.');
    expect((data.flags ?? 0) & 64).toBe(64);
  }, 30_000);
});
