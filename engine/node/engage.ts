// `cassino engage FILE.csv [MORE.csv...] [--conditions FILE] [--runs N] [--seed S] [--json]
// [--report] [--cv theatre|campaign]`: runs the combat model on engagements in the CDB90 format
// (data/cdb90/) and compares with what happened. --conditions merges a sidecar of documented
// conditions CDB90 does not record (river, armour across, night, observed approach), by isqno.
// Each row is fought as consecutive 12-hour turns by resolveInTurns (the same resolveEngagement
// the turn engine uses), `--runs` times, with a seedrandom alea stream per row seeded from
// `${seed}:${isqno}` so a row's result does not depend on the other rows or their order.
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import {
  parseCdb90Csv, parseConditionsCsv, unmatchedConditions,
  type Cdb90Engagement, type Cdb90Parsed, type Cdb90RowError, type Cdb90Unscored,
} from '../core/models/cdb90.ts';
import { defaultCombatParams, resolveInTurns, type CombatParams } from '../core/models/combat.ts';
import { DataError, formatIssue } from '../core/data-error.ts';
import { median } from '../core/models/engagement-scores.ts';
import { buildReport, formatReport, type CvMode } from './engage-report.ts';
import { describeFit, fitCombatParams } from './engage-fit.ts';
import { displayPath } from './files.ts';
import { readTextFile } from './input-limits.ts';

export const ENGAGE_SUMMARY = 'run real engagements (CDB90 CSV format) through the combat model';
export const ENGAGE_USAGE = 'cassino engage FILE.csv [MORE.csv...] [--conditions FILE] [--runs N] [--seed S] [--json] [--report] [--cv theatre|campaign] [--refit] [--fit] [--fit-runs N]';
export const ENGAGE_HELP = `Runs the combat model on each engagement of CDB90-format CSV files (see data/cdb90/README.md)
and compares the predicted losses and outcome with the recorded ones. Without --conditions a row is
computed from its own columns only: CDB90's, plus the project's optional columns river,
armour_across, night and attacker_observed where the file has them. A value CDB90 does not
record is read as VALIDATION.md says (a duration from the dates, no tanks counted, ...); a row
without a strength is read and listed, not run. A value CDB90 cannot hold (an unknown code, a
number out of range, a repeated isqno) is an error naming the file, row, column and the values
expected, and the row is skipped. Exit code: 0 all rows read, 1 some rows had errors (named on
stderr), 2 usage or file error.

Options:
  --conditions FILE     merge a conditions sidecar by isqno (columns isqno, river, armour_across,
                        night, attacker_observed, source; e.g. data/cdb90/italy-1943-44-conditions.csv).
                        Its non-empty fields replace the row's; a sidecar row whose isqno is in none
                        of the files, or with a bad value, is an error naming its line
  --runs N              runs per engagement (default 101); losses shown are medians over the runs
  --seed S              seed (default 1); row streams are seeded from "S:isqno"
  --json                print only JSON: an array of {isqno, attLosses, defLosses, attackerWins},
                        or with --report the report as one object
  --report              scores (median |log10(predicted/actual)| of attacker and defender losses,
                        share within a factor of 2, winner accuracy) overall, per theatre, per
                        defender posture and per outcome, for the model, a QJM-style calculation
                        with fixed published constants and a null model of median daily loss
                        rates fitted on the rows of the first file (the calibration rows)
  --cv MODE             with --report: cross-validation leaving out one theatre or one campaign
                        at a time (MODE theatre or campaign); each row is scored by models fitted
                        on the other folds only
  --refit               with --report: the Cassino model's free parameters (engine/node/engage-fit.ts:
                        base casualty rates, overrun share, win threshold, fatigue intensity) are
                        fitted on the training rows (with --cv, the rows outside the fold scored;
                        without, all rows) instead of taken from engine/params/combat.json
  --fit                 fit those parameters on all the rows given and print the values
  --fit-runs N          runs per engagement while fitting (default 21)`;

class EngageUsageError extends Error {}

export interface EngageRowResult {
  isqno: string;
  /** Median attacker losses over the runs (men). */
  attLosses: number;
  /** Median defender losses over the runs (men). */
  defLosses: number;
  /** Share of runs the attacker won, 0..1. */
  attackerWins: number;
}

/** Runs one engagement `runs` times on its own seeded stream. */
export function runEngagement(e: Cdb90Engagement, runs: number, seed: string, params: CombatParams = defaultCombatParams): EngageRowResult {
  const rand = seedrandom.alea(`${seed}:${e.isqno}`);
  const att = new Float64Array(runs);
  const def = new Float64Array(runs);
  let wins = 0;
  for (let i = 0; i < runs; i++) {
    const r = resolveInTurns(e.input, params, rand);
    att[i] = r.attackerLosses;
    def[i] = r.defenderLosses;
    if (r.attackerWins) wins++;
  }
  return { isqno: e.isqno, attLosses: medianOf(att), defLosses: medianOf(def), attackerWins: wins / runs };
}

function medianOf(xs: Float64Array): number {
  return median(Array.from(xs));
}

interface EngageOptions {
  files: string[];
  conditions: string | undefined;
  runs: number;
  seed: string;
  json: boolean;
  report: boolean;
  cv: CvMode | undefined;
  refit: boolean;
  fit: boolean;
  fitRuns: number;
}

function engageOptions(argv: string[]): EngageOptions {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      conditions: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, report: { type: 'boolean' },
      cv: { type: 'string' }, refit: { type: 'boolean' }, fit: { type: 'boolean' }, 'fit-runs': { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new EngageUsageError('no CSV file given');
  const runs = values.runs ?? '101';
  if (!/^\d+$/.test(runs) || Number(runs) < 1) throw new EngageUsageError(`--runs expects a whole number of at least 1, not "${runs}"`);
  const fitRuns = values['fit-runs'] ?? '21';
  if (!/^\d+$/.test(fitRuns) || Number(fitRuns) < 1) throw new EngageUsageError(`--fit-runs expects a whole number of at least 1, not "${fitRuns}"`);
  if (values.seed === '') throw new EngageUsageError('--seed expects a value');
  if (values.conditions === '') throw new EngageUsageError('--conditions expects a file');
  if (values.cv !== undefined && values.cv !== 'theatre' && values.cv !== 'campaign') throw new EngageUsageError(`--cv expects theatre or campaign, not "${values.cv}"`);
  return {
    files: positionals, conditions: values.conditions, runs: Number(runs), seed: values.seed ?? '1',
    json: values.json ?? false, report: (values.report ?? false) || values.cv !== undefined || (values.refit ?? false), cv: values.cv as CvMode | undefined,
    refit: values.refit ?? false, fit: values.fit ?? false, fitRuns: Number(fitRuns),
  };
}

export async function engageCommand(argv: string[]): Promise<number> {
  try {
    return engageMain(engageOptions(argv));
  } catch (e) {
    const usage = e instanceof EngageUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (!usage && !(e instanceof EngageFileError)) throw e;
    console.error(`error: ${(e as Error).message}`);
    if (usage) console.error(`usage: ${ENGAGE_USAGE}`);
    return 2;
  }
}

/** A file that cannot be read, or is not of its format: the run stops (exit 2). */
class EngageFileError extends Error {}

function readText(file: string, what: string): string {
  try {
    return readTextFile(file, displayPath(file));
  } catch (err) {
    // The reader's reason in one sentence: not found, not a regular file, over the size limit.
    const why = err instanceof DataError ? err.issues[0].message : String(err);
    throw new EngageFileError(`cannot read ${what}${displayPath(file)}: ${why}`);
  }
}

/** Each file's rows, the sidecar merged; each error sentence names the file it is in. */
interface Loaded {
  perFile: Array<{ file: string; parsed: Cdb90Parsed }>;
  errorLines: string[];
}

function rowErrorSentence(file: string, e: Cdb90RowError): string {
  // A row without an isqno is named by its line alone.
  const row = e.isqno.startsWith('line ') ? `line ${e.line}` : `row ${e.isqno} (line ${e.line})`;
  return `${formatIssue(displayPath(file), { path: `${row}, column ${e.column}`, message: e.message })}.`;
}

function loadFiles(o: EngageOptions): Loaded {
  let conditions: ReturnType<typeof parseConditionsCsv> | undefined;
  if (o.conditions !== undefined) {
    const ctext = readText(o.conditions, 'the conditions file ');
    try {
      conditions = parseConditionsCsv(ctext, displayPath(o.conditions));
    } catch (err) {
      if (err instanceof DataError) throw err; // the CSV reader's: already names the file and line
      throw new EngageFileError(`${displayPath(o.conditions)} is not a conditions file: ${(err as Error).message}`);
    }
  }
  const rejected = new Map<string, number>();
  if (conditions) for (const e of conditions.errors) if (!e.isqno.startsWith('line ') && !rejected.has(e.isqno)) rejected.set(e.isqno, e.line);
  const seen = new Map<string, string>();
  const perFile = o.files.map((file) => {
    const text = readText(file, '');
    try {
      return { file, parsed: parseCdb90Csv(text, conditions && { rows: conditions.rows, rejected }, seen, displayPath(file)) };
    } catch (err) {
      if (err instanceof DataError) throw err; // the CSV reader's: already names the file and line
      throw new EngageFileError(`${displayPath(file)} is not a CDB90 table: ${(err as Error).message}`);
    }
  });
  const errorLines: string[] = [];
  if (conditions && o.conditions !== undefined) {
    for (const e of [...conditions.errors, ...unmatchedConditions(conditions.rows, seen)]) errorLines.push(rowErrorSentence(o.conditions, e));
  }
  return { perFile, errorLines };
}

function engageMain(o: EngageOptions): number {
  const { perFile, errorLines } = loadFiles(o);
  for (const { file, parsed } of perFile) for (const e of parsed.errors) errorLines.push(rowErrorSentence(file, e));
  for (const line of errorLines) console.error(line);
  const rows = perFile.flatMap((f) => f.parsed.engagements);
  const fitRunner = (e: Cdb90Engagement, params: CombatParams) => runEngagement(e, o.fitRuns, o.seed, params);
  if (o.fit) {
    const fit = fitCombatParams(rows, defaultCombatParams, fitRunner);
    console.log(o.json ? JSON.stringify({ rows: rows.length, score: fit.score, values: describeFit(fit.params) })
      : [`Fitted on ${rows.length} rows (${o.fitRuns} runs a row, seed ${o.seed}); score ${fit.score.toFixed(3)}:`, ...describeFit(fit.params)].join('\n'));
  } else if (o.report) {
    const results = new Map<string, EngageRowResult>();
    const report = buildReport({
      rows,
      unscored: perFile.flatMap((f) => f.parsed.unscored),
      calibration: perFile[0].parsed.engagements,
      calibrationLabel: `the ${perFile[0].parsed.engagements.length} rows of ${displayPath(perFile[0].file)} (the calibration rows)`,
      cv: o.cv,
      predictModel: (e) => results.get(e.isqno) ?? results.set(e.isqno, runEngagement(e, o.runs, o.seed)).get(e.isqno)!,
      refitModel: o.refit ? (training) => {
        const params = fitCombatParams(training, defaultCombatParams, fitRunner).params;
        return (e) => runEngagement(e, o.runs, o.seed, params);
      } : undefined,
    });
    console.log(o.json ? JSON.stringify({ files: o.files.map(displayPath), runs: o.runs, seed: o.seed, ...report }) : formatReport(report, o.files.map(displayPath)));
  } else printRows(perFile.flatMap((f) => f.parsed.order.filter((x) => !Array.isArray(x)) as Array<Cdb90Engagement | Cdb90Unscored>), o);
  return errorLines.length > 0 ? 1 : 0;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}
function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

const WINNER: Record<string, string> = { '1': 'attacker', '-1': 'defender', '0': 'draw' };

/** One line per row read: predicted against recorded, or why the row was not run. */
function printRows(items: Array<Cdb90Engagement | Cdb90Unscored>, o: EngageOptions): void {
  const results: EngageRowResult[] = [];
  const lines = [`${pad('isqno', 6)} ${pad('name', 24)} ${lpad('att act', 8)} ${lpad('att pred', 8)} ${lpad('def act', 8)} ${lpad('def pred', 8)} ${lpad('att wins', 8)}  actual winner`];
  const shown = (v: number | null) => (v === null ? '-' : String(v));
  for (const item of items) {
    const act = item.actual;
    const winner = act.attackerWon === null ? '-' : WINNER[String(act.attackerWon)];
    if ('reason' in item) {
      lines.push(`${pad(item.isqno, 6)} ${pad(item.name, 24)} ${lpad(shown(act.attLosses), 8)} ${lpad('-', 8)} ${lpad(shown(act.defLosses), 8)} ${lpad('-', 8)} ${lpad('-', 8)}  ${winner}; ${item.reason}`);
      continue;
    }
    const r = runEngagement(item, o.runs, o.seed);
    results.push(r);
    lines.push(
      `${pad(item.isqno, 6)} ${pad(item.name, 24)} ${lpad(shown(act.attLosses), 8)} ${lpad(String(Math.round(r.attLosses)), 8)} ` +
        `${lpad(shown(act.defLosses), 8)} ${lpad(String(Math.round(r.defLosses)), 8)} ${lpad(`${Math.round(r.attackerWins * 100)}%`, 8)}  ${winner}`,
    );
  }
  console.log(o.json ? JSON.stringify(results) : lines.join('\n'));
}
