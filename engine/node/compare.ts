// `cassino compare <scenario> --whatif FILE [--runs N] [--seed S] [--workers W] [--json] [--out DIR]`:
// plays the historical plan and the what-if on the same seeds (seed k of both arms: common random
// numbers, so the randomness the what-if does not touch is the same in both) on the batch's worker
// pool, then prints per figure the two medians and the paired difference with a 95 % interval,
// and per objective the share of runs each side holds it in each arm and the change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError } from '../core/data-error.ts';
import { type BatchMeta, batchMeta } from './batch/figures.ts';
import { RunColumns } from './batch/columns.ts';
import { PoolError, prepareWorkers, runPool } from './batch/pool.ts';
import { Progress } from './batch/progress.ts';
import { type BatchLine, isErrorLine } from './batch/record.ts';
import { onBothTrees, whatIfTreeFigures } from './compare-tree.ts';
import type { RunTrace } from './compare-trace.ts';
import { explainComparison, formatExplanation } from './compare-explain.ts';
import { seedRange } from './batch/manifest.ts';
import { fmt } from './batch/html.ts';
import { type CompareResult, headlineFigures, whatIfTreeFigures as treeFigures } from './compare-result.ts';
import { compareFromColumns, compareLayout } from './compare-pairs.ts';
import { compareSaved, SavedCompareError } from './compare-saved.ts';
import { fingerprintOf } from './provenance.ts';
import { buildCompareHtml } from './compare-html.ts';

export type { CompareResult };
import { displayPath, loadContext, readData, readWhatIf, scenarioPath } from './files.ts';
import { type WhatIf, parseCheckFile, questionsOf } from '../core/whatif.ts';
import { makeOutputDir, OutputError, writeOutput } from './batch/output.ts';

export const COMPARE_USAGE = 'cassino compare <scenario> --whatif FILE [--check FILE] [--explain] [--explain-for IDS] [--runs N] [--seed S] [--workers W] [--json] [--out DIR] | cassino compare --saved HIST_DIR WHATIF_DIR [--json] [--out DIR]';
export const COMPARE_HELP = `Plays the scenario's historical plan and the what-if on the same seeds S, S+1, ..., S+N-1
(common random numbers: run k of both arms uses seed k, and the engine's random draws are keyed by
purpose, so what the what-if does not change stays the same) and prints, per figure (losses per
side, per documented target, per corps and division), the median of each arm and the paired
difference (what-if minus historical: mean, median and a 95 % bootstrap interval of the mean), and
per objective the share of runs in which each side holds it at the end in each arm, with the change
and its 95 % interval. The objectives and outcome checks a what-if adds (objective.add, check.add)
and those of a --check file are asked in both arms: the historical arm plays exactly as the
historical plan and reports them too (its added objectives are report-only: no doctrine acts on them).

Arguments:
  scenario              a scenario id from scenarios/ or a file path
Options:
  --whatif FILE         the what-if file (JSON or YAML), required
  --check FILE          outcome checks to ask in both arms (JSON or YAML: { "checks": [{ id, holds,
                        check: [conditions] }] }, conditions as in documented outcomes, with dates)
  --explain             also explain the largest paired differences of the corps and divisions the
                        what-if does not touch: per pair of runs, the first turn their sector differs
                        and what differs then (guns firing on it, enemy units fighting it, its units
                        attacking, supply, reserves released or arrived), counted over the pairs
  --explain-for IDS     explain these formations instead (comma-separated formation ids, e.g.
                        uk-x-corps), wherever they stand; implies --explain
  --runs N              number of seeds (default 20)
  --seed S              first seed, a whole number (default 1)
  --workers W           worker threads (default: this machine's ${availableParallelism()} cores)
  --json                print the comparison as one JSON object
  --out DIR             also write compare.json and compare.html (charts; opens from disk) into DIR
  --saved               compare two finished batches instead of playing: HIST_DIR (the historical
                        plan) and WHATIF_DIR (a what-if batch of the same scenario and seeds);
                        refused unless one model made both (their fingerprints in batch.json)

Exit codes: 0 success, 1 some runs failed (they are left out of the pairs and listed), 2 bad input
or usage.`;

export class CompareUsageError extends Error {}

export interface CompareOptions {
  scenario: string;
  whatIf: string;
  /** A --check file: outcome checks asked in both arms. */
  checkFile?: string;
  runs: number;
  seed: string;
  workers: number;
  progress: boolean;
  /** Trace every run and explain the largest differences outside the what-if's sector (compare-explain.ts). */
  explain?: boolean;
  /** --explain-for: the formation ids to explain instead of the largest differences. */
  explainFor?: string[];
}

/** One arm's runs; `other` is the other arm's what-if, on whose formation tree each run is summed too. */
interface Arm { whatIf: string | undefined; other: string | undefined; arm: 'historical' | 'whatIf'; traces?: RunTrace[] }

async function playArm(scenario: string, a: Arm, seeds: string[], workers: number, cols: RunColumns, tick: () => void): Promise<void> {
  const slot = new Map(seeds.map((x, i) => [x, i]));
  const onTrees = (l: BatchLine): BatchLine => (isErrorLine(l) ? l : onBothTrees(l, a.arm));
  const take = (l: BatchLine & { trace?: RunTrace }, k: number): BatchLine => {
    if (a.traces && l.trace) a.traces[k] = l.trace;
    delete l.trace;
    return l;
  };
  try {
    await runPool({
      scenario, ...(a.whatIf !== undefined ? { whatIf: a.whatIf } : {}), tree: a.other !== undefined ? { whatIf: a.other } : {}, seeds, workers,
      ...(a.traces ? { explain: true } : {}),
      onResult: (r) => { const k = slot.get(r.seed)!; cols.add(k, onTrees(take(JSON.parse(r.line) as BatchLine, k))); tick(); },
    });
  } catch (e) {
    if (e instanceof PoolError) throw new DataError(displayPath(scenario), [{ path: '', message: e.message }]);
    throw e;
  }
}

export async function runCompare(o: CompareOptions): Promise<CompareResult> {
  const file = scenarioPath(o.scenario);
  const whatIfFile = resolve(o.whatIf);
  void prepareWorkers(); // bundled while the scenario loads
  const w = readWhatIf(whatIfFile);
  const arms = armFiles(w.whatIf, whatIfFile, o.checkFile);
  // Both loaded here first, so that bad input is reported before any worker starts.
  let hist, what;
  try {
    hist = loadContext(file, arms.historical ? { whatIf: arms.historical } : {});
    what = loadContext(file, { whatIf: arms.whatIf });
  } catch (e) { arms.cleanup(); throw arms.blame(e); }
  if (o.explainFor) {
    const unknown = o.explainFor.filter((f) => !hist.scenario.formationById[f]);
    if (unknown.length) {
      arms.cleanup();
      const known = Object.values(hist.scenario.formationById).filter((f) => f.level === 'corps' || f.level === 'division').map((f) => f.id).sort();
      throw new CompareUsageError(`--explain-for: ${unknown.map((f) => `"${f}"`).join(', ')} ${unknown.length > 1 ? 'are not formations' : 'is not a formation'} of ${o.scenario} (its corps and divisions: ${known.join(', ')})`);
    }
  }
  const provenance = { historical: await fingerprintOf({ scenario: file }), whatIf: await fingerprintOf({ scenario: file, whatIf: whatIfFile }) };
  const seeds = seedRange(o.seed, o.runs);
  const workers = Math.max(1, Math.min(o.workers, seeds.length));
  let done = 0;
  const progress = o.progress
    ? new Progress({ label: 'compare', total: seeds.length * 2, before: 0, all: seeds.length * 2, tty: process.stderr.isTTY === true, write: (t) => { if (process.stderr.isTTY) process.stderr.write(t); else console.error(t.replace(/\n$/, '')); } })
    : undefined;
  const tick = (): void => { done++; progress?.update(done, 0); };
  const metaA = batchMeta(hist.scenario);
  const metaB = batchMeta(what.scenario);
  // Formations on the historical tree in both arms, and those the what-if's tree changes beside them.
  const base = compareLayout(metaA, { ...metaB, figures: metaB.figures.filter((f) => f.kind !== 'formation') });
  const layout = { ...base, figures: [...base.figures, ...whatIfTreeFigures(hist.scenario, what.scenario)] };
  const a = new RunColumns(seeds.length, layout);
  const b = new RunColumns(seeds.length, layout);
  const traces = o.explain || o.explainFor ? { historical: [] as RunTrace[], whatIf: [] as RunTrace[] } : undefined;
  try {
    await playArm(file, { whatIf: arms.historical, other: arms.whatIf, arm: 'historical', ...(traces ? { traces: traces.historical } : {}) }, seeds, workers, a, tick);
    await playArm(file, { whatIf: arms.whatIf, other: arms.historical, arm: 'whatIf', ...(traces ? { traces: traces.whatIf } : {}) }, seeds, workers, b, tick);
  } finally {
    progress?.finish();
    arms.cleanup();
  }
  const r = compareFromColumns(metaA, metaB, { id: w.whatIf.id, name: w.whatIf.name, file: w.file, note: w.whatIf.note, source: w.whatIf.source }, seeds, a, b, provenance);
  if (!traces) return r;
  // Only the pairs both of whose runs succeeded.
  const ok = seeds.map((_, k) => k).filter((k) => traces.historical[k] && traces.whatIf[k]);
  const paired = { historical: ok.map((k) => traces.historical[k]), whatIf: ok.map((k) => traces.whatIf[k]) };
  return { ...r, explain: explainComparison(r, hist.scenario, what.scenario, w.whatIf.changes.map((c) => c.type), paired, metaA.turnStarts, 3, o.explainFor) };
}

/**
 * The what-if each arm plays: the historical arm the what-if's questions only (questionsOf), the
 * what-if arm the what-if with the --check file's checks; written to a temporary folder when they
 * differ from the files given.
 */
function armFiles(w: WhatIf, whatIfFile: string, checkFile: string | undefined): { historical?: string; whatIf: string; cleanup(): void; blame(e: unknown): unknown } {
  const checkShown = checkFile === undefined ? '' : displayPath(resolve(checkFile));
  const extra = checkFile === undefined ? [] : parseCheckFile(readData(resolve(checkFile)), checkShown);
  const questions = questionsOf(w, extra);
  if (!questions && extra.length === 0) return { whatIf: whatIfFile, cleanup: () => {}, blame: (e) => e };
  const dir = mkdtempSync(join(tmpdir(), 'cassino-compare-'));
  const write = (name: string, data: WhatIf) => { const f = join(dir, name); writeFileSync(f, JSON.stringify(data)); return f; };
  const historical = questions ? write('historical-questions.json', questions) : undefined;
  const whatIf = extra.length ? write('whatif-with-checks.json', { ...w, changes: [...w.changes, ...extra] }) : whatIfFile;
  // Where each change of the written files came from: the what-if's own changes, then the check file's.
  const asked = w.changes.map((c, k) => ({ c, k })).filter(({ c }) => c.type === 'objective.add' || c.type === 'check.add').map(({ k }) => k);
  const origin = (f: string | undefined, k: number): { file: string; index: string } | undefined => {
    if (f === historical) return k < asked.length ? { file: displayPath(whatIfFile), index: `changes[${asked[k]}]` } : { file: checkShown, index: `checks[${k - asked.length}]` };
    if (f === whatIf && whatIf !== whatIfFile) return k < w.changes.length ? { file: displayPath(whatIfFile), index: `changes[${k}]` } : { file: checkShown, index: `checks[${k - w.changes.length}]` };
    return undefined;
  };
  const blame = (e: unknown): unknown => {
    if (!(e instanceof DataError)) return e;
    const issues = e.issues.map((i) => {
      const m = /^changes\[(\d+)\](.*)$/.exec(i.path);
      const o = m ? origin(i.file === undefined ? e.file : i.file, Number(m[1])) : undefined;
      return o ? { file: o.file, path: `${o.index}${m![2]}`, message: i.message } : i;
    });
    return new DataError(issues[0]?.file ?? e.file, issues);
  };
  return { ...(historical ? { historical } : {}), whatIf, cleanup: () => rmSync(dir, { recursive: true, force: true }), blame };
}

export { compareFromColumns, compareLayout, headlineFigures };

const pct = (x: number): string => `${fmt(x * 100)} %`;
const signed = (x: number, digits = 0): string => (x > 0 ? `+${fmt(x, digits)}` : fmt(x, digits));

function figureRow(f: CompareResult['figures'][string]): string {
  const label = f.label.length > 44 ? `${f.label.slice(0, 43)}…` : f.label;
  const ci = `[${signed(f.difference.ci95[0])}, ${signed(f.difference.ci95[1])}]`;
  return `  ${label.padEnd(44)} ${fmt(f.historical.median).padStart(9)} ${fmt(f.whatIf.median).padStart(9)}   ${`${signed(f.difference.mean, 1)} ${ci}`.padEnd(32)} ${signed(f.difference.median).padStart(11)}`;
}

export function formatCompareTable(r: CompareResult): string {
  const out: string[] = [];
  out.push(`${r.scenario.name}`);
  out.push(`what-if ${r.whatIf.id}: ${r.whatIf.name}`);
  out.push(`scenario ${r.scenario.id} v${r.scenario.version}, seeds ${r.seeds.first}-${r.seeds.last}: ${r.paired} pairs${r.failed.historical.length + r.failed.whatIf.length ? ` (failed: historical ${r.failed.historical.join(', ') || 'none'}; what-if ${r.failed.whatIf.join(', ') || 'none'})` : ''}`);
  out.push('');
  out.push('Men lost (killed, wounded, missing)          historical   what-if   difference (mean, 95 % interval)   median diff');
  out.push('  (formations and targets on the historical formation tree in both arms)');
  for (const k of headlineFigures(r)) out.push(figureRow(r.figures[k]));
  const moved = treeFigures(r);
  if (moved.length) {
    out.push('');
    out.push('On the what-if\'s formation tree (formations whose units it changes), in both arms');
    for (const k of moved) out.push(figureRow(r.figures[k]));
  }
  out.push('');
  out.push('Objectives: share of runs held at the end      historical   what-if   change (95 % interval)');
  for (const o of Object.values(r.objectives)) {
    for (const side of ['allied', 'german'] as const) {
      const h = o.held[side];
      if (h.historical === 0 && h.whatIf === 0) continue;
      const label = `${o.name} (${side})`;
      out.push(`  ${(label.length > 44 ? `${label.slice(0, 43)}…` : label).padEnd(44)} ${pct(h.historical).padStart(11)} ${pct(h.whatIf).padStart(9)}   ${signed(h.change * 100)} pts [${signed(h.ci95[0] * 100)}, ${signed(h.ci95[1] * 100)}]`);
    }
  }
  const docs = Object.entries(r.documentedOutcomes);
  if (docs.length) {
    out.push('');
    out.push('Documented outcomes: share of runs in which each held   historical   what-if   change (95 % interval)');
    for (const [id, d] of docs) {
      out.push(`  ${id.padEnd(44)} ${pct(d.historical).padStart(11)} ${pct(d.whatIf).padStart(9)}   ${signed(d.change * 100)} pts [${signed(d.ci95[0] * 100)}, ${signed(d.ci95[1] * 100)}]`);
    }
  }
  if (r.explain) out.push(formatExplanation(r.explain));
  out.push('');
  out.push(`Medians per arm; differences are what-if minus historical on the same seed. Interval: ${r.method.interval}.`);
  return out.join('\n');
}

function wholeNumber(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < min) throw new CompareUsageError(`--${name} expects a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

export async function compareCommand(argv: string[]): Promise<number> {
  try {
    return await compareMain(argv);
  } catch (e) {
    if (e instanceof DataError) {
      for (const line of e.message.split('\n')) console.error(`error: ${line}`);
      return 2;
    }
    if (e instanceof OutputError || e instanceof SavedCompareError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof CompareUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${(e as Error).message.split('\n')[0]}`);
      console.error(`usage: ${COMPARE_USAGE}`);
      return 2;
    }
    throw e;
  }
}

async function compareMain(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: ${COMPARE_USAGE}\n\n${COMPARE_HELP}\n  --help                show this help`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { whatif: { type: 'string' }, check: { type: 'string' }, explain: { type: 'boolean' }, 'explain-for': { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' }, saved: { type: 'boolean' } },
  });
  const r = values.saved ? savedArms(positionals) : await playedArms(positionals, values);
  return reportComparison(r, values);
}

/** --saved HIST_DIR WHATIF_DIR: two finished batches. */
function savedArms(positionals: string[]): CompareResult {
  if (positionals.length !== 2) throw new CompareUsageError(`--saved expects two batch folders, the historical one then the what-if one (got ${positionals.length})`);
  return compareSaved(positionals[0], positionals[1]);
}

async function playedArms(positionals: string[], values: { whatif?: string; check?: string; explain?: boolean; 'explain-for'?: string; runs?: string; seed?: string; workers?: string; json?: boolean }): Promise<CompareResult> {
  if (positionals.length !== 1) throw new CompareUsageError(positionals.length ? `expected one scenario, got ${positionals.length}: ${positionals.join(' ')}` : 'expected a scenario (an id from scenarios/ or a file path)');
  if (values.whatif === undefined) throw new CompareUsageError('--whatif FILE is required (the what-if to compare with the historical plan)');
  const runs = wholeNumber(values.runs, 'runs', 1) ?? 20;
  if (values.seed !== undefined && !/^\d+$/.test(values.seed)) throw new CompareUsageError(`--seed expects a whole number (seeds are S, S+1, ...), not "${values.seed}"`);
  const seed = values.seed === undefined ? '1' : String(BigInt(values.seed));
  const workers = wholeNumber(values.workers, 'workers', 1) ?? availableParallelism();
  const explainFor = values['explain-for']?.split(',').map((x) => x.trim()).filter(Boolean);
  if (explainFor && !explainFor.length) throw new CompareUsageError('--explain-for expects formation ids, comma-separated (e.g. uk-x-corps)');
  return runCompare({ scenario: positionals[0], whatIf: values.whatif, ...(values.check !== undefined ? { checkFile: values.check } : {}), runs, seed, workers, progress: !values.json, ...(values.explain ? { explain: true } : {}), ...(explainFor ? { explainFor } : {}) });
}

function reportComparison(r: CompareResult, values: { json?: boolean; out?: string }): number {
  if (values.out !== undefined) {
    const dir = resolve(values.out);
    makeOutputDir(dir);
    writeOutput(join(dir, 'compare.json'), JSON.stringify(r, null, 2) + '\n');
    writeOutput(join(dir, 'compare.html'), buildCompareHtml(r));
  }
  if (values.json) console.log(JSON.stringify(r));
  else {
    console.log(formatCompareTable(r));
    if (values.out !== undefined) console.log(`written to ${displayPath(resolve(values.out))}: compare.json, compare.html`);
  }
  const failed = r.failed.historical.length + r.failed.whatIf.length;
  if (failed) {
    console.error(`error: ${failed} run${failed === 1 ? '' : 's'} failed (historical: ${r.failed.historical.join(', ') || 'none'}; what-if: ${r.failed.whatIf.join(', ') || 'none'}); they are left out of the comparison`);
    return 1;
  }
  return 0;
}
