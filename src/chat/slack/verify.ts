/**
 * Slack request signing (v0): `v0=` + hex HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`), over
 * the raw bytes as received, compared in constant time. A request more than five minutes from
 * now either way is refused, and so is one already seen (same signature and timestamp).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WINDOW_SECONDS = 5 * 60;

export type SignatureVerdict = 'ok' | 'missing-headers' | 'bad-timestamp' | 'stale-timestamp' | 'future-timestamp' | 'bad-signature';

export interface SignedRequest {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
  nowSeconds: number;
}

export function checkSignature(r: SignedRequest): SignatureVerdict {
  if (!r.signature || !r.timestamp) return 'missing-headers';
  if (!/^\d{1,12}$/.test(r.timestamp)) return 'bad-timestamp';
  const ts = Number(r.timestamp);
  if (ts < r.nowSeconds - WINDOW_SECONDS) return 'stale-timestamp';
  if (ts > r.nowSeconds + WINDOW_SECONDS) return 'future-timestamp';
  const expected = Buffer.from(`v0=${createHmac('sha256', r.secret).update(`v0:${r.timestamp}:`).update(r.body).digest('hex')}`);
  const given = Buffer.from(r.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad-signature';
  return 'ok';
}

/**
 * Remembers accepted (signature, timestamp) pairs for `ttlSeconds` — at least the window on both
 * sides, so a pair cannot come back while its timestamp is still accepted. Only signed requests
 * reach it, so its size is bounded by Slack's own traffic.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  /** True the first time `key` is offered inside the window, false for a replay. */
  firstTime(key: string): boolean {
    const t = this.now();
    for (const [k, at] of this.seen) {
      if (t - at <= this.ttlSeconds * 1000) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, t);
    return true;
  }
}
