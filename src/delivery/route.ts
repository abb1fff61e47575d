/**
 * Routes personal alerts the way their owner asked (`/alerts deliver dm|mention|channel`): a
 * wrapper around the dispatcher's channel sender, so the outbox row — its id, its channel, its
 * exactly-once bookkeeping — is untouched; only the address the adapter posts to changes, and
 * it is chosen from the current preference at send time. Shared-portfolio alerts, posts, and
 * platforms without direct messages (the console) go to the channel as before. A DM the
 * platform refuses (the user blocks DMs from the server) is posted in the channel with a
 * mention instead, so the alert is not lost; rate limits and outages propagate for a retry.
 */
import { dmAddress, isPersonalPlatform, mentionAddress, USER_ID, type PersonalPlatform } from '../chat/render/address.js';
import type { Reply, ReplyRecipient } from '../chat/reply.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { SendError, type SendMeta } from '../chat/adapter.js';
import type { ChannelSender } from './dispatcher.js';
import { getUserPrefs } from '../store/prefs.js';

/** The personal recipient of an alert: platform and bare user id, when the alert names one this channel's platform can reach. */
function recipient(channel: string, reply: Reply): { platform: PersonalPlatform; tenant: string; user: string; owner: string } | undefined {
  const to = reply.kind === 'alert' ? (reply.recipient ?? queuedBeforeRecipient(reply)) : undefined;
  if (!to) return undefined;
  const { tenant, user: owner } = to;
  const [platform = '', ...rest] = owner.split(':');
  const user = rest.join(':');
  if (!isPersonalPlatform(platform)) return undefined;
  if (channel.split(':')[0] !== platform || !USER_ID[platform].test(user)) return undefined;
  return { platform, tenant, user, owner };
}

/**
 * Alerts put in the outbox before replies carried `recipient` named their owner in `data` only.
 * Read that for those rows, so a personal alert queued across the upgrade is not posted in the
 * channel for everyone; new alerts never come here.
 */
function queuedBeforeRecipient(reply: Reply): ReplyRecipient | undefined {
  const d = (reply.data ?? {}) as { tenant?: unknown; user?: unknown };
  return typeof d.user === 'string' && typeof d.tenant === 'string' ? { tenant: d.tenant, user: d.user } : undefined;
}

/** A DM the platform refused for good (as opposed to a rate limit, an outage or a missing adapter). */
function dmRefused(err: unknown): boolean {
  return err instanceof SendError && err.failure.kind === 'refused';
}

export function routeAlerts<S extends ChannelSender>(send: S, store: Store, logger?: Logger): S {
  const routed = async (channel: string, reply: Reply, meta?: SendMeta) => {
    const to = recipient(channel, reply);
    if (!to) return send(channel, reply, meta);
    const { alerts } = await getUserPrefs(store, to.tenant, to.owner);
    if (alerts === 'channel') return send(channel, reply, meta);
    if (alerts === 'mention') return send(mentionAddress(channel, to.user), reply, meta);
    try {
      await send(dmAddress(to.platform, to.user), reply, meta);
    } catch (err) {
      if (!dmRefused(err)) throw err;
      logger?.warn(
        { user: to.owner, err: err instanceof Error ? err.message : String(err) },
        'alert DM refused; posting it in the alerts channel with a mention',
      );
      await send(mentionAddress(channel, to.user), reply, meta);
    }
  };
  // Keep whatever the sender carries (channelSender's `platforms`).
  return Object.assign(routed, send);
}
