/** Discord's REST errors, classified for delivery (see SendFailure). */
import type { SendFailure } from '../adapter.js';

/** Discord's code for "Cannot send messages to this user" (DMs closed to the bot). */
export const CANNOT_DM_USER = 50007;

export function discordSendFailure(err: unknown): SendFailure {
  const e = (err ?? {}) as { status?: unknown; code?: unknown; retryAfter?: unknown; rawError?: { retry_after?: unknown } };
  if (e.status === 429) {
    const seconds = [e.rawError?.retry_after, e.retryAfter].find((x): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0);
    return { kind: 'rate-limited', retryAfterMs: seconds === undefined ? 1000 : seconds * 1000 };
  }
  if (e.status === 403 || e.code === CANNOT_DM_USER) return { kind: 'refused' };
  return { kind: 'failed' };
}
