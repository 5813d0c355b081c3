// A pool of worker threads playing the seeds of a batch. Each thread (thread.ts, started from a
// bundle of its modules, ../workers/script.ts) loads the scenario once and gets one seed at a time,
// so fast and slow runs balance out; only each run's runs.jsonl line comes back. A thread that dies
// mid-run costs only the seed it was playing: that seed is reported as failed and a fresh thread
// takes over the remaining seeds.
import { BatchThread, PoolError, type PoolResult, prepareWorkers } from './thread.ts';
import type { WorkerJob } from './worker.ts';

export { PoolError, type PoolResult, prepareWorkers };

export interface PoolOptions {
  /** Absolute path of the scenario file. */
  scenario: string;
  /** Absolute path of a what-if file applied to every run. */
  whatIf?: string;
  /** Absolute path of a parameter file applied to every run (engine/node/files.ts readParamsFile). */
  params?: string;
  /** The doctrine AI plays both sides (no historical plan). */
  noPlan?: boolean;
  /** Also sum each run's losses on this scenario's formation tree (WorkerJob.tree). */
  tree?: { whatIf?: string };
  /** Each run's line carries its trace (WorkerJob.explain). */
  explain?: boolean;
  seeds: string[];
  workers: number;
  onResult: (r: PoolResult) => void;
  /** Aborting stops handing out seeds and terminates the workers; runs in flight are dropped. */
  signal?: AbortSignal;
}

export interface PoolOutcome { completed: number; aborted: boolean }

/** What a thread loads: the scenario with the batch's what-if and parameters, and who plays. */
export function jobOf(o: Omit<WorkerJob, 'explain'> & { explain?: boolean }): WorkerJob {
  return {
    scenario: o.scenario, ...(o.whatIf !== undefined ? { whatIf: o.whatIf } : {}), ...(o.params !== undefined ? { params: o.params } : {}),
    ...(o.noPlan ? { noPlan: true } : {}), ...(o.tree ? { tree: o.tree } : {}), ...(o.explain ? { explain: true } : {}),
  };
}

export function runPool(opts: PoolOptions): Promise<PoolOutcome> {
  const queue = [...opts.seeds];
  if (opts.signal?.aborted || queue.length === 0) return Promise.resolve({ completed: 0, aborted: opts.signal?.aborted ?? false });
  const job = jobOf(opts);
  const threads = Array.from({ length: Math.max(1, Math.min(opts.workers, queue.length)) }, () => new BatchThread(job));
  let completed = 0;
  let settled = false;
  return new Promise((resolve, reject) => {
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      for (const t of threads) t.close();
      if (err) reject(err);
      else resolve({ completed, aborted: opts.signal?.aborted ?? false });
    };
    const onAbort = (): void => finish();
    opts.signal?.addEventListener('abort', onAbort);
    const lane = async (t: BatchThread): Promise<void> => {
      for (let seed = queue.shift(); seed !== undefined && !settled; seed = queue.shift()) {
        const r = await t.play(seed);
        if (settled || !r) return;
        completed++;
        opts.onResult(r);
      }
      t.close(); // nothing left for it: its core goes to the others' last runs
    };
    Promise.all(threads.map(lane)).then(() => finish(), (e: Error) => finish(e));
  });
}
