/**
 * Provider failures carry what the gateway needs to decide (retry? after how long? reset the
 * session?) on top of the user-facing code and sentence of MarketDataError.
 */
import { MarketDataError, type MarketErrorCode } from '../types.js';

export interface ProviderErrorOptions {
  retryable?: boolean;
  /** Server asked us to wait this long (Retry-After). */
  retryAfterMs?: number;
  /** The session (Yahoo crumb + cookies) must be rebuilt before retrying. */
  resetSession?: boolean;
  /** The provider works but holds no such data (a replay without that recording): not a failure of it. */
  lacksData?: boolean;
  cause?: unknown;
}

export class ProviderError extends MarketDataError {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly resetSession: boolean;
  readonly lacksData: boolean;

  constructor(code: MarketErrorCode, message: string, provider: string, opts: ProviderErrorOptions = {}) {
    super(code, message, provider, { cause: opts.cause });
    this.retryable = opts.retryable ?? false;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    this.resetSession = opts.resetSession ?? false;
    this.lacksData = opts.lacksData ?? false;
  }
}

/** Answers about the symbol itself: asking another provider or retrying will not change them. */
export function isDefinitive(err: unknown): boolean {
  return err instanceof MarketDataError && (err.code === 'UNKNOWN_SYMBOL' || err.code === 'UNKNOWN_EXPIRY' || err.code === 'NO_OPTIONS');
}

export function isRetryable(err: unknown): boolean {
  return err instanceof ProviderError && err.retryable;
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Any thrown value as a MarketDataError whose message is safe to show a user. */
export function asMarketError(err: unknown, provider: string, fallback: string): MarketDataError {
  if (err instanceof MarketDataError) return err;
  return new MarketDataError('UNAVAILABLE', fallback, provider, { cause: err });
}

/** A request refused up front: waiting for the limit would take longer than the queue allows. */
export function budgetUsedUp(label: string, id: string, spec: { requests: number; perSeconds: number }, waitMs: number): ProviderError {
  const mins = Math.ceil(waitMs / 60_000);
  return new ProviderError(
    'RATE_LIMITED',
    `${label}'s request limit (${spec.requests} per ${describeWindow(spec.perSeconds)}) is used up; try again in about ${mins} minute${mins === 1 ? '' : 's'}.`,
    id,
    { retryable: false },
  );
}

function describeWindow(secs: number): string {
  if (secs === 60) return 'minute';
  if (secs === 86_400) return 'day';
  if (secs === 3_600) return 'hour';
  return `${secs} seconds`;
}
