/**
 * Who is asking: a person waiting on a command (`interactive`, the default) or a scan or
 * scheduled job (`background`). The caller marks its work once with `withPriority`; the rate
 * limiter reads the mark on every request, so a /quote typed during a scan goes ahead of the
 * scan's queued requests and the scan never uses the share of the budget kept for people.
 * AsyncLocalStorage carries the mark through the Yahoo client and our fetch without a parameter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type Priority = 'interactive' | 'background';

const mark = new AsyncLocalStorage<Priority>();

export const currentPriority = (): Priority => mark.getStore() ?? 'interactive';

export function withPriority<T>(priority: Priority, work: () => Promise<T>): Promise<T> {
  return mark.run(priority, work);
}
