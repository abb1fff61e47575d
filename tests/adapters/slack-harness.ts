/**
 * Drives the real SlackAdapter (Bolt) against the fake Slack, over signed HTTP or Socket Mode:
 * sends a slash command, measures the ack, waits for the respond() and clicks through every page.
 */
import { SlackAdapter } from '../../src/chat/slack/index.js';
import type { Router } from '../../src/chat/router.js';
import type { Services } from '../../src/services.js';
import { sleep } from './support.js';
import { FakeSlack, postToBot, SIGNING_SECRET, type Recorded } from './fakes/slack.js';

export interface SlackOutcome {
  ackMs: number;
  ackStatus: number;
  ok: boolean;
  ephemeral: boolean;
  text: string;
  pages: number;
  payloads: Recorded[];
}

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text?: string | { text: string }; action_id?: string; value?: string }[];
}

/** What a Slack client displays: entities decoded, as the user reads them. */
const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function blockText(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as Block[];
  if (!blocks.length) return decode(String(body.text ?? ''));
  return decode(
    blocks
      .flatMap((b) => [
        b.text?.text ?? '',
        ...(b.fields ?? []).map((f) => f.text),
        ...(b.type === 'context' ? (b.elements ?? []).map((e) => String(e.text ?? '')) : []),
      ])
      .filter(Boolean)
      .join('\n'),
  );
}

const nextValue = (body: Record<string, unknown>): string | undefined =>
  ((body.blocks ?? []) as Block[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.action_id === 'page_next')?.value;

export class SlackHarness {
  constructor(
    readonly fake: FakeSlack,
    readonly adapter: SlackAdapter,
    readonly mode: 'http' | 'socket',
  ) {}

  static async start(services: Services, router: Router, mode: 'http' | 'socket' = 'http'): Promise<SlackHarness> {
    const fake = new FakeSlack();
    await fake.listen();
    const adapter = new SlackAdapter(services, router, {
      botToken: 'xoxb-fake',
      signingSecret: SIGNING_SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: fake.apiUrl,
      ...(mode === 'socket' ? { appToken: 'xapp-fake' } : {}),
    });
    await adapter.start();
    if (mode === 'socket') await fake.whenConnected();
    return new SlackHarness(fake, adapter, mode);
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.adapter.port}/slack/events`;
  }

  async close(): Promise<void> {
    await this.adapter.stop();
    await this.fake.close();
  }

  /** Sends an interaction (slash command or button) and returns how long the ack took. */
  async send(kind: 'command' | 'action', payload: Record<string, unknown>): Promise<{ ms: number; status: number }> {
    if (this.mode === 'http') {
      const form = kind === 'command' ? (payload as Record<string, string>) : { payload: JSON.stringify(payload) };
      const res = await postToBot(this.eventsUrl, form);
      return { ms: res.ms, status: res.status };
    }
    const t0 = Date.now();
    const id = this.fake.envelope(kind === 'command' ? 'slash_commands' : 'interactive', payload);
    while (!this.fake.acks.has(id)) {
      if (Date.now() - t0 > 10_000) return { ms: Infinity, status: 0 };
      await sleep(5);
    }
    return { ms: (this.fake.acks.get(id) as number) - t0, status: 200 };
  }

  async command(command: string, text: string, who: { user?: string; team?: string; channel?: string } = {}): Promise<SlackOutcome> {
    const fields = this.fake.commandFields(command, text, who);
    const ack = await this.send('command', fields);
    const url = new URL(fields.response_url as string).pathname;
    const final = await this.fake.waitFor((r) => r.path === url && !String(r.body.text ?? '').startsWith('⏳'), 90_000);
    const texts = [blockText(final.body)];
    const payloads = this.fake.responses.filter((r) => r.path === url);
    let next = nextValue(final.body);
    while (next) {
      const action = this.fake.actionPayload('page_next', next, who);
      await this.send('action', action);
      const path = new URL(action.response_url as string).pathname;
      const page = await this.fake.waitFor((r) => r.path === path);
      payloads.push(page);
      texts.push(blockText(page.body));
      next = nextValue(page.body);
    }
    return {
      ackMs: ack.ms,
      ackStatus: ack.status,
      ok: Array.isArray(final.body.blocks) && (final.body.blocks as unknown[]).length > 0,
      ephemeral: final.body.response_type === 'ephemeral',
      text: texts.join('\n'),
      pages: texts.length,
      payloads,
    };
  }
}
