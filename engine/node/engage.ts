// `cassino engage FILE.csv [--conditions FILE] [--runs N] [--seed S] [--json]`: runs the combat
// model on engagements in the CDB90 format (data/cdb90/) and compares with what happened.
// --conditions merges a sidecar of documented conditions CDB90 does not record (river, armour
// across, night, observed approach), by isqno. Each row is fought as
// consecutive 12-hour turns by resolveInTurns (the same resolveEngagement the turn engine uses),
// `--runs` times, with a seedrandom alea stream per row seeded from `${seed}:${isqno}` so a row's
// result does not depend on the other rows or their order.
import { readFileSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { parseCdb90Csv, parseConditionsCsv, type Cdb90Engagement, type Cdb90RowError } from '../core/models/cdb90.ts';
import { defaultCombatParams, resolveInTurns, type CombatParams } from '../core/models/combat.ts';

export const ENGAGE_USAGE = `Usage: cassino engage FILE.csv [--conditions FILE] [--runs N] [--seed S] [--json]

Runs the combat model on each engagement of a CDB90-format CSV (see data/cdb90/README.md) and
compares the predicted losses and outcome with the recorded ones. Without --conditions a row is
computed from its own columns only: CDB90's, plus the project's optional columns river,
armour_across, night and attacker_observed where the file has them.

  --conditions FILE  merge a conditions sidecar by isqno (columns isqno, river, armour_across,
                     night, attacker_observed, source; e.g. data/cdb90/italy-1943-44-conditions.csv).
                     Its non-empty fields replace the row's; a sidecar row whose isqno is not in
                     FILE.csv, or with a bad value, is an error naming its line
  --runs N           runs per engagement (default 101); losses shown are medians over the runs
  --seed S           seed (default 1); row streams are seeded from "S:isqno"
  --json             print only a JSON array of {isqno, attLosses, defLosses, attackerWins}
  --help             show this help

Exit code: 0 all rows computed, 1 some rows had errors (named on stderr), 2 usage or file error.`;

export interface EngageRowResult {
  isqno: string;
  /** Median attacker losses over the runs (men). */
  attLosses: number;
  /** Median defender losses over the runs (men). */
  defLosses: number;
  /** Share of runs the attacker won, 0..1. */
  attackerWins: number;
}

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
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
  return { isqno: e.isqno, attLosses: median(att), defLosses: median(def), attackerWins: wins / runs };
}

function rowErrorSentence(e: Cdb90RowError, conditionsFile?: string): string {
  const where = e.file === 'conditions' ? `line ${e.line} of ${conditionsFile ?? 'the conditions file'}` : `line ${e.line}`;
  return `Row ${e.isqno} (${where}): column ${e.column} ${e.message}.`;
}

function readText(file: string, what: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? 'unreadable';
    console.error(`cassino engage: cannot read ${what}${file} (${why}).`);
    return null;
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);
}
function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

const WINNER: Record<string, string> = { '1': 'attacker', '-1': 'defender', '0': 'draw' };

export async function engageCommand(argv: string[]): Promise<number> {
  let file: string | undefined;
  let runs = 101;
  let seed = '1';
  let json = false;
  let conditionsFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      i++;
      return argv[i];
    };
    if (a === '--help' || a === '-h') { console.log(ENGAGE_USAGE); return 0; }
    else if (a === '--json') json = true;
    else if (a === '--conditions' || a.startsWith('--conditions=')) {
      const v = value();
      if (v === undefined || v === '') { console.error('cassino engage: --conditions needs a file.'); return 2; }
      conditionsFile = v;
    }
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = value();
      const n = Number(v);
      if (v === undefined || !Number.isInteger(n) || n < 1) {
        console.error(`cassino engage: --runs needs a whole number of at least 1, got "${v ?? ''}".`);
        return 2;
      }
      runs = n;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = value();
      if (v === undefined || v === '') { console.error('cassino engage: --seed needs a value.'); return 2; }
      seed = v;
    } else if (a.startsWith('-')) {
      console.error(`cassino engage: unknown option ${a} (see cassino engage --help).`);
      return 2;
    } else if (file === undefined) file = a;
    else { console.error(`cassino engage: one CSV file expected, got also "${a}".`); return 2; }
  }
  if (file === undefined) { console.error('cassino engage: no CSV file given (see cassino engage --help).'); return 2; }

  const text = readText(file, '');
  if (text === null) return 2;
  let conditions: ReturnType<typeof parseConditionsCsv> | undefined;
  if (conditionsFile !== undefined) {
    const ctext = readText(conditionsFile, 'the conditions file ');
    if (ctext === null) return 2;
    try {
      conditions = parseConditionsCsv(ctext);
    } catch (err) {
      console.error(`cassino engage: ${conditionsFile} is not a conditions file: ${(err as Error).message}.`);
      return 2;
    }
  }
  let parsed: ReturnType<typeof parseCdb90Csv>;
  try {
    const rejected = new Map<string, number>();
    if (conditions) for (const e of conditions.errors) if (!e.isqno.startsWith('line ') && !rejected.has(e.isqno)) rejected.set(e.isqno, e.line);
    parsed = parseCdb90Csv(text, conditions && { rows: conditions.rows, rejected });
  } catch (err) {
    console.error(`cassino engage: ${file} is not a CDB90 table: ${(err as Error).message}.`);
    return 2;
  }
  const sidecarErrors = conditions?.errors ?? [];
  for (const e of sidecarErrors) console.error(rowErrorSentence(e, conditionsFile));

  const results: EngageRowResult[] = [];
  const lines: string[] = [];
  if (!json) {
    lines.push(
      `${pad('isqno', 6)} ${pad('name', 24)} ${lpad('att act', 8)} ${lpad('att pred', 8)} ${lpad('def act', 8)} ${lpad('def pred', 8)} ${lpad('att wins', 8)}  actual winner`,
    );
  }
  for (const item of parsed.order) {
    if (Array.isArray(item)) {
      for (const e of item) console.error(rowErrorSentence(e, conditionsFile));
      continue;
    }
    const r = runEngagement(item, runs, seed);
    results.push(r);
    if (!json) {
      const act = item.actual;
      lines.push(
        `${pad(item.isqno, 6)} ${pad(item.name, 24)} ${lpad(act.attLosses === null ? '-' : String(act.attLosses), 8)} ${lpad(String(Math.round(r.attLosses)), 8)} ` +
          `${lpad(act.defLosses === null ? '-' : String(act.defLosses), 8)} ${lpad(String(Math.round(r.defLosses)), 8)} ` +
          `${lpad(`${Math.round(r.attackerWins * 100)}%`, 8)}  ${act.attackerWon === null ? '-' : WINNER[String(act.attackerWon)]}`,
      );
    }
  }
  if (json) console.log(JSON.stringify(results));
  else console.log(lines.join('\n'));
  return parsed.errors.length > 0 || sidecarErrors.length > 0 ? 1 : 0;
}
