// `cassino worker URL`: claims seed ranges from the queue and plays them on batch worker threads
// (engine/node/batch/thread.ts), one range per thread at a time, delivering each run as it
// finishes. Each of the W lanes keeps its thread warm from one range to the next (a new one only
// for a batch of other files, or after a range was given up). It exits when the open batches have no unfinished range left (ranges other workers
// hold count as unfinished: their leases may expire and are then taken over), or with --wait keeps
// polling for new batches. A worker whose fingerprint differs from a batch's refuses to join it.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { scenarioPath } from '../files.ts';
import { jobOf } from '../batch/pool.ts';
import { BatchThread, PoolError, prepareWorkers } from '../batch/thread.ts';
import { describeMismatch, fingerprintOf } from '../provenance.ts';
import { type Db, type QueueOptions, QueueError, oneLine, readBatch, requireSchema } from './db.ts';
import { deliverRun } from './deliver.ts';
import { claimJob, finishJob, type Job, releaseJob, renewLease, unfinishedJobs } from './lease.ts';
import type { QueueAddress } from './queue-url.ts';

export interface WorkerOptions {
  threads: number;
  leaseSeconds: number;
  wait: boolean;
  /** Only this batch's ranges. */
  batch?: string;
  signal?: AbortSignal;
  log: (line: string) => void;
}

export interface WorkerResult { id: string; ranges: number; runs: number; failed: number; problems: string[]; refused?: string; stopped: boolean }

/** A worker that will not play a batch: its files or code differ from the planner's. */
export class RefusedError extends Error {}

interface Playable { scenario: string; whatIf?: string; params?: string; noPlan?: boolean }

const sleep = (ms: number, signal?: AbortSignal): Promise<void> => new Promise((res) => {
  const t = setTimeout(done, ms);
  function done(): void { clearTimeout(t); signal?.removeEventListener('abort', done); res(); }
  signal?.addEventListener('abort', done);
});

/** Test hook: a pause after each delivered run, so that a test can kill a worker in the middle of a range. */
const deliveryDelayMs = Number(process.env.CASSINO_WORKER_DELIVERY_DELAY_MS ?? 0) || 0;

async function join(db: Db, q: QueueAddress, batchId: string): Promise<Playable> {
  const b = await readBatch(db, q, batchId);
  const o: QueueOptions = b.options;
  let why: string | null;
  try {
    why = describeMismatch(b.fingerprint, await fingerprintOf(o));
  } catch (e) {
    why = `made with files this worker cannot load: ${oneLine(e)}`;
  }
  if (why !== null) throw new RefusedError(`this worker refuses to join batch ${batchId}: the batch was ${why}`);
  return {
    scenario: scenarioPath(o.scenario),
    ...(o.whatIf !== undefined ? { whatIf: resolve(o.whatIf) } : {}),
    ...(o.params !== undefined ? { params: resolve(o.params) } : {}),
    ...(o.noPlan ? { noPlan: true } : {}),
  };
}

export async function runWorker(db: Db, q: QueueAddress, o: WorkerOptions): Promise<WorkerResult> {
  await requireSchema(db, q);
  if (o.batch !== undefined) await readBatch(db, q, o.batch); // a mistyped id is said, not taken for a finished batch
  void prepareWorkers();
  const s = `"${q.schema}"`;
  const res: WorkerResult = { id: `${hostname()}:${process.pid}`, ranges: 0, runs: 0, failed: 0, problems: [], stopped: false };
  await db.query(
    `INSERT INTO ${s}.workers (id, host, pid, threads) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET started_at = now(), last_seen = now(), runs = 0, state = 'working', threads = $4`,
    [res.id, hostname(), process.pid, o.threads],
  );
  const joined = new Map<string, Promise<Playable>>();
  const quit = new AbortController();
  const onStop = (): void => quit.abort();
  o.signal?.addEventListener('abort', onStop);
  const lanes: LaneContext[] = Array.from({ length: o.threads }, () => ({ db, q, o, res, joined, quit: quit.signal }));
  try {
    await Promise.all(lanes.map((c) => lane(c).catch((e) => { quit.abort(); throw e; })));
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    res.refused = e.message;
  } finally {
    for (const c of lanes) c.thread?.close();
    o.signal?.removeEventListener('abort', onStop);
    await db.query(`UPDATE ${s}.workers SET state = $2, last_seen = now() WHERE id = $1`, [res.id, res.refused ? 'refused' : 'gone']).catch(() => {});
  }
  res.stopped = o.signal?.aborted ?? false;
  return res;
}

interface LaneContext {
  db: Db; q: QueueAddress; o: WorkerOptions; res: WorkerResult; joined: Map<string, Promise<Playable>>; quit: AbortSignal;
  /** The lane's thread, kept from range to range while the files it loaded stay the same. */
  thread?: BatchThread; threadKey?: string;
}

/** The lane's thread for these files: the warm one when it loaded the same, else a new one. */
function threadFor(c: LaneContext, files: Playable): BatchThread {
  const key = JSON.stringify(jobOf(files));
  if (c.thread && c.threadKey === key) return c.thread;
  c.thread?.close();
  c.threadKey = key;
  return (c.thread = new BatchThread(jobOf(files)));
}

/** One thread's loop: claim a range, play it, until nothing is left (or the worker stops). */
async function lane(c: LaneContext): Promise<void> {
  const { db, q, o } = c;
  const pollMs = Math.min(1000, (o.leaseSeconds * 1000) / 4);
  while (!c.quit.aborted) {
    const job = await claimJob(db, q.schema, c.res.id, o.leaseSeconds, o.batch);
    if (!job) {
      if (!o.wait && (await unfinishedJobs(db, q.schema, o.batch)) === 0) return;
      // Seen while waiting too, so that status can tell a waiting worker from a dead one.
      await db.query(`UPDATE "${q.schema}".workers SET last_seen = now() WHERE id = $1`, [c.res.id]);
      await sleep(pollMs, c.quit);
      continue;
    }
    let playable = c.joined.get(job.batchId);
    if (!playable) { playable = join(db, q, job.batchId); c.joined.set(job.batchId, playable); }
    let files: Playable;
    try {
      files = await playable;
    } catch (e) {
      await releaseJob(db, q.schema, job, c.res.id);
      throw e;
    }
    await playRange(c, job, files);
  }
}

async function playRange(c: LaneContext, job: Job, files: Playable): Promise<void> {
  const { db, q, o, res } = c;
  const thread = threadFor(c, files);
  const stop = new AbortController();
  // Giving the range up drops the run in play at once: the thread goes, the next range starts a new one.
  const onQuit = (): void => stop.abort();
  const onStop = (): void => thread.close();
  c.quit.addEventListener('abort', onQuit);
  stop.signal.addEventListener('abort', onStop);
  let cancelled = false;
  const renew = setInterval(() => {
    renewLease(db, q.schema, job, res.id, o.leaseSeconds).then((open) => { if (!open) { cancelled = true; stop.abort(); } }, () => {});
  }, (o.leaseSeconds * 1000) / 3);
  let delivered = Promise.resolve();
  let deliveryError: unknown;
  let runs = 0;
  try {
    for (let i = 0; i < job.count && !stop.signal.aborted; i++) {
      const r = await thread.play(String(BigInt(job.seedFirst) + BigInt(i)));
      if (!r || stop.signal.aborted) break;
      // Delivered while the next run plays; a failed delivery ends the range.
      delivered = delivered.then(async () => {
        if (deliveryError !== undefined) return;
        const d = await deliverRun(db, q.schema, job.batchId, res.id, r);
        runs++;
        if (r.failed) res.failed++;
        if (d.message) { res.problems.push(d.message); o.log(`NONDETERMINISM in batch ${job.batchId}: ${d.message}`); }
        if (deliveryDelayMs) await sleep(deliveryDelayMs);
      }).catch((e: unknown) => { deliveryError ??= e; stop.abort(); });
    }
    await delivered;
    if (deliveryError !== undefined) throw deliveryError;
  } catch (e) {
    await releaseJob(db, q.schema, job, res.id).catch(() => {});
    if (e instanceof PoolError) throw new QueueError(`batch ${job.batchId}: ${e.message}`);
    throw e;
  } finally {
    clearInterval(renew);
    c.quit.removeEventListener('abort', onQuit);
    stop.signal.removeEventListener('abort', onStop);
  }
  res.runs += runs;
  await db.query(`UPDATE "${q.schema}".workers SET runs = runs + $2, last_seen = now() WHERE id = $1`, [res.id, runs]);
  if (stop.signal.aborted) {
    if (!cancelled) await releaseJob(db, q.schema, job, res.id);
    return;
  }
  await finishJob(db, q.schema, job, res.id);
  res.ranges++;
  const last = String(BigInt(job.seedFirst) + BigInt(job.count - 1));
  o.log(`batch ${job.batchId}: seeds ${job.seedFirst}-${last} done (${runs} runs${job.attempts > 1 ? `, attempt ${job.attempts}: a lease had expired` : ''})`);
}
