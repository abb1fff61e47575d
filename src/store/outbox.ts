/**
 * The persisted outbox every scheduled post and alert goes through: written (`pending`) before
 * anything is sent, claimed (`sending`, with an owner and a lease) by one dispatcher, marked
 * `sent` after the platform accepted it. The id is the idempotency key (run key or alert key),
 * so writing the same message twice keeps one row; a `sending` row whose holder died is sent
 * again after a restart. The one remaining window — killed after the platform accepted the
 * message and before `sent` was written — resends; nothing else can repeat or lose a message.
 */
import type { Reply } from '../chat/reply.js';
import type { Sql } from './sql.js';
import { defaultLiveness, LEASE_MS, type Holder, type Liveness, type Owner } from './lease.js';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  /** Idempotency key: `morning|2026-12-01T09:45|tenant|channel`, `alert|tenant|<alert key>`. */
  id: string;
  kind: 'post' | 'alert';
  tenant: string;
  channel: string;
  /** New York trading day the message belongs to (end-of-day summaries list a day's alerts). */
  day: string;
  reply: Reply;
}

export interface OutboxItem extends OutboxMessage {
  state: OutboxState;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface Outbox {
  /** Writes a message unless one with this id exists; true when written. */
  put(msg: OutboxMessage, at: Date): Promise<boolean>;
  /** Messages ready to send: pending and due, or sending by a holder that is gone. */
  ready(limit?: number): Promise<OutboxItem[]>;
  /** Takes a message for sending; false when another holder has it or it was sent. */
  claim(id: string): Promise<boolean>;
  renew(id: string): Promise<void>;
  /** Puts every message this owner is still sending back to pending (graceful shutdown); returns how many. */
  release(): Promise<number>;
  markSent(id: string, at: Date): Promise<void>;
  /** Back to pending, not before `delayMs` of real time; counts an attempt unless told not to. */
  retryLater(id: string, delayMs: number, error: string, countAttempt?: boolean): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  /** A tenant's messages of one day, oldest first. */
  forDay(tenant: string, day: string, kind?: OutboxMessage['kind']): Promise<OutboxItem[]>;
}

type Row = Holder & {
  id: string;
  kind: OutboxMessage['kind'];
  tenant: string;
  channel: string;
  day: string;
  reply: string;
  state: OutboxState;
  attempts: number;
  not_before: number;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
};

const toItem = (r: Row): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  tenant: r.tenant,
  channel: r.channel,
  day: r.day,
  reply: JSON.parse(r.reply) as Reply,
  state: r.state,
  attempts: r.attempts,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  lastError: r.last_error,
});

export function createOutbox(db: Sql, owner: Owner, opts: { liveness?: Liveness; leaseMs?: number; realNow?: () => number } = {}): Outbox {
  const alive = opts.liveness ?? defaultLiveness;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const realNow = opts.realNow ?? Date.now;
  const row = (id: string) => db.get<Row>('SELECT * FROM tracker_outbox WHERE id = ?', [id]);
  return {
    async put(msg, at) {
      const res = await db.run(
        `INSERT INTO tracker_outbox(id, kind, tenant, channel, day, reply, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT(id) DO NOTHING`,
        [msg.id, msg.kind, msg.tenant, msg.channel, msg.day, JSON.stringify(msg.reply), at.toISOString()],
      );
      return res.changes === 1;
    },
    async ready(limit = 50) {
      const rows = await db.all<Row>(
        "SELECT * FROM tracker_outbox WHERE (state = 'pending' AND not_before <= ?) OR state = 'sending' ORDER BY created_at, id LIMIT ?",
        [realNow(), limit * 4],
      );
      return rows
        .filter((r) => r.state === 'pending' || (r.owner !== owner.id && !alive(r, realNow())))
        .slice(0, limit)
        .map(toItem);
    },
    async claim(id) {
      const r = await row(id);
      if (!r || r.state === 'sent' || r.state === 'failed') return false;
      if (r.state === 'sending' && r.owner !== owner.id && alive(r, realNow())) return false;
      const res = await db.run(
        `UPDATE tracker_outbox SET state = 'sending', owner = ?, pid = ?, host = ?, lease_until = ?
         WHERE id = ? AND state = ? AND owner IS NOT DISTINCT FROM ?`,
        [owner.id, owner.pid, owner.host, realNow() + leaseMs, id, r.state, r.owner],
      );
      return res.changes === 1;
    },
    async renew(id) {
      await db.run("UPDATE tracker_outbox SET lease_until = ? WHERE id = ? AND owner = ? AND state = 'sending'", [realNow() + leaseMs, id, owner.id]);
    },
    async release() {
      return (await db.run("UPDATE tracker_outbox SET state = 'pending', owner = NULL, lease_until = NULL WHERE owner = ? AND state = 'sending'", [owner.id]))
        .changes;
    },
    async markSent(id, at) {
      await db.run("UPDATE tracker_outbox SET state = 'sent', sent_at = ?, lease_until = NULL, attempts = attempts + 1 WHERE id = ?", [at.toISOString(), id]);
    },
    async retryLater(id, delayMs, error, countAttempt = true) {
      await db.run(
        `UPDATE tracker_outbox SET state = 'pending', owner = NULL, lease_until = NULL, not_before = ?, last_error = ?,
         attempts = attempts + ? WHERE id = ? AND owner = ?`,
        [realNow() + delayMs, error, countAttempt ? 1 : 0, id, owner.id],
      );
    },
    async markFailed(id, error) {
      await db.run("UPDATE tracker_outbox SET state = 'failed', last_error = ?, lease_until = NULL, attempts = attempts + 1 WHERE id = ?", [error, id]);
    },
    async get(id) {
      const r = await row(id);
      return r && toItem(r);
    },
    async forDay(tenant, day, kind) {
      const rows = await db.all<Row>(
        `SELECT * FROM tracker_outbox WHERE tenant = ? AND day = ? ${kind ? 'AND kind = ?' : ''} ORDER BY created_at, id`,
        kind ? [tenant, day, kind] : [tenant, day],
      );
      return rows.map(toItem);
    },
  };
}
