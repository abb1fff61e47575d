/** Slack Web API errors (@slack/web-api's coded errors), classified for delivery (see SendFailure). */
import type { SendFailure } from '../adapter.js';

export function slackSendFailure(err: unknown): SendFailure {
  const e = (err ?? {}) as { code?: unknown; retryAfter?: unknown; data?: { error?: unknown } };
  if (e.code === 'slack_webapi_rate_limited_error') {
    const s = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : 1;
    return { kind: 'rate-limited', retryAfterMs: s * 1000 };
  }
  // An API answer of ok:false (channel_not_found, not_in_channel, cannot_dm_bot…) will not change on retry.
  if (e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') return { kind: 'refused' };
  return { kind: 'failed' };
}
