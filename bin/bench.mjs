#!/usr/bin/env node
// `npm run bench`: registers tsx and runs the benchmarks — one turn and one whole run of every
// scenario (engine/node/bench.ts), then batch throughput at 1 and 2 workers
// (engine/node/batch/bench.ts) in a node started with --single-threaded-gc, as `cassino batch`
// is (bin/cassino.mjs). Both write their section of BENCHMARKS.md.
//
//   npm run bench [-- scenario...] [--no-write] [--no-batch]
//   node --single-threaded-gc bin/bench.mjs --batch-only [batch bench options]
//   npm run bench:scale -- [scenario] --runs N [--workers W] [--write]   (peak memory of one batch)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const args = process.argv.slice(2);
if (args.includes('--scale')) {
  const { scaleBench } = await import('../engine/node/batch/scale-bench.ts');
  process.exitCode = await scaleBench(args.filter((a) => a !== '--scale'));
} else if (args.includes('--batch-only')) {
  const { batchBench } = await import('../engine/node/batch/bench.ts');
  process.exitCode = await batchBench(args.filter((a) => a !== '--batch-only'));
} else {
  const { bench } = await import('../engine/node/bench.ts');
  process.exitCode = await bench(args.filter((a) => a !== '--no-batch'));
  if (process.exitCode === 0 && !args.includes('--no-batch')) {
    const batchArgs = ['--batch-only', ...(args.includes('--no-write') ? ['--no-write'] : [])];
    const r = spawnSync(process.execPath, ['--single-threaded-gc', fileURLToPath(import.meta.url), ...batchArgs], { stdio: 'inherit' });
    process.exitCode = r.status ?? 1;
  }
}
