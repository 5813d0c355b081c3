// Usage and help of the distributed batch (kept apart from the code so that the command table
// does not load the PostgreSQL client).
export const WORKER_SUMMARY = 'play the seed ranges of batches planned on a PostgreSQL queue';
export const WORKER_USAGE = 'cassino worker postgres://… [--workers W] [--lease S] [--batch ID] [--wait]';
export const WORKER_HELP = `Claims seed ranges of the open batches on the queue (planned with cassino batch --queue), plays
them on W worker threads and stores one row per run on the queue. Start it in the project folder
the batch was planned from: it loads the batch's scenario, what-if and parameter files from there,
and refuses to join a batch whose fingerprint (engine code, scenario, parameters, what-if, Node
version) differs from its own, saying what differs. It exits when no range of the open batches is
left unfinished.

Arguments:
  postgres://…          the queue: a PostgreSQL connection string; ?schema=NAME picks the
                        installation's schema (default cassino)
Options:
  --workers W           worker threads, each playing one range at a time (default 1)
  --lease S             seconds a claimed range is held without renewal (default 60; renewed
                        every S/3 s while it plays). A worker killed mid-range loses nothing: when
                        its lease expires, another worker plays the range again
  --batch ID            play only this batch's ranges
  --wait                do not exit when no range is left: keep polling for new batches

Delivery is at least once: a seed played twice must come back with the same state hash; a
difference is recorded on the batch (collect then refuses it) and the worker exits 1.
Ctrl-C hands the ranges in play back at once. Exit codes: 0 done, 1 nondeterminism found,
2 bad usage, refused batch or unreachable queue, 130 interrupted.`;

export const QUEUE_BATCH_USAGE = `cassino batch <scenario> --runs N [--seed S] [--whatif FILE] [--params FILE] [--range-size K] --queue URL
       cassino batch collect ID --queue URL --out DIR
       cassino batch status ID --queue URL [--json]
       cassino batch cancel ID --queue URL`;

export const QUEUE_BATCH_HELP = `Distributed batch on PostgreSQL (--queue URL, a PostgreSQL connection string):
  cassino batch <scenario> --runs N ... --queue URL
                        plans the batch on the queue: its options and fingerprint, and its seeds
                        in ranges of K (--range-size; default: about 20 s of play each, from one
                        timed run, and at least 8 ranges); prints the batch id. Workers
                        (cassino worker URL) play the ranges
  cassino batch collect ID --queue URL --out DIR
                        writes the batch's runs.jsonl (byte for byte what a local batch of the
                        same seeds writes), summary.json, runs.csv, report.html and batch.json;
                        exit 1 while runs are missing; refused if a seed came back twice with
                        different state hashes
  cassino batch status ID --queue URL [--json]
                        ranges done, running and pending, runs, failures, workers at work
  cassino batch cancel ID --queue URL
                        workers stop playing the batch at their next lease renewal`;

/** Whether `cassino batch` arguments are for a batch on a queue: planning one (--queue), or collect, status or cancel. */
export function isQueueBatch(argv: string[]): boolean {
  return argv.some((a) => a === '--queue' || a.startsWith('--queue=')) || ['collect', 'status', 'cancel'].includes(argv[0]);
}
