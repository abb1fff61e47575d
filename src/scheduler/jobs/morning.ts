/**
 * The morning opportunity post: the default scan rendered exactly like `/scan` (same reply
 * builder), as a `kind: 'post'` reply, from the shared scan snapshot when a recent one exists. The picks are also kept per day (`schedpicks`) so the IV
 * snapshot and the end-of-day summary can follow them.
 */
import type { Reply } from '../../chat/reply.js';
import { scanOrSnapshot, SHARED } from '../../scanner/snapshot.js';
import { scanReply } from '../../../commands/views/scan.js';
import type { Services } from '../../services.js';
import type { Slot } from '../../schedule/slots.js';
import { savePicks } from '../../store/picks.js';

export async function buildMorningPost(services: Services, slot: Slot): Promise<Reply> {
  const { config } = services;
  // The shared snapshot when a recent one exists (the warmer keeps it), else a new scan that becomes it.
  const { result } = await scanOrSnapshot(services, { limit: config.scanner.limit }, { scope: SHARED });
  await savePicks(services.store, slot.date, result.picks);
  const reply = scanReply(result, config, `Morning picks ${slot.date} — `);
  const scheduled = `scheduled ${slot.id.slice(11)} ET`;
  return {
    ...reply,
    command: 'morning',
    kind: 'post',
    text: `${reply.text ?? ''}\nNot investment advice.`,
    footer: reply.footer ? `${reply.footer} · ${scheduled}` : scheduled,
    data: { ...reply.data, job: 'morning', slot: slot.id },
  };
}
