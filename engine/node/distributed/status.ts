// `cassino batch status ID --queue URL` and `cassino batch cancel ID --queue URL`.
import { type Db, readBatch } from './db.ts';
import type { QueueAddress } from './queue-url.ts';

export interface BatchStatus {
  id: string;
  status: 'open' | 'cancelled';
  scenario: string;
  seeds: { first: string; last: string; count: number };
  rangeSize: number;
  ranges: { done: number; running: number; pending: number };
  runs: number;
  failed: number;
  problems: string[];
  /** Workers holding a live lease on one of this batch's ranges, with the runs they delivered to it. */
  workers: Array<{ id: string; ranges: number; runs: number; leaseSeconds: number }>;
  /** Workers of this installation seen in the last WAITING_SECONDS that hold no range: waiting for one (a lease to expire, or --wait). */
  waiting: string[];
}

const WAITING_SECONDS = 30;

export async function batchStatus(db: Db, q: QueueAddress, id: string): Promise<BatchStatus> {
  const b = await readBatch(db, q, id);
  const s = `"${q.schema}"`;
  const jobs = (await db.query(
    `SELECT count(*) FILTER (WHERE state = 'done')::int AS done,
            count(*) FILTER (WHERE state = 'pending' AND lease_until > now())::int AS running,
            count(*) FILTER (WHERE state = 'pending' AND (lease_until IS NULL OR lease_until <= now()))::int AS pending
     FROM ${s}.jobs WHERE batch_id = $1`, [id])).rows[0];
  const runs = (await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE failed)::int AS failed FROM ${s}.runs WHERE batch_id = $1`, [id])).rows[0];
  const problems = (await db.query(`SELECT message FROM ${s}.problems WHERE batch_id = $1 ORDER BY id`, [id])).rows.map((r) => r.message as string);
  const workers = (await db.query(
    `SELECT j.lease_owner AS id, count(*)::int AS ranges, ceil(extract(epoch FROM max(j.lease_until) - now()))::int AS lease,
            (SELECT count(*)::int FROM ${s}.runs r WHERE r.batch_id = $1 AND r.worker = j.lease_owner) AS runs
     FROM ${s}.jobs j WHERE j.batch_id = $1 AND j.state = 'pending' AND j.lease_until > now() GROUP BY j.lease_owner ORDER BY j.lease_owner`, [id])).rows;
  const waiting = (await db.query(
    `SELECT w.id FROM ${s}.workers w WHERE w.state = 'working' AND w.last_seen > now() - make_interval(secs => $1)
       AND NOT EXISTS (SELECT 1 FROM ${s}.jobs j WHERE j.lease_owner = w.id AND j.state = 'pending' AND j.lease_until > now()) ORDER BY w.id`,
    [WAITING_SECONDS])).rows.map((r) => r.id as string);
  return {
    id, status: b.status, waiting, scenario: `${b.manifest.scenario.id} v${b.manifest.scenario.version}`,
    seeds: { first: b.manifest.seeds.first, last: String(BigInt(b.manifest.seeds.first) + BigInt(b.runs - 1)), count: b.runs },
    rangeSize: b.range_size, ranges: jobs, runs: runs.n, failed: runs.failed, problems,
    workers: workers.map((w) => ({ id: w.id, ranges: w.ranges, runs: w.runs, leaseSeconds: w.lease })),
  };
}

export function formatStatus(st: BatchStatus): string {
  const r = st.ranges;
  const out = [
    `batch ${st.id}: ${st.scenario}, seeds ${st.seeds.first}-${st.seeds.last} in ranges of ${st.rangeSize}; ${st.status}`,
    `ranges: ${r.done} done, ${r.running} running, ${r.pending} pending`,
    `runs: ${st.runs} of ${st.seeds.count}, ${st.failed} failed`,
    `workers: ${st.workers.length ? st.workers.map((w) => `${w.id} (${w.ranges} range${w.ranges === 1 ? '' : 's'}, ${w.runs} runs delivered, lease ${w.leaseSeconds} s)`).join(', ') : 'none at work'}`,
  ];
  if (st.waiting.length) out.push(`waiting for a range: ${st.waiting.join(', ')}`);
  if (st.problems.length) out.push(`NONDETERMINISM: ${st.problems.length} seed${st.problems.length === 1 ? '' : 's'} came back with different state hashes: ${st.problems[0]}${st.problems.length > 1 ? ', …' : ''}`);
  return out.join('\n');
}

export async function cancelBatch(db: Db, q: QueueAddress, id: string): Promise<{ was: string; done: number; ranges: number }> {
  const b = await readBatch(db, q, id);
  await db.query(`UPDATE "${q.schema}".batches SET status = 'cancelled' WHERE id = $1`, [id]);
  const j = (await db.query(`SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*)::int AS n FROM "${q.schema}".jobs WHERE batch_id = $1`, [id])).rows[0];
  return { was: b.status, done: j.done, ranges: j.n };
}
