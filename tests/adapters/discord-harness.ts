/**
 * Drives the real DiscordAdapter (discord.js) against the fake Discord: injects a slash command,
 * measures the acknowledgement, waits for the answer and clicks through every page.
 */
import type { APIEmbed } from 'discord.js';
import { DiscordAdapter } from '../../src/chat/discord/index.js';
import type { Router } from '../../src/chat/router.js';
import type { Services } from '../../src/services.js';
import { APP_ID, FakeDiscord, GUILD_ID, type RestCall } from './fakes/discord.js';

export interface DiscordOutcome {
  ackMs: number;
  ackType: number;
  ackEphemeral: boolean;
  /** The answer itself is only for the asker (ephemeral deferral, or an ephemeral follow-up). */
  finalEphemeral: boolean;
  ok: boolean;
  /** Everything the user ends up seeing, every page, as text. */
  text: string;
  pages: number;
  /** Every REST payload the bot sent for this interaction (and its page clicks). */
  payloads: RestCall[];
}

type Options = { name: string; type: number; value: unknown; focused?: boolean }[];

export function embedText(body: unknown): string {
  const b = (body ?? {}) as { content?: string; embeds?: APIEmbed[]; data?: { content?: string; embeds?: APIEmbed[] } };
  const m = b.data ?? b;
  const parts = [m.content ?? ''];
  for (const e of m.embeds ?? []) parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text ?? '');
  return parts.filter(Boolean).join('\n');
}

const nextButton = (body: unknown): string | undefined => {
  const b = (body ?? {}) as {
    components?: { components: { custom_id: string; disabled?: boolean }[] }[];
    data?: { components?: { components: { custom_id: string; disabled?: boolean }[] }[] };
  };
  const rows = b.data?.components ?? b.components ?? [];
  return rows.flatMap((r) => r.components).find((c) => c.custom_id.endsWith(':next') && !c.disabled)?.custom_id;
};

export class DiscordHarness {
  constructor(
    readonly fake: FakeDiscord,
    readonly adapter: DiscordAdapter,
  ) {}

  static async start(services: Services, router: Router): Promise<DiscordHarness> {
    const fake = new FakeDiscord();
    const api = await fake.listen();
    const adapter = new DiscordAdapter(services, router, { token: 'fake-bot-token', apiBase: api, guildId: GUILD_ID });
    await adapter.start();
    return new DiscordHarness(fake, adapter);
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.fake.close();
  }

  async command(name: string, options: Options = [], who: { user?: string; admin?: boolean; dm?: boolean } = {}): Promise<DiscordOutcome> {
    const t0 = Date.now();
    const { token } = this.fake.interact({ kind: 'command', name, options, ...who });
    const ack = await this.fake.waitFor((c) => c.method === 'POST' && c.path.includes(`/${token}/callback`));
    const final = await this.fake.waitFor(
      (c) =>
        c.path.includes(`/${token}`) &&
        ((c.method === 'PATCH' && !String((c.body as { content?: string }).content ?? '').startsWith('⏳')) ||
          (c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${token}`)),
      90_000,
    );
    const ackBody = ack.body as { type: number; data?: { flags?: number } };
    const followUp = final.method === 'POST';
    const texts = [embedText(final.body)];
    let next = nextButton(final.body);
    let message = this.fake.message(final.body, '300000000000000003');
    const clicks: string[] = [];
    while (next) {
      const click = this.fake.interact({ kind: 'button', customId: next, message });
      clicks.push(click.token);
      const update = await this.fake.waitFor((c) => c.method === 'POST' && c.path.includes(`/${click.token}/callback`));
      const data = (update.body as { data: unknown }).data;
      texts.push(embedText(data));
      message = this.fake.message(data, '300000000000000003');
      next = nextButton(data);
    }
    return {
      ackMs: ack.at - t0,
      ackType: ackBody.type,
      ackEphemeral: ((ackBody.data?.flags ?? 0) & 64) === 64,
      // Answers are embeds; errors are a bare sentence.
      ok: !followUp && ((final.body as { embeds?: unknown[] }).embeds ?? []).length > 0,
      finalEphemeral: followUp ? (((final.body as { flags?: number }).flags ?? 0) & 64) === 64 : ((ackBody.data?.flags ?? 0) & 64) === 64,
      text: texts.join('\n'),
      pages: texts.length,
      payloads: [...this.fake.callsFor(token), ...clicks.flatMap((t) => this.fake.callsFor(t))],
    };
  }
}
