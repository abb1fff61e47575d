/**
 * A fake Discord on 127.0.0.1: the REST routes the bot uses under /api/v10 and a v10 gateway
 * WebSocket (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME). Tests inject
 * INTERACTION_CREATE dispatches and read every REST call the client made.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildPayload, interactionPayload, type InteractionSpec } from './discord-payloads.js';

export interface RestCall {
  method: string;
  path: string;
  /** JSON body, or a multipart request's payload_json. */
  body: unknown;
  /** Files of a multipart request (`files[n]` parts). */
  files?: { field: string; name: string; data: Buffer }[];
  at: number;
}

export const APP_ID = '100000000000000001';
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const BOT_ID = '400000000000000004';
/** Another server the bot is also in, with a channel of its own (the cross-server attack's target). */
export const OTHER_GUILD_ID = '210000000000000021';
export const OTHER_CHANNEL_ID = '310000000000000031';
/** A channel of the test server where the bot may not send messages. */
export const MUTED_CHANNEL_ID = '320000000000000032';
/** VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS */
const SEND = String(1024 + 2048 + 16384);

export interface FakeChannel {
  id: string;
  guild_id: string;
  type: number;
  name: string;
  position: number;
  permission_overwrites: { id: string; type: number; allow: string; deny: string }[];
}

export class FakeDiscord {
  readonly calls: RestCall[] = [];
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private seq = 0;
  private nextId = 900000000000000000n;
  readonly identifies: unknown[] = [];
  readonly resumes: unknown[] = [];
  commands: { name: string }[] = [];
  /** DM channel id → the user it reaches. */
  readonly dmChannels = new Map<string, string>();
  /** Users who do not accept DMs from the bot: posting to their DM answers 403 / 50007, as Discord does. */
  readonly closedDms = new Set<string>();
  private waiters: { match: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  /** Channels GET /channels/:id knows, by id. */
  readonly channels = new Map<string, FakeChannel>([
    [CHANNEL_ID, { id: CHANNEL_ID, guild_id: GUILD_ID, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
    [
      MUTED_CHANNEL_ID,
      {
        id: MUTED_CHANNEL_ID,
        guild_id: GUILD_ID,
        type: 0,
        name: 'announcements',
        position: 1,
        permission_overwrites: [{ id: BOT_ID, type: 1, allow: '0', deny: '2048' }],
      },
    ],
    [OTHER_CHANNEL_ID, { id: OTHER_CHANNEL_ID, guild_id: OTHER_GUILD_ID, type: 0, name: 'elsewhere', position: 0, permission_overwrites: [] }],
  ]);
  /** Server id → member user ids (GET /guilds/:g/members/:u). */
  readonly members = new Map<string, Set<string>>([
    [GUILD_ID, new Set([BOT_ID, '500000000000000005'])],
    [OTHER_GUILD_ID, new Set([BOT_ID, '510000000000000051'])],
  ]);

  /** `ready: false` makes a gateway that accepts IDENTIFY and never answers READY. */
  constructor(private readonly opts: { ready?: boolean } = {}) {
    this.server = createServer((req, res) => void this.onRest(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (ws) => this.onSocket(ws));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snowflake(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  /** Injects a slash command, autocomplete or button interaction; returns its id and token. */
  interact(spec: InteractionSpec): { id: string; token: string } {
    const id = this.snowflake();
    const token = `tok-${id}`;
    this.dispatch('INTERACTION_CREATE', interactionPayload(spec, id, token));
    return { id, token };
  }

  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: this.seq, d });
    for (const ws of this.sockets) ws.send(frame);
  }

  /** Drops every gateway connection with a resumable close code, as Discord does on a restart. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.close(4000, 'fake restart');
  }

  /** Resolves with the first REST call (already made or future) that matches. */
  waitFor(match: (c: RestCall) => boolean, timeoutMs = 10_000): Promise<RestCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a Discord REST call')), timeoutMs);
      this.waiters.push({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  }

  callsFor(token: string): RestCall[] {
    return this.calls.filter((c) => c.path.includes(`/${token}`));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 2) {
        this.identifies.push(msg.d);
        if (this.opts.ready === false) return;
        this.seq += 1;
        ws.send(JSON.stringify({ op: 0, t: 'READY', s: this.seq, d: this.ready() }));
        this.seq += 1;
        ws.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: this.seq, d: guildPayload(GUILD_ID, CHANNEL_ID, BOT_ID, SEND) }));
        this.seq += 1;
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'GUILD_CREATE',
            s: this.seq,
            d: { ...guildPayload(OTHER_GUILD_ID, OTHER_CHANNEL_ID, BOT_ID, SEND), name: 'Other Server' },
          }),
        );
      }
      if (msg.op === 6) {
        this.resumes.push(msg.d);
        this.seq += 1;
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.seq, d: null }));
      }
    });
  }

  private ready() {
    return {
      v: 10,
      user: { id: BOT_ID, username: 'tracker', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: [
        { id: GUILD_ID, unavailable: true },
        { id: OTHER_GUILD_ID, unavailable: true },
      ],
      session_id: 'fake-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard: [0, 1],
      application: { id: APP_ID, flags: 0 },
    };
  }

  private async onRest(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '').replace(/^\/api\/v10/, '').split('?')[0] ?? '';
    const type = req.headers['content-type'] ?? '';
    const parsed = type.startsWith('multipart/form-data') ? await multipart(raw, type) : { body: raw.length ? safeJson(raw.toString('utf8')) : undefined };
    const call: RestCall = { method: req.method ?? 'GET', path, ...parsed, at: Date.now() };
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => (w.match(call) ? (w.resolve(call), false) : true));
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const m = call.method;
    if (m === 'GET' && path === '/gateway/bot') {
      return send(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (m === 'GET' && path === '/users/@me') return send(200, this.ready().user);
    if (m === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      this.commands = (call.body as { name: string }[]).map((c) => ({ ...c, id: this.snowflake(), application_id: APP_ID, version: '1' }));
      return send(200, this.commands);
    }
    if (m === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return send(204);
    if (m === 'DELETE' && path.startsWith('/webhooks/')) return send(204);
    if ((m === 'PATCH' || m === 'POST') && path.startsWith('/webhooks/')) return send(200, this.message(call.body, CHANNEL_ID));
    if (m === 'POST' && path === '/users/@me/channels') {
      const id = this.snowflake();
      this.dmChannels.set(id, String((call.body as { recipient_id?: string }).recipient_id));
      return send(200, { id, type: 1, recipients: [] });
    }
    const info = /^\/channels\/(\d+)$/.exec(path);
    if (m === 'GET' && info?.[1]) {
      const ch = this.channels.get(info[1]);
      return ch ? send(200, ch) : send(404, { message: 'Unknown Channel', code: 10003 });
    }
    const member = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path);
    if (m === 'GET' && member?.[1] && member[2]) {
      if (!this.members.get(member[1])?.has(member[2])) return send(404, { message: 'Unknown Member', code: 10007 });
      return send(200, {
        user: { id: member[2], username: `user${member[2].slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: [],
        joined_at: '2026-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      });
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (m === 'POST' && channel?.[1] && this.closedDms.has(this.dmChannels.get(channel[1]) ?? '')) {
      return send(403, { message: 'Cannot send messages to this user', code: 50007 });
    }
    if (m === 'POST' && channel?.[1]) return send(200, this.message(call.body, channel[1]));
    send(404, { message: `fake discord: no route ${m} ${path}`, code: 0 });
  }

  message(body: unknown, channelId: string) {
    const b = (body ?? {}) as Record<string, unknown>;
    return {
      id: this.snowflake(),
      channel_id: channelId,
      author: this.ready().user,
      content: b.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      pinned: false,
      type: 0,
      flags: 0,
      application_id: APP_ID,
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A multipart body as discord.js sends files: `payload_json` plus `files[n]` parts. */
async function multipart(raw: Buffer, type: string): Promise<Pick<RestCall, 'body' | 'files'>> {
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  const files: NonNullable<RestCall['files']> = [];
  let body: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = safeJson(value);
    } else {
      files.push({ field, name: value.name, data: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return { body, files };
}
