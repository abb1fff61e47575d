/**
 * The HTTP edge shared by every provider: each request waits for the provider's rate limiter,
 * gets a timeout, and transport failures, 429s and 5xx become ProviderErrors with one clear
 * sentence. URLs are never put into messages: they can carry API keys.
 */
import { ProviderError, parseRetryAfter } from '../gateway/errors.js';
import type { RateLimiter } from '../gateway/limiter.js';

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface EdgeOptions {
  /** Provider id (`yahoo`, `polygon`, ...). */
  id: string;
  /** Human name for sentences. */
  label: string;
  timeoutMs: number;
  limiter?: RateLimiter;
  fetch?: FetchFn;
}

/** A fetch that is rate limited, timed out and turns transport failures into ProviderErrors. */
export function edgeFetch(opts: EdgeOptions): FetchFn {
  const inner = opts.fetch ?? globalThis.fetch;
  const once = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await inner(input, { ...init, signal });
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      if (timeout.aborted) {
        throw new ProviderError('TIMEOUT', `${opts.label} did not answer within ${waited(opts.timeoutMs)}.`, opts.id, { retryable: true, cause: err });
      }
      throw new ProviderError(
        'UNAVAILABLE',
        `${opts.label} could not be reached; check the network connection, or start with --demo for the simulated market.`,
        opts.id,
        { retryable: true, cause: err },
      );
    }
    throwForStatus(res, opts);
    return res;
  };
  return opts.limiter ? (input, init) => opts.limiter!.schedule(() => once(input, init)) : once;
}

const waited = (ms: number): string => (ms < 1_500 ? 'a second' : `${Math.round(ms / 1000)} seconds`);

export function throwForStatus(res: Response, opts: Pick<EdgeOptions, 'id' | 'label' | 'limiter'>): void {
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    if (retryAfterMs !== undefined) opts.limiter?.pauseFor(retryAfterMs);
    // Discarding an unread body before throwing: nothing to report if the stream is already closed.
    void res.body?.cancel().catch(() => undefined);
    throw new ProviderError('RATE_LIMITED', `${opts.label} is limiting how often the bot may ask for data; try again in a minute.`, opts.id, {
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (res.status >= 500) {
    // Discarding an unread body before throwing: nothing to report if the stream is already closed.
    void res.body?.cancel().catch(() => undefined);
    throw new ProviderError('UNAVAILABLE', `${opts.label} is having trouble right now (HTTP ${res.status}); try again shortly.`, opts.id, { retryable: true });
  }
}

/** Reads a JSON body; anything else is a BAD_RESPONSE sentence. */
export async function readJson(res: Response, opts: Pick<EdgeOptions, 'id' | 'label'>): Promise<unknown> {
  // An unreadable body becomes the BAD_RESPONSE sentence below.
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProviderError('BAD_RESPONSE', `${opts.label} sent a reply the bot could not read.`, opts.id, { retryable: true, cause: err });
  }
}
