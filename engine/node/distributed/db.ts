// The queue's tables in PostgreSQL, and connecting to them. One schema per installation:
//   batches   one row per planned batch: options, fingerprint, seed range, status
//   jobs      the batch's seed ranges; a worker holds one under a lease (lease_owner, lease_until)
//             that it renews while it plays; a range whose lease expired is claimable again
//   runs      one row per run (primary key batch + seed): the runs.jsonl line and its state hash
//   problems  nondeterminism found when a run delivered twice came back with another state hash
//   workers   who is working, for `batch status`
import pg from 'pg';
import { type QueueAddress, QueueUsageError } from './queue-url.ts';

export type Db = pg.Pool;

/** An error reaching or querying the queue, said in one sentence (never with a password). */
export class QueueError extends Error {}

export function ddl(schema: string): string {
  const s = `"${schema}"`;
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.batches (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  options jsonb NOT NULL,
  fingerprint jsonb NOT NULL,
  manifest jsonb NOT NULL,
  seed_first numeric NOT NULL,
  runs integer NOT NULL,
  range_size integer NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.jobs (
  batch_id bigint NOT NULL REFERENCES ${s}.batches (id) ON DELETE CASCADE,
  idx integer NOT NULL,
  seed_first numeric NOT NULL,
  count integer NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  lease_owner text,
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  done_at timestamptz,
  PRIMARY KEY (batch_id, idx)
);
CREATE INDEX IF NOT EXISTS jobs_pending ON ${s}.jobs (batch_id, idx) WHERE state = 'pending';
CREATE TABLE IF NOT EXISTS ${s}.runs (
  batch_id bigint NOT NULL REFERENCES ${s}.batches (id) ON DELETE CASCADE,
  seed numeric NOT NULL,
  state_hash text,
  failed boolean NOT NULL,
  line text NOT NULL,
  worker text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (batch_id, seed)
);
CREATE TABLE IF NOT EXISTS ${s}.problems (
  id bigserial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES ${s}.batches (id) ON DELETE CASCADE,
  seed numeric NOT NULL,
  message text NOT NULL,
  worker text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${s}.workers (
  id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  threads integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  runs integer NOT NULL DEFAULT 0,
  state text NOT NULL DEFAULT 'working'
);`;
}

/** A key for pg_advisory_xact_lock, so that two planners creating the schema at once do not collide. */
const SCHEMA_LOCK = 0x63617373; // "cass"

export async function openQueue(q: QueueAddress, max = 4): Promise<Db> {
  const db = new pg.Pool({ connectionString: q.connectionString, max, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not take the process down.
  db.on('error', () => {});
  try {
    const c = await db.connect();
    c.release();
  } catch (e) {
    await db.end().catch(() => {});
    throw new QueueError(`cannot reach the queue at ${q.shown}: ${oneLine(e)}`);
  }
  return db;
}

/** Creates the installation's schema and tables if they are not there yet (the planner does). */
export async function ensureSchema(db: Db, schema: string): Promise<void> {
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await c.query(ddl(schema));
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw new QueueError(`cannot create the queue's tables in schema ${schema}: ${oneLine(e)}`);
  } finally {
    c.release();
  }
}

/** Workers, status, collect and cancel need a planned batch: say so when the schema is missing. */
export async function requireSchema(db: Db, q: QueueAddress): Promise<void> {
  const r = await db.query('SELECT to_regclass($1) AS t', [`"${q.schema}".batches`]);
  if (r.rows[0].t === null) throw new QueueUsageError(`the queue at ${q.shown} holds no batches (no schema ${q.schema}); plan one with cassino batch <scenario> --runs N --queue URL`);
}

export function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  const text = (m.split('\n')[0] || (code ?? 'unknown error'));
  return code && !text.includes(code) && /^[A-Z]/.test(code) ? `${text} (${code})` : text;
}

export interface BatchRow {
  id: string;
  status: 'open' | 'cancelled';
  created_at: Date;
  options: QueueOptions;
  fingerprint: import('../provenance.ts').Fingerprint;
  manifest: import('../batch/manifest.ts').BatchManifest;
  seed_first: string;
  runs: number;
  range_size: number;
}

/** What a worker needs to play the batch's runs: paths as the planner saw them from its folder. */
export interface QueueOptions { scenario: string; whatIf?: string; params?: string; noPlan?: boolean }

export async function readBatch(db: Db, q: QueueAddress, id: string): Promise<BatchRow> {
  if (!/^\d+$/.test(id)) throw new QueueUsageError(`expected a batch id (a whole number, as printed by cassino batch --queue), not "${id}"`);
  await requireSchema(db, q);
  const r = await db.query(`SELECT * FROM "${q.schema}".batches WHERE id = $1`, [id]);
  if (!r.rows.length) throw new QueueUsageError(`the queue at ${q.shown} has no batch ${id}`);
  return r.rows[0] as BatchRow;
}
