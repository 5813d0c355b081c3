// `cassino batch <scenario> --runs N [--seed S] [--workers W] --out DIR [--resume]`: plays seeds
// S..S+N-1 on W worker threads and writes runs.jsonl, summary.json, runs.csv and report.html.
//
// runs.jsonl is written as runs finish (one appended line per run, unsorted), so an interrupted
// batch keeps every finished run; at the end (also after Ctrl-C) the file is rewritten sorted by
// seed, numerically, atomically (temp file + rename). The sorted file depends only on the
// scenario and the seeds, not on the number of workers or the order runs finished in.
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError } from '../../core/data-error.ts';
import { displayPath, loadContext, readWhatIf, scenarioPath, writeFileAtomic } from '../files.ts';
import { type BatchManifest, MANIFEST_FORMAT, readManifest, readRunLines, seedRange, sortLines, type StoredLine } from './manifest.ts';
import { PoolError, prepareWorkers, runPool } from './pool.ts';
import { Progress } from './progress.ts';
import { type BatchLine, isErrorLine } from './record.ts';
import { buildReportHtml } from './report-html.ts';
import { type CompareResult, compareFromLines } from '../compare.ts';
import { buildCompareHtml } from '../compare-html.ts';
import type { Scenario } from '../../core/scenario.ts';
import { batchMeta, buildCsv, buildSummary, okLines } from './summary.ts';
import { QUEUE_BATCH_HELP } from '../distributed/help.ts';

export const BATCH_SUMMARY = 'run many seeds of a scenario on worker threads and summarise them';
export const BATCH_USAGE = 'cassino batch <scenario> --runs N [--seed S] [--workers W] [--whatif FILE [--baseline DIR]] --out DIR [--resume]';
export const BATCH_HELP = `Plays a scenario with seeds S, S+1, ..., S+N-1 on worker threads and writes into DIR:
  runs.jsonl    one line per run, sorted by seed: seed, stateHash, turns, outcome (holder of each
                objective at the end, and when it changed hands), losses per side, per formation
                (corps, division, brigade, regiment) and per documented target window, and the
                men lost per side in each turn; a run that failed is a line {"seed", "error"}
  summary.json  mean, median, 10th and 90th percentile of every loss figure, the share of runs in
                which each side holds each objective, failed runs
  runs.csv      one row per run, one column per figure and per objective holder
  report.html   charts (loss distributions with the documented figures, objective shares, losses
                over time); a single file that opens from disk
  batch.json    the scenario, version, seed range and what-if, checked by --resume

Arguments:
  scenario              a scenario id from scenarios/ or a file path
Options:
  --runs N              number of runs (seeds); optional with --resume
  --seed S              first seed, a whole number (default 1)
  --workers W           worker threads (default: this machine's ${availableParallelism()} cores)
  --whatif FILE         apply a what-if file (JSON or YAML) to every run; the runs are recorded
                        as usual and batch.json and summary.json name the what-if
  --baseline DIR        with --whatif: a finished batch of the historical plan of the same scenario
                        holding every seed of this one; report.html then compares the two (paired
                        by seed, as cassino compare) and compare.json and compare.html are written
  --out DIR             the folder to write into (created if needed)
  --resume              continue the batch in DIR: plays only the seeds not yet in runs.jsonl;
                        refused if DIR holds another scenario, version, seed range or what-if

Results do not depend on --workers. Ctrl-C stops the batch keeping every finished run; continue it
with --resume. Exit codes: 0 all runs succeeded, 1 some runs failed (recorded in runs.jsonl and
counted in summary.json), 2 bad input or usage, 130 interrupted.

${QUEUE_BATCH_HELP}`;

export class BatchUsageError extends Error {}

/** The summary is built in memory from all the runs' lines: keep a batch within reason. */
export const MAX_RUNS = 1_000_000;

export interface BatchOptions {
  scenario: string;
  /** Path of a what-if file applied to every run. */
  whatIf?: string;
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
}

export const OUTPUT_FILES = ['runs.jsonl', 'summary.json', 'runs.csv', 'report.html'] as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The batch itself, without argument parsing or printing of the result (used by the bench too). */
export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const t0 = performance.now();
  const file = scenarioPath(o.scenario);
  void prepareWorkers(); // bundled while the scenario loads
  const whatIfFile = o.whatIf !== undefined ? resolve(o.whatIf) : undefined;
  const ctx = loadContext(file, whatIfFile !== undefined ? { whatIf: whatIfFile } : {});
  const whatIf = whatIfFile !== undefined ? readWhatIf(whatIfFile) : undefined;
  const whatIfRef = whatIf ? { id: whatIf.whatIf.id, name: whatIf.whatIf.name, file: whatIf.file } : undefined;
  const sc = ctx.scenario;
  // A new batch's baseline is checked before anything is written into --out.
  const checkedBaseline = o.baseline !== undefined && !o.resume && o.runs !== undefined
    ? readBaseline(o.baseline, sc, seedRange(o.seed ?? '1', o.runs), whatIfRef !== undefined) : undefined;
  const out = resolve(o.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new BatchUsageError(`--out ${displayPath(out)} is a file, not a folder`);
  const manifestFile = join(out, 'batch.json');
  const runsFile = join(out, 'runs.jsonl');
  const shownDir = displayPath(out);

  let manifest: BatchManifest;
  if (o.resume) {
    if (!existsSync(manifestFile)) throw new BatchUsageError(`there is no batch to resume in ${shownDir} (no batch.json); start one without --resume`);
    manifest = readManifest(manifestFile);
    const m = manifest;
    const mine = `${m.seeds.count} runs from seed ${m.seeds.first} of ${m.scenario.id} v${m.scenario.version}`;
    if (m.scenario.id !== sc.id || m.scenario.version !== sc.version) {
      throw new BatchUsageError(`cannot resume: ${shownDir} holds ${mine}, not scenario ${sc.id} v${sc.version} (use another --out)`);
    }
    if (m.map.id !== ctx.map.data.id || m.map.version !== ctx.map.data.version) {
      throw new BatchUsageError(`cannot resume: ${shownDir} holds runs on map ${m.map.id} v${m.map.version}, but ${sc.id} now uses ${ctx.map.data.id} v${ctx.map.data.version} (use another --out)`);
    }
    if (m.whatIf?.id !== whatIfRef?.id) {
      const had = m.whatIf ? `what-if ${m.whatIf.id}` : 'no what-if';
      throw new BatchUsageError(`cannot resume: ${shownDir} holds runs with ${had}, not ${whatIfRef ? `what-if ${whatIfRef.id}` : 'no what-if'} (${m.whatIf ? `add --whatif ${m.whatIf.file}` : 'leave out --whatif'}, or use another --out)`);
    }
    if ((o.runs !== undefined && o.runs !== m.seeds.count) || (o.seed !== undefined && o.seed !== m.seeds.first)) {
      throw new BatchUsageError(`cannot resume: ${shownDir} holds ${mine}, not ${o.runs ?? m.seeds.count} runs from seed ${o.seed ?? m.seeds.first} (leave out --runs and --seed, or use another --out)`);
    }
  } else {
    if (o.runs === undefined) throw new BatchUsageError('--runs N is required (the number of seeds to play)');
    if (existsSync(manifestFile) || existsSync(runsFile)) {
      throw new BatchUsageError(`${shownDir} already holds a batch; add --resume to continue it, or choose another --out`);
    }
    manifest = {
      format: MANIFEST_FORMAT, version: 1,
      scenario: { id: sc.id, version: sc.version, file: displayPath(file) },
      map: { id: ctx.map.data.id, version: ctx.map.data.version },
      seeds: { first: o.seed ?? '1', count: o.runs },
      ...(whatIfRef ? { whatIf: whatIfRef } : {}),
    };
    mkdirSync(out, { recursive: true });
    writeFileAtomic(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  }

  const seeds = seedRange(manifest.seeds.first, manifest.seeds.count);
  const seedSet = new Set(seeds);
  const baseline = o.baseline !== undefined ? (checkedBaseline ?? readBaseline(o.baseline, sc, seeds, whatIfRef !== undefined)) : undefined;
  // What is on disk (resume): sorted and cleaned (a line cut short by a kill is dropped) before
  // appending, so that appends never follow a partial line.
  const existing = readRunLines(runsFile, seedSet);
  if (existing.droppedPartial && o.progress) console.error(`note: the last line of ${displayPath(runsFile)} was cut short (a run being written when the batch stopped); that run is played again`);
  const stored = sortLines(existing.lines);
  writeFileAtomic(runsFile, stored.map((l) => l.text + '\n').join(''));
  const have = new Set(stored.map((l) => l.seed));
  const todo = seeds.filter((s) => !have.has(s));
  const workers = Math.max(1, Math.min(o.workers, todo.length || 1));

  const failedBefore = stored.filter((l) => isErrorLine(l.line)).length;
  let played = 0;
  let failedNow = 0;
  const progress = o.progress && todo.length
    ? new Progress({ total: todo.length, before: stored.length, all: seeds.length, tty: process.stderr.isTTY === true, write: (t) => { if (process.stderr.isTTY) process.stderr.write(t); else console.error(t.replace(/\n$/, '')); } })
    : undefined;
  const fd = openSync(runsFile, 'a');
  let outcome: { aborted: boolean };
  try {
    outcome = await runPool({
      scenario: file,
      ...(whatIfFile !== undefined ? { whatIf: whatIfFile } : {}),
      seeds: todo,
      workers,
      signal: o.signal,
      onResult: (r) => {
        writeSync(fd, r.line + '\n');
        played++;
        if (r.failed) failedNow++;
        progress?.update(played, failedBefore + failedNow);
        o.onRun?.();
      },
    });
  } catch (e) {
    if (e instanceof PoolError) throw new DataError(displayPath(file), [{ path: '', message: e.message }]);
    throw e;
  } finally {
    closeSync(fd);
    progress?.finish();
  }

  // The final runs.jsonl (sorted) and the outputs built from it, also when interrupted.
  const final = sortLines(readRunLines(runsFile, seedSet).lines);
  writeFileAtomic(runsFile, final.map((l) => l.text + '\n').join(''));
  const lines: BatchLine[] = final.map((l) => l.line);
  let comparison: CompareResult | undefined;
  if (baseline && whatIf) {
    const byseed = (ls: BatchLine[]) => new Map(ls.map((l) => [l.seed, l]));
    comparison = compareFromLines(
      loadContext(file).scenario, sc, { id: whatIf.whatIf.id, name: whatIf.whatIf.name, file: whatIf.file, note: whatIf.whatIf.note, source: whatIf.whatIf.source },
      seeds, byseed(baseline), byseed(lines),
    );
    writeFileAtomic(join(out, 'compare.json'), JSON.stringify(comparison, null, 2) + '\n');
    writeFileAtomic(join(out, 'compare.html'), buildCompareHtml(comparison));
  }
  writeOutputs(out, ctx.scenario, manifest, lines, comparison);
  const failedSeeds = lines.filter(isErrorLine).map((l) => l.seed);
  return {
    manifest, runs: final.length, failed: failedSeeds.length, failedSeeds, played,
    interrupted: outcome.aborted && final.length < seeds.length,
    elapsedMs: performance.now() - t0, workers,
  };
}

/** The historical batch a what-if batch is compared with: same scenario, no what-if, every seed. */
function readBaseline(dir: string, sc: Scenario, seeds: string[], hasWhatIf: boolean): BatchLine[] {
  if (!hasWhatIf) throw new BatchUsageError('--baseline compares a what-if batch with a historical one: give --whatif FILE too');
  const base = resolve(dir);
  const shown = displayPath(base);
  if (!existsSync(join(base, 'batch.json'))) throw new BatchUsageError(`--baseline ${shown} holds no batch (no batch.json)`);
  const m = readManifest(join(base, 'batch.json'));
  if (m.scenario.id !== sc.id || m.scenario.version !== sc.version) throw new BatchUsageError(`--baseline ${shown} holds scenario ${m.scenario.id} v${m.scenario.version}, not ${sc.id} v${sc.version}`);
  if (m.whatIf) throw new BatchUsageError(`--baseline ${shown} holds runs with what-if ${m.whatIf.id}; it must be a batch of the historical plan`);
  const have = new Map(readRunLines(join(base, 'runs.jsonl'), new Set(seedRange(m.seeds.first, m.seeds.count))).lines.map((l) => [l.seed, l.line]));
  const missing = seeds.filter((x) => !have.has(x));
  if (missing.length) throw new BatchUsageError(`--baseline ${shown} lacks ${missing.length} of this batch's seeds (first: ${missing[0]}); run it with the same --seed and --runs`);
  return seeds.map((x) => have.get(x)!);
}

function writeOutputs(out: string, scenario: Parameters<typeof batchMeta>[0], manifest: BatchManifest, lines: BatchLine[], comparison?: CompareResult): void {
  const meta = { ...batchMeta(scenario), ...(manifest.whatIf ? { whatIf: { id: manifest.whatIf.id, name: manifest.whatIf.name } } : {}) };
  const summary = buildSummary(meta, manifest.seeds, lines);
  writeFileAtomic(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileAtomic(join(out, 'runs.csv'), buildCsv(meta, lines));
  writeFileAtomic(join(out, 'report.html'), buildReportHtml(meta, summary, okLines(lines), comparison));
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
      resume: { type: 'boolean' }, whatif: { type: 'string' }, baseline: { type: 'string' },
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
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130); // finished runs are already in runs.jsonl
    console.error('\ninterrupted: stopping the batch (finished runs are kept; Ctrl-C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let r: BatchResult;
  try {
    let seen = 0;
    const signal = controller.signal;
    r = await runBatch({
      scenario: positionals[0], ...(values.whatif !== undefined ? { whatIf: values.whatif } : {}), ...(values.baseline !== undefined ? { baseline: values.baseline } : {}), runs, seed, workers, out: values.out, resume: values.resume ?? false, progress: true, signal,
      ...(Number.isInteger(stopAfter) ? { onRun: () => { if (++seen >= stopAfter) controller.abort(); } } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  const m = r.manifest;
  const last = String(BigInt(m.seeds.first) + BigInt(m.seeds.count) - 1n);
  const dir = displayPath(resolve(values.out));
  const rate = r.played && r.elapsedMs > 0 ? `, ${(r.played / (r.elapsedMs / 1000)).toFixed(1)} runs/s on ${plural(r.workers, 'worker')}` : '';
  console.log(`${m.scenario.id} v${m.scenario.version}, seeds ${m.seeds.first}-${last}: ${r.runs} of ${plural(m.seeds.count, 'run')} done (${r.played} now, in ${(r.elapsedMs / 1000).toFixed(1)} s${rate}), ${r.failed} failed; written to ${dir}: ${OUTPUT_FILES.join(', ')}`);
  if (r.interrupted) {
    console.error(`error: the batch was interrupted after ${r.runs} of ${plural(m.seeds.count, 'run')}; continue it with: cassino batch ${positionals[0]}${values.whatif !== undefined ? ` --whatif ${values.whatif}` : ''} --out ${dir} --resume`);
    return 130;
  }
  if (r.failed) {
    const list = r.failedSeeds.slice(0, 10).join(', ') + (r.failed > 10 ? ', …' : '');
    console.error(`error: ${r.failed} of ${plural(r.runs, 'run')} failed (seed${r.failed === 1 ? '' : 's'} ${list}); their errors are in ${displayPath(join(resolve(values.out), 'runs.jsonl'))}`);
    return 1;
  }
  return 0;
}
