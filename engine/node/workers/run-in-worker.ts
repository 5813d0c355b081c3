// Runs scenario seeds in a worker thread and collects their hashes.
import { type WorkerScript, startWorker, throughTsx, workerScript } from './script.ts';

export interface WorkerRun { seed: string; hash: string; turnHashes: string[] }

const ENTRY = new URL('./run-worker.ts', import.meta.url);

/** The worker starts as batch workers do (from the bundle), or with `start: 'tsx'` through bootstrap.mjs. */
export async function runInWorker(scenario: string, seeds: string[], turns?: number, start: 'bundle' | 'tsx' = 'bundle'): Promise<WorkerRun[]> {
  const script: WorkerScript = start === 'tsx' ? throughTsx(ENTRY) : await workerScript(ENTRY);
  return new Promise((resolve, reject) => {
    const out: WorkerRun[] = [];
    const w = startWorker(script, { job: { scenario, seeds, turns } });
    w.on('message', (m) => {
      if (m.done) { void w.terminate(); resolve(out); } else out.push(m as WorkerRun);
    });
    w.on('error', reject);
    w.on('exit', (code) => { if (code !== 0 && code !== 1) reject(new Error(`worker exited with code ${code}`)); });
  });
}
