/**
 * The operations endpoint, on `OPS_PORT` (off when unset): `GET /healthz` answers 200 when the store
 * answers, every chat platform is connected and the scheduler ticked recently, 503 otherwise, with
 * the parts as JSON; `GET /metrics` is the Prometheus text format.
 */
import { createServer, type Server } from 'node:http';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { Metrics } from './metrics.js';

/** The scheduler ticks every minute; three missed minutes is a stuck scheduler. */
export const MAX_TICK_AGE_MS = 180_000;

export interface HealthSources {
  store: Store;
  adapters: readonly Pick<ChatAdapter, 'platform' | 'connected'>[];
  /** Real time of the scheduler's last finished tick; undefined while it has not ticked yet. */
  lastTickAt?: () => number | undefined;
  now?: () => number;
}

export interface Health {
  ok: boolean;
  store: { ok: boolean; error?: string };
  chat: { platform: string; connected: boolean }[];
  scheduler?: { ok: boolean; lastTickSecondsAgo: number | null };
}

export async function checkHealth(src: HealthSources): Promise<Health> {
  const now = (src.now ?? Date.now)();
  let store: Health['store'];
  try {
    // A read through the same handle every command uses: a locked or vanished database fails here.
    await src.store.ns('health').get('probe');
    store = { ok: true };
  } catch (err) {
    store = { ok: false, error: err instanceof Error ? err.message.slice(0, 200) : String(err) };
  }
  const chat = src.adapters.map((a) => ({ platform: a.platform, connected: a.connected ? a.connected() : true }));
  const last = src.lastTickAt?.();
  const scheduler = src.lastTickAt
    ? { ok: last !== undefined && now - last <= MAX_TICK_AGE_MS, lastTickSecondsAgo: last === undefined ? null : Math.round((now - last) / 1000) }
    : undefined;
  const ok = store.ok && chat.every((c) => c.connected) && (scheduler?.ok ?? true);
  return { ok, store, chat, ...(scheduler ? { scheduler } : {}) };
}

export async function startOpsServer(port: number, host: string, health: HealthSources, metrics: Metrics, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = async () => {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
      } else if (path === '/healthz') {
        const h = await checkHealth(health);
        res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h));
      } else if (path === '/metrics') {
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
      }
    };
    answer().catch((err: unknown) => {
      logger.error({ err: err instanceof Error ? err.message : String(err), path }, 'ops endpoint failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  return server;
}
