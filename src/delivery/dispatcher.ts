/**
 * Sends what the outbox holds, oldest first, one message at a time (so a channel sees its posts
 * in order). A platform 429 is waited out for the delay it asks for (real time, lease renewed
 * meanwhile) and the same message retried; other failures back off and give up after a few
 * attempts with an error log. A channel whose platform is not running stays pending.
 */
import { SendError, type ChatAdapter, type SendMeta } from '../chat/adapter.js';
import type { Reply } from '../chat/reply.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { withRenewal } from '../store/lease.js';
import type { Outbox, OutboxItem } from '../store/outbox.js';

export type ChannelSender = (channel: string, reply: Reply, meta?: SendMeta) => Promise<void>;

export class NoAdapterError extends Error {
  constructor(readonly channel: string) {
    super(`no running chat adapter for channel ${channel}`);
    this.name = 'NoAdapterError';
  }
}

/** Routes a platform-prefixed channel (`discord:…`, `slack:…`, `console:…`) to its adapter. */
export function channelSender(adapters: readonly Pick<ChatAdapter, 'platform' | 'send'>[]): ChannelSender & { platforms: Set<string> } {
  const byPlatform = new Map(adapters.map((a) => [a.platform as string, a]));
  const send = async (channel: string, reply: Reply, meta?: SendMeta) => {
    const adapter = byPlatform.get(channel.split(':')[0] ?? '');
    if (!adapter) throw new NoAdapterError(channel);
    await adapter.send(channel, reply, meta);
  };
  return Object.assign(send, { platforms: new Set(byPlatform.keys()) });
}

/**
 * The wait a rate-limit error asks for, in ms; undefined when the error is not a 429. An adapter's
 * SendError says it in platform-neutral words; a bare HTTP-style 429 (status and retryAfter
 * seconds) is read as such.
 */
export function rateLimitDelay(err: unknown): number | undefined {
  if (err instanceof SendError) return err.failure.kind === 'rate-limited' ? err.failure.retryAfterMs : undefined;
  if (!err || typeof err !== 'object') return undefined;
  const e = err as Record<string, unknown>;
  const is429 = e.status === 429 || e.statusCode === 429 || e.code === 429 || e.code === 'RATE_LIMITED';
  if (!is429) return undefined;
  const ms = [e.retryAfterMs, typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : undefined].find(
    (x): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0,
  );
  return ms ?? 1000;
}

export interface DispatcherOptions {
  outbox: Outbox;
  send: ChannelSender;
  clock: Clock;
  logger: Logger;
  /** Real-time sleep (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  /** Longest single 429 wait honoured inline; longer ones go back to the queue. */
  maxInlineWaitMs?: number;
  /** Test hook: called after a message is claimed and before it is sent. */
  pause?: (point: 'outbox-claimed', id: string) => Promise<void>;
}

export interface Dispatcher {
  /** Sends every ready message; resolves with how many were sent. Concurrent calls share one pass. */
  flush(): Promise<number>;
}

const realSleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const sleep = opts.sleep ?? realSleep;
  const maxAttempts = opts.maxAttempts ?? 5;
  const maxWait = opts.maxInlineWaitMs ?? 120_000;
  const warned = new Set<string>();
  let running: Promise<number> | undefined;

  const deliver = async (item: OutboxItem): Promise<boolean> => {
    if (!(await opts.outbox.claim(item.id))) return false;
    return withRenewal(
      () => opts.outbox.renew(item.id),
      async () => {
        await opts.pause?.('outbox-claimed', item.id);
        for (let waits = 0; ; waits++) {
          try {
            await opts.send(item.channel, item.reply, { tenant: item.tenant });
            await opts.outbox.markSent(item.id, opts.clock.now());
            return true;
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            if (err instanceof NoAdapterError) {
              if (!warned.has(item.channel)) opts.logger.warn({ channel: item.channel }, 'scheduled message waits: no adapter for its platform is running');
              warned.add(item.channel);
              await opts.outbox.retryLater(item.id, 60_000, message, false);
              return false;
            }
            const delay = rateLimitDelay(err);
            if (delay !== undefined && delay <= maxWait && waits < 5) {
              opts.logger.warn({ id: item.id, delayMs: delay }, 'platform rate limit: waiting before resending');
              await sleep(delay);
              continue;
            }
            if (item.attempts + 1 >= maxAttempts) {
              opts.logger.error({ id: item.id, channel: item.channel, err: message }, 'scheduled message failed for good');
              await opts.outbox.markFailed(item.id, message);
            } else {
              await opts.outbox.retryLater(item.id, delay ?? Math.min(300_000, 2000 * 2 ** item.attempts), message);
            }
            return false;
          }
        }
      },
    );
  };

  const pass = async () => {
    let sent = 0;
    for (const item of await opts.outbox.ready()) if (await deliver(item)) sent++;
    return sent;
  };

  return {
    flush() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
