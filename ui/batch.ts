// Reading the outputs of `cassino batch <scenario> --runs N --out DIR`: summary.json (the
// figures' percentiles, objective shares, losses per turn) and, optionally, runs.jsonl (one line
// per run, for histograms). Pure: no DOM, so it is tested in Node. The formats are the batch
// runner's own (engine/core/batch-files.ts, shared with the CLI), imported as types only: a
// change of format fails the type check here rather than silently misreading a file.
import type { BatchErrorLine, BatchRunLine, BatchSummary, FigureDef, RoundedStats } from '../engine/core/batch-files.ts';

export type { BatchRunLine, BatchSummary };
export type Figure = Omit<FigureDef, 'key'> & RoundedStats & { key: string };

export interface BatchData {
  /** File name of the summary, as opened. */
  name: string;
  summary: BatchSummary;
  /** The successful runs of runs.jsonl, when it was opened too. */
  runs: BatchRunLine[] | null;
  runsName: string | null;
  /** Failed runs found in runs.jsonl. */
  runErrors: BatchErrorLine[];
  /** Top-level sections of the summary this version of the panel does not show. */
  unknownSections: string[];
}

export const SUMMARY_FORMAT = 'cassino-batch-summary';
const KNOWN_SECTIONS = new Set([
  'format', 'version', 'scenario', 'seeds', 'runs', 'complete', 'failed', 'failedSeeds', 'percentileMethod', 'turns',
  'figures', 'objectives', 'lossesOverTime', 'documentedSource', 'documentedOutcomes',
]);

/** An error about a file, worded for the user: "<file>: <what>". */
export class BatchFileError extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Checks that `json` is a batch summary and returns it; errors name the file and the path in it. */
export function readSummary(name: string, json: unknown): BatchSummary {
  const fail = (path: string, what: string) => new BatchFileError(`${name}: ${path ? `${path}: ` : ''}${what}`);
  if (!isObj(json)) throw fail('', `expected a JSON object (a summary.json written by cassino batch)`);
  if (json.format !== SUMMARY_FORMAT) {
    throw fail('format', `expected "${SUMMARY_FORMAT}" (a summary.json written by cassino batch), found ${json.format === undefined ? 'no format field' : JSON.stringify(json.format)}`);
  }
  if (json.version !== 1) throw fail('version', `expected 1, found ${JSON.stringify(json.version)} (this front end reads version 1)`);
  if (!isObj(json.scenario) || typeof json.scenario.id !== 'string') throw fail('scenario.id', 'expected the scenario id');
  if (!isObj(json.figures)) throw fail('figures', 'expected an object of figures');
  for (const [k, f] of Object.entries(json.figures)) {
    if (!isObj(f) || typeof f.kind !== 'string') throw fail(`figures.${k}.kind`, 'expected side, target or formation');
  }
  if (!isObj(json.objectives)) throw fail('objectives', 'expected an object of objectives');
  if (!isObj(json.lossesOverTime) || !Array.isArray(json.lossesOverTime.turnStarts)) throw fail('lossesOverTime.turnStarts', 'expected a list of turn start times');
  return json as unknown as BatchSummary;
}

/** Parses runs.jsonl: successful runs and failed ones; a malformed line is an error naming its number. */
export function readRuns(name: string, text: string): { runs: BatchRunLine[]; errors: BatchErrorLine[] } {
  const runs: BatchRunLine[] = [];
  const errors: BatchErrorLine[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try { v = JSON.parse(line); } catch { throw new BatchFileError(`${name}: line ${i + 1}: not valid JSON (expected one run per line, as cassino batch writes runs.jsonl)`); }
    if (!isObj(v) || typeof v.seed !== 'string') throw new BatchFileError(`${name}: line ${i + 1}: expected a run with a "seed"`);
    if (typeof v.error === 'string') { errors.push(v as unknown as BatchErrorLine); return; }
    if (!isObj(v.losses) || !isObj(v.targets) || !isObj(v.outcome)) throw new BatchFileError(`${name}: line ${i + 1}: expected "losses", "targets" and "outcome" (a line of runs.jsonl)`);
    runs.push(v as unknown as BatchRunLine);
  });
  if (!runs.length && !errors.length) throw new BatchFileError(`${name}: no runs in the file`);
  return { runs, errors };
}

/** Whether the runs belong to the summary: the same seeds. */
function checkRunsMatch(summaryName: string, s: BatchSummary, runsName: string, runs: BatchRunLine[], errors: BatchErrorLine[]): void {
  const first = BigInt(s.seeds.first);
  const last = BigInt(s.seeds.last);
  const outside = [...runs, ...errors].find((r) => { const x = BigInt(r.seed); return x < first || x > last; });
  if (outside) throw new BatchFileError(`${runsName}: seed ${outside.seed} is not among the seeds of ${summaryName} (${s.seeds.first}-${s.seeds.last}): open the runs.jsonl of the same batch`);
  const n = runs.length + errors.length;
  if (n !== s.runs) throw new BatchFileError(`${runsName}: ${n} runs, but ${summaryName} summarises ${s.runs}: open the runs.jsonl of the same batch`);
}

export interface OpenedFile { name: string; text: string }

/**
 * Reads the files a user opened: a summary.json, optionally with its runs.jsonl. `previous`: the
 * batch already shown, to which a runs.jsonl opened on its own is added.
 */
export function readBatchFiles(files: OpenedFile[], previous: BatchData | null = null): BatchData {
  const jsonl = files.filter((f) => /\.jsonl$/i.test(f.name));
  const json = files.filter((f) => !/\.jsonl$/i.test(f.name));
  if (json.length > 1) throw new BatchFileError(`open one summary.json at a time (got ${json.map((f) => f.name).join(', ')})`);
  if (jsonl.length > 1) throw new BatchFileError(`open one runs.jsonl at a time (got ${jsonl.map((f) => f.name).join(', ')})`);
  let data: BatchData;
  if (json.length) {
    let parsed: unknown;
    try { parsed = JSON.parse(json[0].text); } catch (e) { throw new BatchFileError(`${json[0].name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`); }
    const summary = readSummary(json[0].name, parsed);
    data = {
      name: json[0].name, summary, runs: null, runsName: null, runErrors: [],
      unknownSections: Object.keys(summary).filter((k) => !KNOWN_SECTIONS.has(k)),
    };
  } else if (previous) {
    data = { ...previous };
  } else {
    throw new BatchFileError(`${jsonl[0]?.name ?? 'no file'}: open the batch's summary.json (with or without its runs.jsonl)`);
  }
  if (jsonl.length) {
    const { runs, errors } = readRuns(jsonl[0].name, jsonl[0].text);
    checkRunsMatch(data.name, data.summary, jsonl[0].name, runs, errors);
    data.runs = runs;
    data.runsName = jsonl[0].name;
    data.runErrors = errors;
  }
  return data;
}

export function figuresOf(s: BatchSummary, kind: Figure['kind']): Figure[] {
  return Object.entries(s.figures).filter(([, f]) => f.kind === kind).map(([key, f]) => ({ ...f, key }));
}

/** The value of a figure in each run (for histograms); as the batch runner counts it. */
export function runValues(runs: BatchRunLine[], f: Figure): number[] {
  if (f.kind === 'side') return runs.map((r) => r.losses[f.side!] ?? 0);
  if (f.kind === 'target') return runs.map((r) => r.targets[f.id] ?? 0);
  return runs.map((r) => r.formations[f.id] ?? 0);
}
