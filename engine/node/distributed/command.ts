// Argument parsing and printing of the distributed batch: `cassino worker URL` and the queue forms
// of `cassino batch` (planning with --queue, collect, status, cancel).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataError } from '../../core/data-error.ts';
import { displayPath } from '../files.ts';
import { OUTPUT_FILES } from '../batch/command.ts';
import { collectBatch, CollectRefused } from './collect.ts';
import { type Db, openQueue, QueueError, oneLine } from './db.ts';
import { QUEUE_BATCH_USAGE, WORKER_USAGE } from './help.ts';
import { planBatch } from './plan.ts';
import { parseQueueUrl, type QueueAddress, QueueUsageError } from './queue-url.ts';
import { batchStatus, cancelBatch, formatStatus } from './status.ts';
import { RefusedError, runWorker } from './worker.ts';

/** The batch subcommands that work on a batch already on the queue. */
const QUEUE_SUBCOMMANDS = new Set(['collect', 'status', 'cancel']);

function wholeNumber(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) throw new QueueUsageError(`--${name} expects a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

/** Runs `body` with the queue open, and turns every error into one printed sentence and an exit code. */
async function withQueue(url: string | undefined, usage: string, body: (db: Db, q: QueueAddress) => Promise<number>, connections = 4): Promise<number> {
  let db: Db | undefined;
  let q: QueueAddress | undefined;
  try {
    q = parseQueueUrl(url);
    db = await openQueue(q, connections);
    return await body(db, q);
  } catch (e) {
    return report(e, usage, q);
  } finally {
    await db?.end().catch(() => {});
  }
}

function report(e: unknown, usage: string, q?: QueueAddress): number {
  if (e instanceof DataError) {
    for (const line of e.message.split('\n')) console.error(`error: ${line}`);
    return 2;
  }
  if (e instanceof QueueUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`error: ${(e as Error).message.split('\n')[0]}`);
    console.error(`usage: ${usage}`);
    return 2;
  }
  if (e instanceof CollectRefused) { console.error(`error: ${e.message}`); return 1; }
  if (e instanceof QueueError || e instanceof RefusedError) { console.error(`error: ${e.message}`); return 2; }
  // Anything else from PostgreSQL (a dropped connection, a revoked right): one sentence.
  const fromQueue = e instanceof pg.DatabaseError || /^E[A-Z]+$/.test((e as { code?: string }).code ?? '');
  console.error(`error: ${fromQueue ? `the queue${q ? ` at ${q.shown}` : ''} failed: ` : ''}${oneLine(e)}`);
  return 2;
}

/** `cassino batch …` with --queue, or `cassino batch collect|status|cancel ID --queue URL`. */
export async function queueBatchCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        queue: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, whatif: { type: 'string' }, params: { type: 'string' },
        'no-plan': { type: 'boolean' }, 'range-size': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
      },
    });
  } catch (e) {
    return report(e, QUEUE_BATCH_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.queue === undefined) return report(new QueueUsageError('--queue URL is required (the PostgreSQL queue the batch is on)'), QUEUE_BATCH_USAGE);
  const sub = positionals[0];
  if (QUEUE_SUBCOMMANDS.has(sub)) {
    return withQueue(values.queue, QUEUE_BATCH_USAGE, async (db, q) => {
      if (positionals.length !== 2) throw new QueueUsageError(`expected one batch id after ${sub}`);
      const id = positionals[1];
      if (sub === 'collect') return collect(db, q, id, values.out);
      if (sub === 'cancel') {
        const c = await cancelBatch(db, q, id);
        console.log(`batch ${id} ${c.was === 'cancelled' ? 'was already' : 'is'} cancelled (${c.done} of ${c.ranges} ranges done); workers stop playing it at their next lease renewal`);
        return 0;
      }
      const st = await batchStatus(db, q, id);
      console.log(values.json ? JSON.stringify(st, null, 2) : formatStatus(st));
      return 0;
    });
  }
  return withQueue(values.queue, QUEUE_BATCH_USAGE, async (db, q) => plan(db, q, positionals, values));
}

async function collect(db: Db, q: QueueAddress, id: string, out: string | undefined): Promise<number> {
  if (!out) throw new QueueUsageError('--out DIR is required (the folder to write runs.jsonl, summary.json, runs.csv and report.html into)');
  const c = await collectBatch(db, q, id, out);
  const all = c.batch.runs;
  console.log(`batch ${id}: ${c.runs} of ${all} runs collected, ${c.failed} failed; written to ${displayPath(c.out)}: ${[...OUTPUT_FILES, 'batch.json'].join(', ')}`);
  if (c.runs < all) {
    console.error(`error: batch ${id} is not finished: ${all - c.runs} of ${all} runs are missing (${c.batch.status === 'cancelled' ? 'it was cancelled' : 'collect again once the workers are done'})`);
    return 1;
  }
  return c.failed ? 1 : 0;
}

type PlanValues = { runs?: string; seed?: string; whatif?: string; params?: string; 'no-plan'?: boolean; 'range-size'?: string };

async function plan(db: Db, q: QueueAddress, positionals: string[], v: PlanValues): Promise<number> {
  if (positionals.length !== 1) throw new QueueUsageError(positionals.length ? `expected one scenario, got ${positionals.length}: ${positionals.join(' ')}` : 'expected a scenario (an id from scenarios/ or a file path)');
  const runs = wholeNumber(v.runs, 'runs', 1);
  if (runs === undefined) throw new QueueUsageError('--runs N is required (the number of seeds to play)');
  if (v.seed !== undefined && !/^\d+$/.test(v.seed)) throw new QueueUsageError(`--seed expects a whole number (seeds are S, S+1, ...), not "${v.seed}"`);
  const rangeSize = wholeNumber(v['range-size'], 'range-size', 1);
  const p = await planBatch(db, q, {
    scenario: positionals[0], runs, seed: String(BigInt(v.seed ?? '1')),
    ...(v.whatif !== undefined ? { whatIf: v.whatif } : {}), ...(v.params !== undefined ? { params: v.params } : {}),
    ...(v['no-plan'] ? { noPlan: true } : {}),
    ...(rangeSize !== undefined ? { rangeSize } : {}),
  });
  const m = p.manifest;
  const last = String(BigInt(m.seeds.first) + BigInt(runs - 1));
  const timing = p.runSeconds !== undefined ? ` (one run took ${p.runSeconds.toFixed(2)} s)` : '';
  console.log(`batch ${p.id} planned: ${m.scenario.id} v${m.scenario.version}, seeds ${m.seeds.first}-${last} in ${p.ranges} range${p.ranges === 1 ? '' : 's'} of ${p.rangeSize}${timing}, on ${q.shown}`);
  console.log(`play it with: cassino worker ${q.shown}   (then: cassino batch collect ${p.id} --queue ${q.shown} --out DIR)`);
  return 0;
}

/** `cassino worker URL [--workers W] [--lease S] [--batch ID] [--wait]`. */
export async function workerCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { workers: { type: 'string' }, lease: { type: 'string' }, batch: { type: 'string' }, wait: { type: 'boolean' } } });
  } catch (e) {
    return report(e, WORKER_USAGE);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return report(new QueueUsageError(`expected one queue address, got ${positionals.length}`), WORKER_USAGE);
  let threads: number;
  try {
    threads = wholeNumber(values.workers, 'workers', 1) ?? 1;
  } catch (e) {
    return report(e, WORKER_USAGE);
  }
  // A connection per thread (each delivers its runs as they finish) and one for the polling.
  return withQueue(positionals[0], WORKER_USAGE, async (db, q) => {
    const leaseSeconds = wholeNumber(values.lease, 'lease', 1) ?? 60;
    if (values.batch !== undefined && !/^\d+$/.test(values.batch)) throw new QueueUsageError(`--batch expects a batch id (a whole number), not "${values.batch}"`);
    const stop = new AbortController();
    const onSignal = (): void => { console.error('\ninterrupted: handing the ranges in play back to the queue'); stop.abort(); };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const t0 = performance.now();
    try {
      const r = await runWorker(db, q, { threads, leaseSeconds, wait: values.wait ?? false, ...(values.batch !== undefined ? { batch: values.batch } : {}), signal: stop.signal, log: (l) => console.error(l) });
      if (r.refused) { console.error(`error: ${r.refused}`); return 2; }
      console.log(`worker ${r.id}: ${r.ranges} range${r.ranges === 1 ? '' : 's'}, ${r.runs} runs (${r.failed} failed) in ${((performance.now() - t0) / 1000).toFixed(1)} s${r.stopped ? '; interrupted' : '; no range left'}`);
      if (r.problems.length) { console.error(`error: NONDETERMINISM: ${r.problems.length} seed${r.problems.length === 1 ? '' : 's'} came back with another state hash than before (recorded on the batch): ${r.problems[0]}`); return 1; }
      return r.stopped ? 130 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }, threads + 2);
}
