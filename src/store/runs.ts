/**
 * The run ledger: one row per (job, slot, tenant, channel), claimed before the work and marked
 * done after, in the store's database. The claim is an atomic insert, so two bots on one
 * store run a slot once; a claim whose holder died (see lease.ts) is taken over with a
 * compare-and-set on the old owner, so a crash between claim and post neither loses nor
 * repeats the post (the post itself goes through the outbox, keyed by the same run key).
 */
import type { Sql } from './sql.js';
import { defaultLiveness, LEASE_MS, type Holder, type Liveness, type Owner } from './lease.js';

export interface RunKey {
  job: string;
  slot: string;
  tenant: string;
  channel: string;
}

export type ClaimResult = 'claimed' | 'done' | 'skipped' | 'busy';

export interface RunRecord extends RunKey {
  state: 'claimed' | 'done' | 'skipped';
  claimedAt: string | null;
  doneAt: string | null;
  note: string | null;
}

export interface RunLedger {
  claim(run: RunKey, at: Date): Promise<ClaimResult>;
  /** Keeps a claim alive during long work. */
  renew(run: RunKey): Promise<void>;
  /** Lets every claim this owner still holds be taken over at once (graceful shutdown); returns how many. */
  release(): Promise<number>;
  complete(run: RunKey, at: Date, note?: string): Promise<void>;
  /** Records a missed slot; true only for the caller that recorded it (so it is logged once). */
  skip(run: RunKey, at: Date, reason: string): Promise<boolean>;
  get(run: RunKey): Promise<RunRecord | undefined>;
  /** Latest finished run of a job for a tenant (or the global '*' runs). */
  last(job: string, tenant: string): Promise<RunRecord | undefined>;
}

export const runKey = (r: RunKey) => `${r.job}|${r.slot}|${r.tenant}|${r.channel}`;

type Row = Holder & {
  key: string;
  job: string;
  slot: string;
  tenant: string;
  channel: string;
  state: RunRecord['state'];
  claimed_at: string | null;
  done_at: string | null;
  note: string | null;
};

const toRecord = (r: Row): RunRecord => ({
  job: r.job,
  slot: r.slot,
  tenant: r.tenant,
  channel: r.channel,
  state: r.state,
  claimedAt: r.claimed_at,
  doneAt: r.done_at,
  note: r.note,
});

export function createRunLedger(db: Sql, owner: Owner, opts: { liveness?: Liveness; leaseMs?: number; realNow?: () => number } = {}): RunLedger {
  const alive = opts.liveness ?? defaultLiveness;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const realNow = opts.realNow ?? Date.now;
  const row = (key: string) => db.get<Row>('SELECT * FROM tracker_runs WHERE key = ?', [key]);
  return {
    async claim(run, at) {
      const key = runKey(run);
      const inserted = await db.run(
        `INSERT INTO tracker_runs(key, job, slot, tenant, channel, state, owner, pid, host, lease_until, claimed_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
        [key, run.job, run.slot, run.tenant, run.channel, owner.id, owner.pid, owner.host, realNow() + leaseMs, at.toISOString()],
      );
      if (inserted.changes === 1) return 'claimed';
      const r = await row(key);
      if (!r) return 'busy';
      if (r.state !== 'claimed') return r.state;
      if (r.owner === owner.id) return 'claimed';
      if (alive(r, realNow())) return 'busy';
      const taken = await db.run(
        `UPDATE tracker_runs SET owner = ?, pid = ?, host = ?, lease_until = ?, claimed_at = ?
         WHERE key = ? AND state = 'claimed' AND owner IS NOT DISTINCT FROM ?`,
        [owner.id, owner.pid, owner.host, realNow() + leaseMs, at.toISOString(), key, r.owner],
      );
      return taken.changes === 1 ? 'claimed' : 'busy';
    },
    async renew(run) {
      await db.run("UPDATE tracker_runs SET lease_until = ? WHERE key = ? AND owner = ? AND state = 'claimed'", [realNow() + leaseMs, runKey(run), owner.id]);
    },
    async release() {
      return (await db.run("UPDATE tracker_runs SET lease_until = 0 WHERE owner = ? AND state = 'claimed'", [owner.id])).changes;
    },
    async complete(run, at, note) {
      await db.run("UPDATE tracker_runs SET state = 'done', done_at = ?, note = ?, lease_until = NULL WHERE key = ?", [
        at.toISOString(),
        note ?? null,
        runKey(run),
      ]);
    },
    async skip(run, at, reason) {
      const res = await db.run(
        `INSERT INTO tracker_runs(key, job, slot, tenant, channel, state, done_at, note)
         VALUES (?, ?, ?, ?, ?, 'skipped', ?, ?) ON CONFLICT(key) DO NOTHING`,
        [runKey(run), run.job, run.slot, run.tenant, run.channel, at.toISOString(), reason],
      );
      return res.changes === 1;
    },
    async get(run) {
      const r = await row(runKey(run));
      return r && toRecord(r);
    },
    async last(job, tenant) {
      const r = await db.get<Row>(
        "SELECT * FROM tracker_runs WHERE job = ? AND tenant IN (?, '*') AND state = 'done' ORDER BY slot DESC, done_at DESC LIMIT 1",
        [job, tenant],
      );
      return r && toRecord(r);
    },
  };
}
