// `cassino batch <scenario> --runs N [--seed S] [--whatif F] [--params F] --queue URL`: plans a
// batch on the queue (a batch row with the fingerprint and the options, the seed ranges as jobs)
// and plays nothing but one timing run; workers (`cassino worker URL`) play the ranges.
import { resolve } from 'node:path';
import { runGame } from '../../core/run.ts';
import { displayPath, loadContext, readWhatIf, scenarioPath } from '../files.ts';
import { MANIFEST_FORMAT, type BatchManifest } from '../batch/manifest.ts';
import { fingerprintOf } from '../provenance.ts';
import { type Db, ensureSchema, type QueueOptions } from './db.ts';
import type { QueueAddress } from './queue-url.ts';

export interface PlanOptions extends QueueOptions {
  runs: number;
  /** First seed, a canonical whole number. */
  seed: string;
  /** Seeds per job; chosen from a timing run when absent. */
  rangeSize?: number;
}

export interface Planned { id: string; ranges: number; rangeSize: number; manifest: BatchManifest; runSeconds?: number }

/**
 * A range is what a killed worker loses and what a lease guards: about TARGET_JOB_SECONDS of play,
 * long enough that claiming and finishing it (a few queries) is nothing beside its runs (a worker
 * keeps its threads warm from range to range); split into at least MIN_RANGES ranges so that
 * several workers share a batch evenly, while a range keeps at least MIN_JOB_SECONDS of play. The
 * time of a run comes from one cold run, so ranges come out shorter than TARGET_JOB_SECONDS.
 */
const TARGET_JOB_SECONDS = 20;
const MIN_JOB_SECONDS = 5;
const MIN_RANGES = 8;

export function chooseRangeSize(runs: number, runSeconds: number): number {
  const t = Math.max(runSeconds, 1e-3);
  const bySpeed = Math.max(1, Math.round(TARGET_JOB_SECONDS / t));
  if (Math.ceil(runs / bySpeed) >= MIN_RANGES) return bySpeed;
  return Math.max(1, Math.min(runs, bySpeed, Math.max(Math.ceil(runs / MIN_RANGES), Math.round(MIN_JOB_SECONDS / t))));
}

/** Where a worker finds a file: ids stay ids, paths are shown from the planner's folder (workers start in the same project folder). */
function storedPath(p: string): string {
  return /[\\/]/.test(p) || /\.(json|ya?ml)$/i.test(p) ? displayPath(resolve(p)) : p;
}

function timeOneRun(ctx: ReturnType<typeof loadContext>, seed: string): number {
  const t0 = performance.now();
  runGame(ctx, { seed, recordActions: false });
  return (performance.now() - t0) / 1000;
}

export async function planBatch(db: Db, q: QueueAddress, o: PlanOptions): Promise<Planned> {
  const options: QueueOptions = {
    scenario: storedPath(o.scenario),
    ...(o.whatIf !== undefined ? { whatIf: displayPath(resolve(o.whatIf)) } : {}),
    ...(o.params !== undefined ? { params: displayPath(resolve(o.params)) } : {}),
    ...(o.noPlan ? { noPlan: true } : {}),
  };
  const file = scenarioPath(o.scenario);
  const ctx = loadContext(file, { ...(o.whatIf !== undefined ? { whatIf: o.whatIf } : {}), ...(o.params !== undefined ? { params: o.params } : {}) });
  const whatIf = o.whatIf !== undefined ? readWhatIf(o.whatIf) : undefined;
  const manifest: BatchManifest = {
    format: MANIFEST_FORMAT, version: 1,
    scenario: { id: ctx.scenario.id, version: ctx.scenario.version, file: displayPath(file) },
    map: { id: ctx.map.data.id, version: ctx.map.data.version },
    seeds: { first: o.seed, count: o.runs },
    ...(whatIf ? { whatIf: { id: whatIf.whatIf.id, name: whatIf.whatIf.name, file: whatIf.file } } : {}),
  };
  const fingerprint = await fingerprintOf(options);
  const runSeconds = o.rangeSize === undefined ? timeOneRun(ctx, o.seed) : undefined;
  const rangeSize = o.rangeSize ?? chooseRangeSize(o.runs, runSeconds!);
  await ensureSchema(db, q.schema);
  const s = `"${q.schema}"`;
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    const b = await c.query(
      `INSERT INTO ${s}.batches (options, fingerprint, manifest, seed_first, runs, range_size) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [options, fingerprint, manifest, o.seed, o.runs, rangeSize],
    );
    const id = String(b.rows[0].id);
    const jobs = await c.query(
      `INSERT INTO ${s}.jobs (batch_id, idx, seed_first, count)
       SELECT $1::bigint, i, $2::numeric + i * $3::int, LEAST($3::int, $4::int - i * $3::int)
       FROM generate_series(0, ($4::int + $3::int - 1) / $3::int - 1) AS i`,
      [id, o.seed, rangeSize, o.runs],
    );
    await c.query('COMMIT');
    return { id, ranges: jobs.rowCount ?? 0, rangeSize, manifest, ...(runSeconds !== undefined ? { runSeconds } : {}) };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
