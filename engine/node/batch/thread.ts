// One batch worker thread, kept alive across seeds: it loads its scenario once and plays the seeds
// it is given one at a time. A local batch's pool (pool.ts) holds one per core for the whole batch;
// `cassino worker` (../distributed/worker.ts) holds one per lane across the ranges it claims, so
// that a range does not pay for a thread's start and cold JIT (a warm battle-4 run takes a quarter
// of a cold one). A thread that dies mid-run (an uncaught error, process.exit, out of memory) costs
// only that seed, reported as failed; the next seed starts a fresh thread.
import type { Worker } from 'node:worker_threads';
import { type WorkerScript, startWorker, workerScript } from '../workers/script.ts';
import type { FromWorker, WorkerJob } from './worker.ts';
import { errorLine } from './record.ts';

export interface PoolResult { seed: string; line: string; failed: boolean }

/** The batch cannot be played at all: a worker could not load its scenario, what-if or parameters. */
export class PoolError extends Error {}

const WORKER_ENTRY = new URL('./worker.ts', import.meta.url);

/** Starts building the workers' script (once per process), so that it is ready when the first thread starts. */
export function prepareWorkers(): Promise<WorkerScript> {
  return workerScript(WORKER_ENTRY);
}

interface Live {
  worker: Worker;
  /** Settles when the thread has loaded its scenario (rejects with a PoolError when it cannot) or is closed. */
  ready: Promise<void>;
  started: () => void;
  /** The seed in play and who waits for it. */
  run?: { seed: string; done: (r: PoolResult | undefined) => void };
  /** Dead or closed: no more seeds. */
  gone: boolean;
  closed: boolean;
}

export class BatchThread {
  private live: Promise<Live> | undefined;

  constructor(readonly job: WorkerJob) {}

  /**
   * Plays one seed. Resolves with its runs.jsonl line (a failed line when the thread died in the
   * run), or undefined when the thread was closed meanwhile (the run is dropped); rejects with a
   * PoolError when a thread cannot start.
   */
  async play(seed: string): Promise<PoolResult | undefined> {
    const p = this.live ?? (this.live = this.start());
    const t = await p;
    await t.ready;
    if (t.closed) return undefined;
    if (t.gone) {
      // It died between two runs: a fresh thread plays this one.
      if (this.live === p) this.live = undefined;
      return this.play(seed);
    }
    return new Promise((done) => {
      t.run = { seed, done };
      t.worker.postMessage({ seed });
    });
  }

  /** Ends the thread; a run in play resolves as undefined. The next play starts a new thread. */
  close(): void {
    const p = this.live;
    this.live = undefined;
    void p?.then((t) => {
      t.gone = true;
      t.closed = true;
      t.started();
      const run = t.run;
      t.run = undefined;
      run?.done(undefined);
      void t.worker.terminate();
    });
  }

  private async start(): Promise<Live> {
    const script = await prepareWorkers();
    const worker = startWorker(script, { job: this.job });
    let refused: (e: Error) => void = () => {};
    const t: Live = { worker, gone: false, closed: false, started: () => {}, ready: Promise.resolve() };
    t.ready = new Promise<void>((res, rej) => { t.started = res; refused = rej; });
    t.ready.catch(() => {}); // play awaits it; a thread closed before anyone did leaves no unhandled rejection
    let ready = false;
    worker.on('message', (m: FromWorker) => {
      if (t.gone) return;
      if ('ready' in m) { ready = true; t.started(); return; }
      if ('fatal' in m) { t.gone = true; refused(new PoolError(m.fatal)); return; }
      const run = t.run;
      t.run = undefined;
      run?.done({ seed: m.seed, line: m.line, failed: m.failed });
    });
    const died = (why: string): void => {
      if (t.gone) return;
      t.gone = true;
      // One that never got as far as loading the scenario is a broken setup, not a bad run.
      if (!ready) { refused(new PoolError(`a batch worker could not start (${why})`)); return; }
      const run = t.run;
      t.run = undefined;
      run?.done({ seed: run.seed, line: JSON.stringify(errorLine(run.seed, `the worker playing this run stopped (${why})`)), failed: true });
    };
    worker.on('error', (e) => died(e.message.split('\n')[0]));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return t;
  }
}
