/**
 * The morning post into the track record: every pick with the price the post showed. A post
 * without scan data (a test's fixed post) records nothing; a failed write is logged, not fatal
 * to the post that already went to the outbox.
 */
import type { Reply } from '../../chat/reply.js';
import type { Services } from '../../services.js';
import { recordPost } from '../../track/index.js';

export async function recordMorning(services: Services, reply: Reply): Promise<void> {
  const data = reply.data as { picks?: unknown } | undefined;
  if (!data?.picks) return;
  try {
    const n = await recordPost(services, data, { origin: 'morning', tenant: '*', postedAt: services.clock.now() });
    if (n) services.logger.info({ picks: n }, 'morning picks recorded in the track record');
  } catch (err) {
    services.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'morning picks not recorded in the track record');
  }
}
