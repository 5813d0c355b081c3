// Runs scenario seeds in a worker thread and collects their hashes.
import { Worker } from 'node:worker_threads';

export interface WorkerRun { seed: string; hash: string; turnHashes: string[] }

export function runInWorker(scenario: string, seeds: string[], turns?: number): Promise<WorkerRun[]> {
  return new Promise((resolve, reject) => {
    const out: WorkerRun[] = [];
    const w = new Worker(new URL('./bootstrap.mjs', import.meta.url), {
      workerData: { module: new URL('./run-worker.ts', import.meta.url).href, job: { scenario, seeds, turns } },
    });
    w.on('message', (m) => {
      if (m.done) { void w.terminate(); resolve(out); } else out.push(m as WorkerRun);
    });
    w.on('error', reject);
    w.on('exit', (code) => { if (code !== 0 && code !== 1) reject(new Error(`worker exited with code ${code}`)); });
  });
}
