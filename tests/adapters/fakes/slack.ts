/**
 * A fake Slack on 127.0.0.1: the Web API methods the bot calls (auth.test, chat.postMessage,
 * users.info, apps.connections.open, oauth.v2.access), response_url endpoints that record what
 * the bot said, a Socket Mode WebSocket (hello, envelopes, acks), and helpers that sign requests
 * like Slack (v0). Every Web API call is recorded with the token it carried; tokens issued by
 * oauth.v2.access belong to their workspace (auth.test answers with it) until revoked.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventBody, FakeOAuth } from './slack-oauth.js';

export { CLIENT_ID, CLIENT_SECRET } from './slack-oauth.js';

export const TEAM = 'T0TEST';
export const CHANNEL = 'C0TEST';
export const SIGNING_SECRET = 'fake-signing-secret';
/** A channel of another workspace, and one of this workspace the bot was never invited to. */
export const FOREIGN_CHANNEL = 'C0FOREIGN';
export const UNJOINED_CHANNEL = 'C0NOTIN';

export interface Recorded {
  path: string;
  body: Record<string, unknown>;
  at: number;
  /** The token the call carried (Authorization: Bearer, or a `token` field). */
  token?: string;
}

export class FakeSlack {
  readonly api: Recorded[] = [];
  readonly responses: Recorded[] = [];
  readonly acks = new Map<string, number>();
  readonly admins = new Set<string>();
  /** What conversations.info knows, by channel id. */
  readonly channels = new Map<string, Record<string, unknown>>([
    [CHANNEL, { id: CHANNEL, is_channel: true, is_member: true, context_team_id: TEAM }],
    [FOREIGN_CHANNEL, { id: FOREIGN_CHANNEL, is_channel: true, is_member: true, context_team_id: 'T0OTHER' }],
    [UNJOINED_CHANNEL, { id: UNJOINED_CHANNEL, is_channel: true, is_member: false, context_team_id: TEAM }],
  ]);
  /** Users of another workspace (users.info answers with that team id). */
  readonly userTeams = new Map<string, string>([['U0STRANGER', 'T0OTHER']]);
  /** Bytes uploaded through files.uploadV2, by file id. */
  readonly uploads = new Map<string, Buffer>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket?: WebSocket;
  private n = 0;
  private waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  private pinger?: NodeJS.Timeout;
  private connected?: () => void;
  /** Install codes, issued bot tokens, revocations. */
  readonly oauth = new FakeOAuth();

  constructor() {
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (ws) => this.onSocket(ws));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.pinger = setInterval(() => this.socket?.ping(), 5000);
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    this.socket?.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  grant(team: { id: string; name: string }): string {
    return this.oauth.grant(team);
  }

  get issued(): ReadonlyMap<string, { team: string; botUser: string }> {
    return this.oauth.issued;
  }

  revokeTeam(team: string): void {
    this.oauth.revokeTeam(team);
  }

  eventBody(team: string, event: Record<string, unknown>): Record<string, unknown> {
    this.n += 1;
    return eventBody(team, event, this.n);
  }

  /** A slash command payload as Slack sends it; its response_url points back here. */
  commandFields(command: string, text: string, who: { user?: string; team?: string; channel?: string } = {}): Record<string, string> {
    this.n += 1;
    return {
      token: 'legacy-verification-token',
      team_id: who.team ?? TEAM,
      team_domain: 'test',
      channel_id: who.channel ?? CHANNEL,
      channel_name: 'general',
      user_id: who.user ?? 'U0USER',
      user_name: 'trader',
      command,
      text,
      api_app_id: 'A0APP',
      is_enterprise_install: 'false',
      response_url: `${this.base}/respond/${this.n}`,
      trigger_id: `trigger-${this.n}`,
    };
  }

  /** A block_actions payload for a button the bot sent. */
  actionPayload(actionId: string, value: string, who: { user?: string } = {}): Record<string, unknown> {
    this.n += 1;
    return {
      type: 'block_actions',
      user: { id: who.user ?? 'U0USER', team_id: TEAM },
      team: { id: TEAM, domain: 'test' },
      api_app_id: 'A0APP',
      token: 'legacy-verification-token',
      trigger_id: `trigger-${this.n}`,
      container: { type: 'message', message_ts: '1.0', channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: 'general' },
      response_url: `${this.base}/respond/${this.n}`,
      actions: [{ type: 'button', action_id: actionId, block_id: 'paging', value, action_ts: '1.1', text: { type: 'plain_text', text: actionId } }],
    };
  }

  /** Sends a Socket Mode envelope; resolves with the envelope id. */
  envelope(type: 'slash_commands' | 'interactive', payload: unknown): string {
    this.n += 1;
    const id = `env-${this.n}`;
    this.socket?.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type === 'slash_commands' }));
    return id;
  }

  whenConnected(): Promise<void> {
    return this.socket ? Promise.resolve() : new Promise((resolve) => (this.connected = resolve));
  }

  waitFor(match: (r: Recorded) => boolean, timeoutMs = 15_000): Promise<Recorded> {
    const seen = [...this.responses, ...this.api].find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the bot to call the fake Slack')), timeoutMs);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  private record(list: Recorded[], r: Recorded): void {
    list.push(r);
    this.waiters = this.waiters.filter((w) => (w.match(r) ? (w.resolve(r), false) : true));
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0APP' },
      }),
    );
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { envelope_id?: string };
      if (msg.envelope_id) this.acks.set(msg.envelope_id, Date.now());
    });
    this.connected?.();
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    if ((req.url ?? '').startsWith('/upload/')) {
      this.uploads.set((req.url ?? '').slice('/upload/'.length), await uploadedBytes(raw, req.headers['content-type'] ?? ''));
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(`OK - ${raw.length}`);
    }
    const text = raw.toString('utf8');
    const body = parseBody(text, req.headers['content-type'] ?? '');
    const path = (req.url ?? '').split('?')[0] ?? '';
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (path.startsWith('/respond/')) {
      this.record(this.responses, { path, body, at: Date.now() });
      return json(200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    this.record(this.api, { path: method, body, at: Date.now(), ...(token ? { token } : {}) });
    if (token && this.oauth.revoked.has(token)) return json(200, { ok: false, error: 'token_revoked' });
    if (method === 'oauth.v2.access') return json(200, this.oauth.exchange(body, String(req.headers.authorization ?? '')));
    const owner = token ? this.oauth.issued.get(token) : undefined;
    if (method === 'auth.test') {
      const team = owner?.team ?? TEAM;
      return json(200, {
        ok: true,
        url: `https://${team.toLowerCase()}.slack.com/`,
        team,
        user: 'tracker',
        team_id: team,
        user_id: owner?.botUser ?? 'U0BOT',
        bot_id: `B${team}`,
      });
    }
    if (method === 'apps.connections.open') return json(200, { ok: true, url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/socket` });
    if (method === 'users.info') {
      const id = String(body.user ?? '');
      return json(200, { ok: true, user: { id, team_id: this.userTeams.get(id) ?? TEAM, is_admin: this.admins.has(id), is_owner: false } });
    }
    if (method === 'conversations.info') {
      const ch = this.channels.get(String(body.channel ?? ''));
      return json(200, ch ? { ok: true, channel: ch } : { ok: false, error: 'channel_not_found' });
    }
    if (method === 'chat.postMessage') {
      // Posting to a user id opens (or reuses) the IM with them, as Slack does.
      const channel = String(body.channel ?? '').replace(/^[UW]/, 'D');
      return json(200, { ok: true, channel, ts: `${Date.now() / 1000}`, message: { text: body.text } });
    }
    if (method === 'files.getUploadURLExternal') {
      this.n += 1;
      return json(200, { ok: true, upload_url: `${this.base}/upload/F${this.n}`, file_id: `F${this.n}` });
    }
    if (method === 'files.completeUploadExternal') {
      const files = (typeof body.files === 'string' ? safeJson(body.files) : body.files) as { id: string; title?: string }[];
      return json(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: 'chart.png' })) });
    }
    json(200, { ok: false, error: 'unknown_method' });
  }
}

function parseBody(text: string, type: string): Record<string, unknown> {
  if (!text) return {};
  if (type.includes('json')) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Signs a request body like Slack: v0=HMAC-SHA256(secret, `v0:${timestamp}:${body}`). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  /** Seconds since epoch; default now. */
  timestamp?: number;
  /** Leave the signature headers off. */
  unsigned?: boolean;
  secret?: string;
}

/** POSTs a form body (or, given an object for `json`, a JSON body) to the bot's /slack/events as Slack would, signed unless asked not to. */
export async function postToBot(
  url: string,
  form: Record<string, string>,
  opts: PostOptions & { json?: Record<string, unknown> } = {},
): Promise<{ status: number; ms: number; text: string }> {
  const body = opts.json ? JSON.stringify(opts.json) : new URLSearchParams(form).toString();
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': opts.json ? 'application/json' : 'application/x-www-form-urlencoded' };
  if (!opts.unsigned) {
    headers['x-slack-request-timestamp'] = String(ts);
    headers['x-slack-signature'] = sign(body, ts, opts.secret);
  }
  const t0 = Date.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, ms: Date.now() - t0, text: await res.text() };
}

/** The uploaded file's bytes: the raw body, or the file part of a multipart body. */
async function uploadedBytes(raw: Buffer, type: string): Promise<Buffer> {
  if (!type.startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
  for (const value of form.values()) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return raw;
}
