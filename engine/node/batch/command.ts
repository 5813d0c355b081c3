// `cassino batch <scenario> --runs N [--seed S] [--workers W] --out DIR [--resume]`: plays seeds
// S..S+N-1 on W worker threads and writes runs.jsonl, summary.json, runs.csv, runs.parquet (and
// its long tables) and report.html.
//
// runs.jsonl is appended as runs finish (one line per run, unsorted), so an interrupted batch
// keeps every finished run; at the end (also after Ctrl-C) it is put in seed order, line by line,
// into a temporary file renamed over it (./lines.ts). The sorted file depends only on the scenario,
// the model and the seeds, not on the number of workers or the order runs finished in. The other
// outputs come from one pass over it (./digest.ts). The folder is locked while the batch writes
// it (./lock.ts), and the batch reports success only when that pass found every seed's line.
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError } from '../../core/data-error.ts';
import type { Fingerprint } from '../../core/batch-files.ts';
import { displayPath, loadContext, readWhatIf, scenarioPath } from '../files.ts';
import { compareFromColumns, compareLayout } from '../compare-pairs.ts';
import type { CompareResult } from '../compare-result.ts';
import { buildCompareHtml } from '../compare-html.ts';
import { describeMismatch, fingerprintOf } from '../provenance.ts';
import { type ColumnLayout, RunColumns } from './columns.ts';
import { digestRuns } from './digest.ts';
import { type BatchMeta, batchMeta } from './figures.ts';
import { settleRuns, slotOf } from './lines.ts';
import { FolderLockedError, type HeldLock, lockFolder } from './lock.ts';
import { type BatchManifest, MANIFEST_FORMAT, readManifest, seedRange } from './manifest.ts';
import { cannot, makeOutputDir, OutputError, StreamedFile, writeOutput } from './output.ts';
import { PARQUET_FILES, ParquetOutput } from './parquet.ts';
import { PoolError, prepareWorkers, runPool } from './pool.ts';
import { Progress } from './progress.ts';
import { buildReportHtml } from './report-html.ts';
import { columnsFor, csvHeader, csvRow, summaryFromColumns } from './summary.ts';
import { QUEUE_BATCH_HELP } from '../distributed/help.ts';

export const BATCH_SUMMARY = 'run many seeds of a scenario on worker threads and summarise them';
export const BATCH_USAGE = 'cassino batch <scenario> --runs N [--seed S] [--workers W] [--whatif FILE [--baseline DIR]] [--params FILE] [--no-plan] --out DIR [--resume]';
export const BATCH_HELP = `Plays a scenario with seeds S, S+1, ..., S+N-1 on worker threads and writes into DIR:
  runs.jsonl    one line per run, sorted by seed: seed, stateHash, turns, outcome (holder of each
                objective at the end, and when it changed hands), losses per side, per formation
                (corps, division, brigade, regiment) and per documented target window, and the
                men lost per side in each turn; a run that failed is a line {"seed", "error"}
  summary.json  mean, median, 10th and 90th percentile of every loss figure, the share of runs in
                which each side holds each objective, failed runs
  runs.csv      one row per run, one column per figure and per objective holder
  runs.parquet  the same, typed, with the fingerprint in its metadata; runs-formations.parquet
                (seed, formation, men) and runs-turns.parquet (seed, turn, side, men)
  report.html   charts (loss distributions with the documented figures, objective shares, losses
                over time); a single file that opens from disk
  batch.json    the scenario, version, seed range, what-if, parameters, plan and the fingerprint of
                what made the runs (engine code, scenario, parameters, what-if, Node), checked by
                --resume and --baseline

Arguments:
  scenario              a scenario id from scenarios/ or a file path
Options:
  --runs N              number of runs (seeds); optional with --resume
  --seed S              first seed, a whole number (default 1)
  --workers W           worker threads (default: this machine's ${availableParallelism()} cores)
  --whatif FILE         apply a what-if file (JSON or YAML) to every run; the runs are recorded
                        as usual and batch.json and summary.json name the what-if
  --params FILE         play other model parameters (as cassino calibrate --params)
  --no-plan             no historical plan: the doctrine AI decides for both sides
  --baseline DIR        with --whatif: a finished batch of the historical plan of the same scenario
                        holding every seed of this one; report.html then compares the two (paired
                        by seed, as cassino compare) and compare.json and compare.html are written
  --out DIR             the folder to write into (created if needed)
  --resume              continue the batch in DIR: plays only the seeds not yet in runs.jsonl;
                        refused if DIR holds another scenario, version, seed range or what-if,
                        or runs of another model (another fingerprint), or if another batch
                        is writing DIR (batch.lock)

Results do not depend on --workers. Ctrl-C stops the batch keeping every finished run; continue it
with --resume. Exit codes: 0 all runs succeeded, 1 some runs failed (recorded in runs.jsonl and
counted in summary.json), 2 bad input or usage, 130 interrupted.

${QUEUE_BATCH_HELP}`;

export class BatchUsageError extends Error {}

/** Every run finished, yet runs.jsonl lacks some seeds: the batch must not report success. */
export class BatchIncompleteError extends Error {}

/** Summaries are built from columns of the runs, not their lines; this bounds a batch's memory. */
export const MAX_RUNS = 1_000_000;

export interface BatchOptions {
  scenario: string;
  /** Path of a what-if file applied to every run. */
  whatIf?: string;
  /** Path of a parameter file applied to every run (after the what-if's parameters). */
  params?: string;
  /** No historical plan: the doctrine AI plays both sides. */
  noPlan?: boolean;
  /** With whatIf: the folder of a historical batch to compare with (paired by seed). */
  baseline?: string;
  /** Required unless resuming. */
  runs?: number;
  /** First seed (canonical whole number); default 1 or the manifest's. */
  seed?: string;
  workers: number;
  out: string;
  resume: boolean;
  /** Show progress on stderr (bar on a terminal, lines otherwise). */
  progress: boolean;
  /** Stops the batch (as Ctrl-C does). */
  signal?: AbortSignal;
  /** Called after each finished run has been written. */
  onRun?: () => void;
}

export interface BatchResult {
  manifest: BatchManifest;
  /** Runs on disk at the end (finished, including failed). */
  runs: number;
  failed: number;
  failedSeeds: string[];
  /** Runs played by this call. */
  played: number;
  interrupted: boolean;
  elapsedMs: number;
  workers: number;
  /** Notes for the user (a cut-short line dropped, a stale lock taken over). */
  notes: string[];
}

export const OUTPUT_FILES = ['runs.jsonl', 'summary.json', 'runs.csv', ...PARQUET_FILES, 'report.html'] as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What a batch is of, loaded and fingerprinted before anything is written. */
interface Prepared {
  file: string;
  whatIfFile?: string;
  paramsFile?: string;
  ctx: ReturnType<typeof loadContext>;
  whatIf?: ReturnType<typeof readWhatIf>;
  fingerprint: Fingerprint;
  out: string;
  shownDir: string;
  runsFile: string;
  manifestFile: string;
}

async function prepare(o: BatchOptions): Promise<Prepared> {
  const file = scenarioPath(o.scenario);
  void prepareWorkers(); // bundled while the scenario loads
  const whatIfFile = o.whatIf !== undefined ? resolve(o.whatIf) : undefined;
  const paramsFile = o.params !== undefined ? resolve(o.params) : undefined;
  const opts = { ...(whatIfFile !== undefined ? { whatIf: whatIfFile } : {}), ...(paramsFile !== undefined ? { params: paramsFile } : {}) };
  const ctx = loadContext(file, opts);
  const whatIf = whatIfFile !== undefined ? readWhatIf(whatIfFile) : undefined;
  const fingerprint = await fingerprintOf({ scenario: file, ...opts, ...(o.noPlan ? { noPlan: true } : {}) });
  const out = resolve(o.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new BatchUsageError(`--out ${displayPath(out)} is a file, not a folder`);
  return {
    file, ...(whatIfFile !== undefined ? { whatIfFile } : {}), ...(paramsFile !== undefined ? { paramsFile } : {}), ctx, ...(whatIf ? { whatIf } : {}),
    fingerprint, out, shownDir: displayPath(out), runsFile: join(out, 'runs.jsonl'), manifestFile: join(out, 'batch.json'),
  };
}

/** A resumed folder must hold this very batch: same scenario, map, seeds and fingerprint. */
function checkResume(p: Prepared, o: BatchOptions, m: BatchManifest): void {
  const { ctx, shownDir } = p;
  const sc = ctx.scenario;
  const mine = `${m.seeds.count} runs from seed ${m.seeds.first} of ${m.scenario.id} v${m.scenario.version}`;
  if (m.scenario.id !== sc.id || m.scenario.version !== sc.version) {
    throw new BatchUsageError(`cannot resume: ${shownDir} holds ${mine}, not scenario ${sc.id} v${sc.version} (use another --out)`);
  }
  if (m.map.id !== ctx.map.data.id || m.map.version !== ctx.map.data.version) {
    throw new BatchUsageError(`cannot resume: ${shownDir} holds runs on map ${m.map.id} v${m.map.version}, but ${sc.id} now uses ${ctx.map.data.id} v${ctx.map.data.version} (use another --out)`);
  }
  const whatIfId = p.whatIf?.whatIf.id;
  if (m.whatIf?.id !== whatIfId) {
    const had = m.whatIf ? `what-if ${m.whatIf.id}` : 'no what-if';
    throw new BatchUsageError(`cannot resume: ${shownDir} holds runs with ${had}, not ${whatIfId !== undefined ? `what-if ${whatIfId}` : 'no what-if'} (${m.whatIf ? `add --whatif ${m.whatIf.file}` : 'leave out --whatif'}, or use another --out)`);
  }
  if ((o.runs !== undefined && o.runs !== m.seeds.count) || (o.seed !== undefined && o.seed !== m.seeds.first)) {
    throw new BatchUsageError(`cannot resume: ${shownDir} holds ${mine}, not ${o.runs ?? m.seeds.count} runs from seed ${o.seed ?? m.seeds.first} (leave out --runs and --seed, or use another --out)`);
  }
  if (!m.provenance) throw new BatchUsageError(`cannot resume: ${shownDir} was written before batches recorded what made their runs (no fingerprint in batch.json); start it again in another --out`);
  const differs = describeMismatch(m.provenance, p.fingerprint);
  if (differs) throw new BatchUsageError(`cannot resume ${shownDir}: ${differs} (runs of two models must not be mixed; use another --out)`);
}

/** Locks the folder and reads (resume) or writes (new batch) its manifest. */
function openFolder(p: Prepared, o: BatchOptions): { manifest: BatchManifest; lock: HeldLock } {
  if (o.resume && !existsSync(p.manifestFile)) throw new BatchUsageError(`there is no batch to resume in ${p.shownDir} (no batch.json); start one without --resume`);
  if (!o.resume && o.runs === undefined) throw new BatchUsageError('--runs N is required (the number of seeds to play)');
  makeOutputDir(p.out);
  const lock = lockFolder(p.out);
  try {
    if (o.resume) {
      const manifest = readManifest(p.manifestFile);
      checkResume(p, o, manifest);
      return { manifest, lock };
    }
    if (existsSync(p.manifestFile) || existsSync(p.runsFile)) {
      throw new BatchUsageError(`${p.shownDir} already holds a batch; add --resume to continue it, or choose another --out`);
    }
    const sc = p.ctx.scenario;
    const manifest: BatchManifest = {
      format: MANIFEST_FORMAT, version: 1,
      scenario: { id: sc.id, version: sc.version, file: displayPath(p.file) },
      map: { id: p.ctx.map.data.id, version: p.ctx.map.data.version },
      seeds: { first: o.seed ?? '1', count: o.runs! },
      ...(p.whatIf ? { whatIf: { id: p.whatIf.whatIf.id, name: p.whatIf.whatIf.name, file: p.whatIf.file } } : {}),
      ...(p.paramsFile !== undefined ? { params: { file: displayPath(p.paramsFile) } } : {}),
      plan: o.noPlan ? 'none' : 'historical',
      provenance: p.fingerprint,
    };
    writeOutput(p.manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    return { manifest, lock };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** Plays the seeds runs.jsonl lacks, appending a line per finished run. */
async function playSeeds(p: Prepared, o: BatchOptions, m: BatchManifest, notes: string[]): Promise<{ played: number; aborted: boolean; workers: number }> {
  // Sorted and cleaned first (a line cut short by a kill is dropped), so appends never follow a partial line.
  const idx = settleRuns(p.runsFile, m.seeds);
  if (idx.droppedPartial) notes.push(`the last line of ${displayPath(p.runsFile)} was cut short (a run being written when the batch stopped); that run is played again`);
  const first = BigInt(m.seeds.first);
  const todo: string[] = [];
  for (let slot = 0; slot < m.seeds.count; slot++) if (idx.offsets[slot] < 0) todo.push(String(first + BigInt(slot)));
  const workers = Math.max(1, Math.min(o.workers, todo.length || 1));
  let played = 0;
  let failedNow = 0;
  const progress = o.progress && todo.length
    ? new Progress({ total: todo.length, before: idx.count, all: m.seeds.count, tty: process.stderr.isTTY === true, write: (t) => { if (process.stderr.isTTY) process.stderr.write(t); else console.error(t.replace(/\n$/, '')); } })
    : undefined;
  let fd: number;
  try { fd = openSync(p.runsFile, 'a'); } catch (e) { throw cannot('write', p.runsFile, e); }
  // A write that fails stops the pool (a throw in its callback would escape the promise).
  const stop = new AbortController();
  let writeError: Error | undefined;
  try {
    const outcome = await runPool({
      scenario: p.file, ...(p.whatIfFile !== undefined ? { whatIf: p.whatIfFile } : {}), ...(p.paramsFile !== undefined ? { params: p.paramsFile } : {}),
      ...(o.noPlan ? { noPlan: true } : {}), seeds: todo, workers, signal: o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal,
      onResult: (r) => {
        if (writeError) return;
        try { writeSync(fd, r.line + '\n'); } catch (e) { writeError = cannot('write', p.runsFile, e); stop.abort(); return; }
        played++;
        if (r.failed) failedNow++;
        progress?.update(played, idx.failed + failedNow);
        o.onRun?.();
      },
    });
    if (writeError) throw writeError;
    return { played, aborted: outcome.aborted, workers };
  } catch (e) {
    if (e instanceof PoolError) throw new DataError(displayPath(p.file), [{ path: '', message: e.message }]);
    throw e;
  } finally {
    closeSync(fd);
    progress?.finish();
  }
}

/** The batch itself, without argument parsing or printing of the result (used by the bench too). */
export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const t0 = performance.now();
  const p = await prepare(o);
  // A new batch's baseline is checked before anything is written into --out.
  const early = o.baseline !== undefined && !o.resume && o.runs !== undefined ? await readBaseline(o.baseline, p, { first: o.seed ?? '1', count: o.runs }, o) : undefined;
  const { manifest, lock } = openFolder(p, o);
  const notes = lock.tookOver ? [lock.tookOver] : [];
  try {
    const baseline = o.baseline !== undefined ? (early ?? await readBaseline(o.baseline, p, manifest.seeds, o)) : undefined;
    const play = await playSeeds(p, o, manifest, notes);
    settleRuns(p.runsFile, manifest.seeds);
    const { cols } = writeBatchOutputs(p, manifest, baseline);
    const interrupted = play.aborted && cols.runs < manifest.seeds.count;
    if (!interrupted && cols.runs < manifest.seeds.count) throw incomplete(p, manifest, cols);
    return {
      manifest, runs: cols.runs, failed: cols.failedSeeds.length, failedSeeds: cols.failedSeeds, played: play.played,
      interrupted, elapsedMs: performance.now() - t0, workers: play.workers, notes,
    };
  } finally {
    lock.release();
  }
}

function incomplete(p: Prepared, m: BatchManifest, cols: RunColumns): BatchIncompleteError {
  const missing = m.seeds.count - cols.runs;
  const slot = cols.state.indexOf(0);
  return new BatchIncompleteError(`${displayPath(p.runsFile)} lacks ${plural(missing, 'seed')} of the batch (first: ${BigInt(m.seeds.first) + BigInt(slot)}) although every run finished: another process wrote into the folder; continue with --resume`);
}

/** A historical batch to compare with, read into columns of the comparison's layout. */
interface Baseline { meta: BatchMeta; layout: ColumnLayout; cols: RunColumns; fingerprint: Fingerprint }

/** The historical batch a what-if batch is compared with: same model, no what-if, every seed. */
async function readBaseline(dir: string, p: Prepared, seeds: { first: string; count: number }, o: BatchOptions): Promise<Baseline> {
  if (!p.whatIf) throw new BatchUsageError('--baseline compares a what-if batch with a historical one: give --whatif FILE too');
  const base = resolve(dir);
  const shown = displayPath(base);
  if (!existsSync(join(base, 'batch.json'))) throw new BatchUsageError(`--baseline ${shown} holds no batch (no batch.json)`);
  const m = readManifest(join(base, 'batch.json'));
  const sc = p.ctx.scenario;
  if (m.scenario.id !== sc.id || m.scenario.version !== sc.version) throw new BatchUsageError(`--baseline ${shown} holds scenario ${m.scenario.id} v${m.scenario.version}, not ${sc.id} v${sc.version}`);
  if (m.whatIf) throw new BatchUsageError(`--baseline ${shown} holds runs with what-if ${m.whatIf.id}; it must be a batch of the historical plan`);
  const expected = await fingerprintOf({ scenario: p.file, ...(p.paramsFile !== undefined ? { params: p.paramsFile } : {}), ...(o.noPlan ? { noPlan: true } : {}) });
  if (!m.provenance) throw new BatchUsageError(`--baseline ${shown} was written before batches recorded what made their runs (no fingerprint); play it again`);
  const differs = describeMismatch(m.provenance, expected);
  if (differs) throw new BatchUsageError(`--baseline ${shown} was made by another model: ${differs} (pairing runs of two models voids the comparison)`);
  const meta = batchMeta(loadContext(p.file).scenario);
  const layout = compareLayout(meta, batchMeta(sc));
  const cols = new RunColumns(seeds.count, layout);
  const first = BigInt(seeds.first);
  digestRuns(join(base, 'runs.jsonl'), m.seeds, (_slot, line) => {
    const mine = slotOf(line.seed, first, seeds.count);
    if (mine >= 0) cols.add(mine, line);
  });
  if (cols.runs < seeds.count) {
    const missing = String(first + BigInt(cols.state.indexOf(0)));
    throw new BatchUsageError(`--baseline ${shown} lacks ${seeds.count - cols.runs} of this batch's seeds (first: ${missing}); run it with the same --seed and --runs`);
  }
  return { meta, layout, cols, fingerprint: m.provenance };
}

/** summary.json, runs.csv, the Parquet files, report.html (and the comparison) in one pass over runs.jsonl. */
function writeBatchOutputs(p: Prepared, m: BatchManifest, baseline: Baseline | undefined): { cols: RunColumns } {
  const meta: BatchMeta = { ...batchMeta(p.ctx.scenario), ...(m.whatIf ? { whatIf: { id: m.whatIf.id, name: m.whatIf.name } } : {}) };
  const cols = columnsFor(meta, m.seeds.count);
  const csv = new StreamedFile(join(p.out, 'runs.csv'));
  let parquet: ParquetOutput | undefined;
  try {
    parquet = new ParquetOutput(p.out, meta, p.fingerprint);
    csv.write(csvHeader(meta));
    digestRuns(p.runsFile, m.seeds, (slot, line) => {
      cols.add(slot, line);
      csv.write(csvRow(meta, line));
      parquet!.add(line);
    });
    csv.commit();
    parquet.commit();
  } catch (e) {
    csv.abort();
    parquet?.abort();
    throw e;
  }
  const summary = summaryFromColumns(meta, m.seeds, cols, p.fingerprint);
  writeOutput(join(p.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  const comparison = baseline ? writeComparison(p, m, baseline) : undefined;
  writeOutput(join(p.out, 'report.html'), buildReportHtml(meta, summary, cols, comparison));
  return { cols };
}

function writeComparison(p: Prepared, m: BatchManifest, baseline: Baseline): CompareResult {
  const w = p.whatIf!;
  const cols = new RunColumns(m.seeds.count, baseline.layout);
  digestRuns(p.runsFile, m.seeds, (slot, line) => cols.add(slot, line));
  const comparison = compareFromColumns(
    baseline.meta, batchMeta(p.ctx.scenario), { id: w.whatIf.id, name: w.whatIf.name, file: w.file, note: w.whatIf.note, source: w.whatIf.source },
    seedRange(m.seeds.first, m.seeds.count), baseline.cols, cols, { historical: baseline.fingerprint, whatIf: p.fingerprint },
  );
  writeOutput(join(p.out, 'compare.json'), JSON.stringify(comparison, null, 2) + '\n');
  writeOutput(join(p.out, 'compare.html'), buildCompareHtml(comparison));
  return comparison;
}

function wholeNumber(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) throw new BatchUsageError(`--${name} expects a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

export async function batchCommand(argv: string[]): Promise<number> {
  try {
    return await batchMain(argv);
  } catch (e) {
    if (e instanceof DataError) {
      for (const line of e.message.split('\n')) console.error(`error: ${line}`);
      return 2;
    }
    if (e instanceof OutputError || e instanceof FolderLockedError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof BatchIncompleteError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    if (e instanceof BatchUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // parseArgs may add hints on further lines; one sentence is enough.
      console.error(`error: ${(e as Error).message.split('\n')[0]}`);
      console.error(`usage: ${BATCH_USAGE}`);
      return 2;
    }
    throw e;
  }
}

async function batchMain(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: ${BATCH_USAGE}\n\n${BATCH_HELP}\n  --help                show this help`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      runs: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' },
      resume: { type: 'boolean' }, whatif: { type: 'string' }, baseline: { type: 'string' }, params: { type: 'string' }, 'no-plan': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new BatchUsageError(positionals.length ? `expected one scenario, got ${positionals.length}: ${positionals.join(' ')}` : 'expected a scenario (an id from scenarios/ or a file path)');
  const runs = wholeNumber(values.runs, 'runs', 1);
  if (runs !== undefined && runs > MAX_RUNS) throw new BatchUsageError(`--runs expects at most ${MAX_RUNS.toLocaleString('en-US')} runs per batch, not ${runs}`);
  if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new BatchUsageError(`--seed expects a whole number (seeds are S, S+1, ...), not "${values.seed}"`);
  const seed = values.seed === undefined ? undefined : String(BigInt(values.seed));
  const workers = wholeNumber(values.workers, 'workers', 1) ?? availableParallelism();
  if (!values.out) throw new BatchUsageError('--out DIR is required (the folder to write runs.jsonl, summary.json, runs.csv and report.html into)');

  const controller = new AbortController();
  // Test hook: stop after this many runs of this session, as Ctrl-C would.
  const stopAfter = process.env.CASSINO_BATCH_STOP_AFTER ? Number(process.env.CASSINO_BATCH_STOP_AFTER) : NaN;
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130); // finished runs are already in runs.jsonl; the exit releases the lock
    console.error('\ninterrupted: stopping the batch (finished runs are kept; Ctrl-C again to quit at once)');
    controller.abort();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const sig of signals) process.on(sig, onSignal);
  let r: BatchResult;
  try {
    let seen = 0;
    const signal = controller.signal;
    r = await runBatch({
      scenario: positionals[0], ...(values.whatif !== undefined ? { whatIf: values.whatif } : {}), ...(values.params !== undefined ? { params: values.params } : {}),
      ...(values['no-plan'] ? { noPlan: true } : {}), ...(values.baseline !== undefined ? { baseline: values.baseline } : {}), runs, seed, workers, out: values.out, resume: values.resume ?? false, progress: true, signal,
      ...(Number.isInteger(stopAfter) ? { onRun: () => { if (++seen >= stopAfter) controller.abort(); } } : {}),
    });
  } finally {
    for (const sig of signals) process.off(sig, onSignal);
  }
  for (const note of r.notes) console.error(`note: ${note}`);
  const m = r.manifest;
  const last = String(BigInt(m.seeds.first) + BigInt(m.seeds.count) - 1n);
  const dir = displayPath(resolve(values.out));
  const rate = r.played && r.elapsedMs > 0 ? `, ${(r.played / (r.elapsedMs / 1000)).toFixed(1)} runs/s on ${plural(r.workers, 'worker')}` : '';
  console.log(`${m.scenario.id} v${m.scenario.version}, seeds ${m.seeds.first}-${last}: ${r.runs} of ${plural(m.seeds.count, 'run')} done (${r.played} now, in ${(r.elapsedMs / 1000).toFixed(1)} s${rate}), ${r.failed} failed; written to ${dir}: ${OUTPUT_FILES.join(', ')}`);
  if (r.interrupted) {
    console.error(`error: the batch was interrupted after ${r.runs} of ${plural(m.seeds.count, 'run')}; continue it with: cassino batch ${positionals[0]}${values.whatif !== undefined ? ` --whatif ${values.whatif}` : ''}${values.params !== undefined ? ` --params ${values.params}` : ''}${values['no-plan'] ? ' --no-plan' : ''} --out ${dir} --resume`);
    return 130;
  }
  if (r.failed) {
    const list = r.failedSeeds.slice(0, 10).join(', ') + (r.failed > 10 ? ', …' : '');
    console.error(`error: ${r.failed} of ${plural(r.runs, 'run')} failed (seed${r.failed === 1 ? '' : 's'} ${list}); their errors are in ${displayPath(join(resolve(values.out), 'runs.jsonl'))}`);
    return 1;
  }
  return 0;
}
