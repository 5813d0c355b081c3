// A pool of worker threads playing the seeds of a batch. Each worker (started from a bundle of
// its modules, ../workers/script.ts) loads the scenario once and gets one seed at a time, so fast
// and slow runs balance out; only each run's runs.jsonl line comes back. A worker that dies
// mid-run (an uncaught error, process.exit, out of memory) costs only the seed it was playing:
// that seed is reported as failed and a fresh worker takes over the remaining seeds.
import type { Worker } from 'node:worker_threads';
import { type WorkerScript, startWorker, workerScript } from '../workers/script.ts';
import type { FromWorker, WorkerJob } from './worker.ts';
import { errorLine } from './record.ts';

export interface PoolResult { seed: string; line: string; failed: boolean }

export interface PoolOptions {
  /** Absolute path of the scenario file. */
  scenario: string;
  /** Absolute path of a what-if file applied to every run. */
  whatIf?: string;
  /** Absolute path of a parameter file applied to every run (engine/node/files.ts readParamsFile). */
  params?: string;
  /** The doctrine AI plays both sides (no historical plan). */
  noPlan?: boolean;
  seeds: string[];
  workers: number;
  onResult: (r: PoolResult) => void;
  /** Aborting stops handing out seeds and terminates the workers; runs in flight are dropped. */
  signal?: AbortSignal;
}

export interface PoolOutcome { completed: number; aborted: boolean }

const WORKER_ENTRY = new URL('./worker.ts', import.meta.url);

/** Starts building the workers' script (once per process), so that it is ready when the pool starts. */
export function prepareWorkers(): Promise<WorkerScript> {
  return workerScript(WORKER_ENTRY);
}

export class PoolError extends Error {}

export function runPool(opts: PoolOptions): Promise<PoolOutcome> {
  return new Promise((resolve, reject) => {
    const queue = [...opts.seeds];
    const live = new Set<Worker>();
    let completed = 0;
    let settled = false;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      for (const w of live) void w.terminate();
      live.clear();
      if (err) reject(err);
      else resolve({ completed, aborted: opts.signal?.aborted ?? false });
    };
    const onAbort = (): void => finish();
    if (opts.signal?.aborted) { finish(); return; }
    opts.signal?.addEventListener('abort', onAbort);

    let script: WorkerScript;
    const spawn = (): void => {
      const job: WorkerJob = { scenario: opts.scenario, ...(opts.whatIf !== undefined ? { whatIf: opts.whatIf } : {}), ...(opts.params !== undefined ? { params: opts.params } : {}), ...(opts.noPlan ? { noPlan: true } : {}) };
      const w = startWorker(script, { job });
      live.add(w);
      let current: string | undefined;
      let gone = false;
      let ready = false;
      const next = (): void => {
        current = queue.shift();
        if (current === undefined) {
          live.delete(w);
          gone = true;
          void w.terminate();
          if (live.size === 0) finish();
        } else {
          w.postMessage({ seed: current });
        }
      };
      w.on('message', (m: FromWorker) => {
        if (settled) return;
        if ('ready' in m) { ready = true; next(); return; }
        if ('fatal' in m) { gone = true; live.delete(w); finish(new PoolError(m.fatal)); return; }
        current = undefined;
        completed++;
        opts.onResult({ seed: m.seed, line: m.line, failed: m.failed });
        if (!settled) next();
      });
      const died = (why: string): void => {
        if (gone || settled) return;
        gone = true;
        live.delete(w);
        if (!ready) {
          // It never got as far as loading the scenario: a broken setup, not a bad run.
          finish(new PoolError(`a batch worker could not start (${why})`));
          return;
        }
        if (current !== undefined) {
          completed++;
          opts.onResult({ seed: current, line: JSON.stringify(errorLine(current, `the worker playing this run stopped (${why})`)), failed: true });
        }
        if (settled) return;
        if (queue.length > 0) spawn();
        else if (live.size === 0) finish();
      };
      w.on('error', (e) => died(e.message.split('\n')[0]));
      w.on('exit', (code) => died(`exit code ${code}`));
    };

    const n = Math.max(1, Math.min(opts.workers, queue.length));
    if (queue.length === 0) { finish(); return; }
    void prepareWorkers().then((s) => {
      script = s;
      if (settled) return;
      for (let i = 0; i < n; i++) spawn();
    });
  });
}
