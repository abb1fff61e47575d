/**
 * After the close (the end-of-day slot): settle expired options, then warn about options that
 * expire next session in or near the money. Both hand their alerts to the outbox sink first.
 */
import { expiryEveAlerts, settleExpiries } from '../../portfolio/expiry.js';
import type { Services } from '../../services.js';
import type { AlertMessage, AlertSink } from '../ports.js';

export async function expiryAlerts(services: Services, tenant: string, now: Date, sink: AlertSink): Promise<AlertMessage[]> {
  const settled: AlertMessage[] = [];
  await settleExpiries(services, tenant, now, async (msgs) => {
    settled.push(...msgs);
    await sink(msgs);
  });
  const eve = await expiryEveAlerts(services, tenant, now);
  if (eve.length) await sink(eve);
  return [...settled, ...eve];
}
