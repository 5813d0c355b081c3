// Seed ranges under leases, on PostgreSQL's own row locks: a worker claims the first pending
// range whose lease is free or expired with SELECT … FOR UPDATE SKIP LOCKED (two workers claiming
// at once never wait for each other nor take the same range), and renews its lease while it plays.
// Lease times are the database's clock (now()), so the workers' clocks do not matter.
import type { Db } from './db.ts';

export interface Job { batchId: string; idx: number; seedFirst: string; count: number; attempts: number }

/** Claims a range of an open batch (of `batchId` only, when given) for `leaseSeconds`; undefined when none is free. */
export async function claimJob(db: Db, schema: string, worker: string, leaseSeconds: number, batchId?: string): Promise<Job | undefined> {
  const s = `"${schema}"`;
  const r = await db.query(
    `UPDATE ${s}.jobs j SET lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = j.attempts + 1
     FROM (SELECT jobs.batch_id, jobs.idx FROM ${s}.jobs JOIN ${s}.batches b ON b.id = jobs.batch_id
           WHERE jobs.state = 'pending' AND b.status = 'open' AND (jobs.lease_until IS NULL OR jobs.lease_until < now())
             AND ($3::bigint IS NULL OR jobs.batch_id = $3::bigint)
           ORDER BY jobs.batch_id, jobs.idx LIMIT 1 FOR UPDATE OF jobs SKIP LOCKED) c
     WHERE j.batch_id = c.batch_id AND j.idx = c.idx
     RETURNING j.batch_id, j.idx, j.seed_first, j.count, j.attempts`,
    [worker, leaseSeconds, batchId ?? null],
  );
  if (!r.rows.length) return undefined;
  const row = r.rows[0];
  return { batchId: String(row.batch_id), idx: row.idx, seedFirst: String(row.seed_first), count: row.count, attempts: row.attempts };
}

/**
 * Extends the lease. Returns whether the batch is still open: a cancelled batch's workers stop.
 * A lease that another worker took over (this one was too slow to renew) is not taken back: both
 * play the range, and the runs table keeps one row per seed.
 */
export async function renewLease(db: Db, schema: string, job: Job, worker: string, leaseSeconds: number): Promise<boolean> {
  const s = `"${schema}"`;
  await db.query(
    `UPDATE ${s}.jobs SET lease_until = now() + make_interval(secs => $4) WHERE batch_id = $1 AND idx = $2 AND lease_owner = $3 AND state = 'pending'`,
    [job.batchId, job.idx, worker, leaseSeconds],
  );
  await db.query(`UPDATE ${s}.workers SET last_seen = now() WHERE id = $1`, [worker]);
  const b = await db.query(`SELECT status FROM ${s}.batches WHERE id = $1`, [job.batchId]);
  return b.rows[0]?.status === 'open';
}

export async function finishJob(db: Db, schema: string, job: Job, worker: string): Promise<void> {
  await db.query(
    `UPDATE "${schema}".jobs SET state = 'done', done_at = now(), lease_owner = $3, lease_until = NULL WHERE batch_id = $1 AND idx = $2 AND state = 'pending'`,
    [job.batchId, job.idx, worker],
  );
}

/** Gives a range back at once (a worker that stops or refuses the batch), instead of waiting for the lease to expire. */
export async function releaseJob(db: Db, schema: string, job: Job, worker: string): Promise<void> {
  await db.query(
    `UPDATE "${schema}".jobs SET lease_owner = NULL, lease_until = NULL WHERE batch_id = $1 AND idx = $2 AND lease_owner = $3 AND state = 'pending'`,
    [job.batchId, job.idx, worker],
  );
}

/** Ranges of open batches not done yet (also those other workers hold: their leases may expire). */
export async function unfinishedJobs(db: Db, schema: string, batchId?: string): Promise<number> {
  const s = `"${schema}"`;
  const r = await db.query(
    `SELECT count(*)::int AS n FROM ${s}.jobs JOIN ${s}.batches b ON b.id = jobs.batch_id
     WHERE jobs.state = 'pending' AND b.status = 'open' AND ($1::bigint IS NULL OR jobs.batch_id = $1::bigint)`,
    [batchId ?? null],
  );
  return r.rows[0].n;
}
