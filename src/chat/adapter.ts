/** The port every chat platform implements. Ids carry their platform: `discord:…`, `slack:…`, `console:…`. */
import type { Reply } from './reply.js';

/**
 * Why a send failed, in words delivery understands: the platform's own error shapes (Discord's
 * 50007, Slack's `slack_webapi_*` codes) are read by the adapter that knows them, never by delivery.
 */
export type SendFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** The platform refused this address for good (DMs closed, unknown channel): retrying will not help. */
  | { kind: 'refused' }
  | { kind: 'failed' };

/** What an adapter's `send` throws: the classified failure, with the platform's error as the cause. */
export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'SendError';
  }
}

/** Who a scheduled message is for: the tenant (`discord:<guild>`, `slack:<team>`, `console:local`). */
export interface SendMeta {
  tenant?: string;
}

export interface ChatAdapter {
  readonly platform: 'console' | 'discord' | 'slack';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected to the platform right now (for /healthz); adapters without a connection leave it out. */
  connected?(): boolean;
  /**
   * Posts a scheduled post or alert to a channel (platform-prefixed id). `meta.tenant` names the
   * server or workspace it is for (Slack with many workspaces posts with that workspace's token).
   */
  send(channel: string, reply: Reply, meta?: SendMeta): Promise<void>;
}
