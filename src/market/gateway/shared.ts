/**
 * The slot accounting a rate limiter shares with every replica on one store (implemented by
 * src/store/slots.ts). Each process keeps its own queues, priorities, reserve and concurrency; only
 * "may one more request start in this provider's window" is decided by the shared ledger, in one
 * atomic step, so N replicas together stay within the configured limit.
 *
 * Times cross the boundary as durations ("frees in 1,200 ms"), never instants: the ledger may read
 * another clock (PostgreSQL's) than the process's.
 */

export interface SlotRequest {
  /** A background request: it may not use the window's last `requests - bgRequests` slots. */
  bg: boolean;
  requests: number;
  bgRequests: number;
  windowMs: number;
}

/** One request in the shared window: `freeInMs` until it leaves the window, null while in flight. */
export interface SharedSlot {
  id: string;
  bg: boolean;
  freeInMs: number | null;
}

export type SlotTake = { id: string; window: SharedSlot[] } | { waitMs: number; window: SharedSlot[] };

export interface SlotReading {
  window: SharedSlot[];
  /** How long ago each request of the last hour started, across replicas (for /status). */
  startedAgoMs: number[];
}

export interface SharedWindow {
  /** Takes a slot when the shared window has room for this priority, or says how long to wait. */
  take(req: SlotRequest): Promise<SlotTake>;
  /** The request of slot `id` finished: its slot leaves the window one window from now. */
  finish(id: string): Promise<void>;
  read(windowMs: number): Promise<SlotReading>;
}
