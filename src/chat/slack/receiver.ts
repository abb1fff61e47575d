/**
 * The Slack HTTP endpoint, hardened: a Bolt `Receiver` that refuses a body over the cap while it
 * streams in (413, nothing buffered past the cap, nothing parsed), checks the v0 signature on the
 * raw bytes with a timing-safe compare, refuses timestamps more than five minutes away in either
 * direction, and refuses a (signature, timestamp) pair already seen inside that window (a replay).
 * Bolt's HTTPReceiver buffers the whole body before it checks anything, and accepts replays.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { HTTPModuleFunctions as http, HTTPResponseAck } from '@slack/bolt';
import type { Logger } from '@slack/bolt';
import { checkSignature, ReplayGuard, WINDOW_SECONDS } from './verify.js';

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Largest body accepted, in bytes. */
  maxBodyBytes: number;
  /** Path Slack posts to. */
  path?: string;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
  /** Other pages served beside /slack/events (the OAuth install flow); resolves true when it answered. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** What an acknowledgement sent without a body carries instead, if anything (OAuth: the install hint for a refused command). */
  emptyAck?: (body: Record<string, unknown>) => unknown;
}

export class GuardedReceiver implements Receiver {
  private app?: App;
  private server?: Server;
  private readonly replays: ReplayGuard;
  private readonly now: () => number;

  constructor(private readonly opts: GuardedReceiverOptions) {
    this.now = opts.now ?? Date.now;
    this.replays = new ReplayGuard(WINDOW_SECONDS * 2, this.now);
  }

  init(app: App): void {
    this.app = app;
  }

  async start(at: { port: number; host?: string }): Promise<Server> {
    const server = createServer((req, res) => void this.handle(req, res).catch((err: unknown) => this.fail(res, err)));
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at.port, at.host, () => resolve());
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private fail(res: ServerResponse, err: unknown): void {
    this.opts.logger.error(`slack request failed: ${(err as Error)?.message ?? String(err)}`);
    if (!res.headersSent) end(res, 500);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.opts.routes && (await this.opts.routes(req, res))) return;
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== (this.opts.path ?? '/slack/events')) return end(res, 404);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.opts.maxBodyBytes) return tooLarge(req, res);
    const raw = await readCapped(req, this.opts.maxBodyBytes);
    if (!raw) return tooLarge(req, res);
    const verdict = checkSignature({
      secret: this.opts.signingSecret,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      body: raw,
      nowSeconds: Math.floor(this.now() / 1000),
    });
    if (verdict !== 'ok') {
      this.opts.logger.warn(`slack request refused: ${verdict}`);
      return end(res, 401);
    }
    if (!this.replays.firstTime(`${header(req, 'x-slack-signature')}:${header(req, 'x-slack-request-timestamp')}`)) {
      this.opts.logger.warn('slack request refused: replayed');
      return end(res, 401);
    }
    const buffered = Object.assign(req, { rawBody: raw });
    let body: Record<string, unknown>;
    try {
      body = http.parseHTTPRequestBody(buffered) as Record<string, unknown>;
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return end(res, 400);
    }
    if (body.ssl_check === '1') return end(res, 200);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
    const ack = new HTTPResponseAck({
      logger: this.opts.logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const sendAck = ack.bind();
    const emptyAck = this.opts.emptyAck;
    const event: ReceiverEvent = {
      body,
      ack: emptyAck ? (response) => sendAck(response ?? emptyAck(body)) : sendAck,
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (err) {
      if (!res.headersSent) this.fail(res, err);
      else this.opts.logger.error(`slack listener failed after ack: ${(err as Error)?.message ?? String(err)}`);
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** 413 and close: the rest of the body is not read (the socket is dropped after the answer). */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(413, { connection: 'close', 'content-type': 'text/plain' });
  res.end('Request body too large.', () => req.destroy());
}

/** The body, or undefined once it passes `max` bytes (reading stops there). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
