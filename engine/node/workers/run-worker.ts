// Plays scenarios in a worker thread and posts back each run's seed and final state hash. Used by
// the determinism tests (and the base of batch runs): a hash computed here must equal the main
// thread's for the same scenario, seed and actions.
import { parentPort, workerData } from 'node:worker_threads';
import { runGame } from '../../core/run.ts';
import { loadContext } from '../files.ts';

interface Job { scenario: string; seeds: string[]; turns?: number }

const job = workerData.job as Job;
const ctx = loadContext(job.scenario);
for (const seed of job.seeds) {
  const r = runGame(ctx, { seed, turns: job.turns, recordActions: false });
  parentPort!.postMessage({ seed, hash: r.finalHash, turnHashes: r.state.turnHashes });
}
parentPort!.postMessage({ done: true });
