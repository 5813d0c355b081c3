// Worker-thread side of a batch (started by ../workers/script.ts): loads the scenario
// once, then plays each seed the pool sends and posts back only that run's runs.jsonl line (no
// states, no action log: runs are played with recordActions: false).
//
// Test hooks, read once when the worker starts:
//   CASSINO_BATCH_FAIL_SEED=3,7   the runs of these seeds throw (recorded as error lines)
//   CASSINO_BATCH_CRASH_SEED=5    the worker running this seed exits abruptly (a crashed worker)
import { parentPort, workerData } from 'node:worker_threads';
import { aiController } from '../../core/controllers.ts';
import { runGame } from '../../core/run.ts';
import { summarise } from '../../core/report.ts';
import { loadContext } from '../files.ts';
import { errorLine, runLine } from './record.ts';
import { snapshot, traceRun, type TurnSnapshot } from '../compare-trace.ts';
import type { GameState } from '../../core/types.ts';

/** noPlan: the doctrine AI decides for both sides (batch --no-plan), as `cassino run --no-plan`. */
/**
 * tree: the losses are also summed on the formation tree of the scenario with this what-if (or none):
 * the other arm of a comparison (../compare-tree.ts). explain: each line carries the run's trace
 * (../compare-trace.ts) for compare --explain.
 */
export interface WorkerJob { scenario: string; whatIf?: string; params?: string; noPlan?: boolean; tree?: { whatIf?: string }; explain?: boolean }
export type ToWorker = { seed: string };
export type FromWorker = { ready: true } | { seed: string; line: string; failed: boolean } | { fatal: string };

const port = parentPort!;
const job = (workerData as { job: WorkerJob }).job;
const seedList = (v: string | undefined): Set<string> => new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const failSeeds = seedList(process.env.CASSINO_BATCH_FAIL_SEED);
const crashSeeds = seedList(process.env.CASSINO_BATCH_CRASH_SEED);

let ctx: ReturnType<typeof loadContext>;
let tree: ReturnType<typeof loadContext>['scenario'] | undefined;
try {
  ctx = loadContext(job.scenario, { ...(job.whatIf !== undefined ? { whatIf: job.whatIf } : {}), ...(job.params !== undefined ? { params: job.params } : {}) });
  if (job.tree) tree = loadContext(job.scenario, job.tree.whatIf !== undefined ? { whatIf: job.tree.whatIf } : {}).scenario;
  port.postMessage({ ready: true } satisfies FromWorker);
} catch (e) {
  port.postMessage({ fatal: (e as Error).message ?? String(e) } satisfies FromWorker);
  process.exit(1);
}

port.on('message', (m: ToWorker) => {
  const seed = m.seed;
  if (crashSeeds.has(seed)) process.exit(3);
  let line: string;
  let failed = false;
  try {
    if (failSeeds.has(seed)) throw new Error(`injected failure for seed ${seed} (CASSINO_BATCH_FAIL_SEED)`);
    const snaps: TurnSnapshot[] = [];
    const r = runGame(ctx, {
      seed, recordActions: false, ...(job.noPlan ? { controllers: { allied: aiController(), german: aiController() } } : {}),
      ...(job.explain ? { onTurnEnd: (s: GameState) => void snaps.push(snapshot(s)) } : {}),
    });
    const run = runLine(ctx, summarise(ctx, r.state, seed, r.objectives, r.finalHash, r.checks), tree);
    // compare --explain: the run's sector events go back with its line (compare-trace.ts).
    line = JSON.stringify(job.explain ? { ...run, trace: traceRun(ctx, r.state, snaps) } : run);
  } catch (e) {
    failed = true;
    line = JSON.stringify(errorLine(seed, e));
  }
  port.postMessage({ seed, line, failed } satisfies FromWorker);
});
