// Rows of the CDB90 engagement database (the tidy edition, jrnold/CDB90, one row per engagement
// with attacker and defender side by side, as in data/cdb90/) mapped onto the combat model's
// EngagementInput. Pure: the caller reads the file. The mapping is documented in VALIDATION.md
// ("How engagement inputs map onto the model's factors").
import type { TerrainType } from '../map.ts';
import type { CombatForce, DefenderPosture, EngagementInput, Season } from './combat-types.ts';
import { theatreOf, type Theatre } from './cdb90-theatres.ts';
import { parseCsv, type CsvRecord } from '../csv.ts';

export type { CsvRecord, CsvTable } from '../csv.ts';

/** Columns a CDB90 file must have (the format of data/cdb90/). */
export const CDB90_REQUIRED_COLUMNS = [
  'isqno', 'duration_days', 'defender_posture', 'terrain1', 'att_strength', 'def_strength',
] as const;

/**
 * Optional columns: the CDB90 ones (absent or empty → the default noted) and four extensions of
 * this project for conditions CDB90 does not record: river (none | fordable | unfordable),
 * armour_across (1/0, default 1), night (1/0, default 0: 1 = a night assault, its first half day
 * dark), attacker_observed (1/0, default 0), static_line (1/0, default 0: the defender holds a
 * continuous prepared line with covered withdrawal routes) — also mergeable from a sidecar (parseConditionsCsv) —
 * and att_cev / def_cev (combat effectiveness value, default 1).
 */
export const CDB90_OPTIONAL_COLUMNS = [
  'name', 'campaign', 'war', 'start', 'end', 'terrain2', 'terrain3', 'wx_climate', 'wx_moisture', 'wx_precip', 'wx_temp', 'wx_season', 'front_km_attacker',
  'air_superiority', 'surprise', 'attacker_won', 'att_losses', 'def_losses', 'att_tanks', 'def_tanks',
  'att_artillery', 'def_artillery', 'att_air_sorties', 'def_air_sorties',
  'river', 'armour_across', 'night', 'attacker_observed', 'static_line', 'att_cev', 'def_cev',
] as const;

/** The columns of `header` that a CDB90 file needs but lacks. */
export function missingCdb90Columns(header: string[]): string[] {
  return CDB90_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
}

/** Where a row's value was missing, or held more than the model reads, and what was done instead. */
export interface Cdb90Treatment {
  column: string;
  note: string;
}

interface Cdb90RowBase {
  isqno: string;
  name: string;
  line: number;
  /** CDB90's campaign name (the unit of leave-one-campaign-out cross-validation). */
  campaign: string;
  theatre: Theatre;
  /** The recorded outcome, where the row gives it. */
  actual: { attLosses: number | null; defLosses: number | null; attackerWon: -1 | 0 | 1 | null };
  treatments: Cdb90Treatment[];
}

export interface Cdb90Engagement extends Cdb90RowBase {
  input: EngagementInput;
  /** CDB90's surprise code, -3..3: the model reads only the attacker's (0..3); a baseline reads both. */
  surpriseCode: number;
}

/** A valid row the model cannot be run on (no strength for a side, or no duration and no dates): read and reported, not scored. */
export interface Cdb90Unscored extends Cdb90RowBase {
  reason: string;
}

export interface Cdb90RowError {
  isqno: string;
  line: number;
  column: string;
  message: string;
  /** Set when the error is in the conditions sidecar (line is then the sidecar's). */
  file?: 'conditions';
}

export type Cdb90RowResult =
  | { ok: true; engagement: Cdb90Engagement }
  | { ok: true; unscored: Cdb90Unscored }
  | { ok: false; errors: Cdb90RowError[] };

/** A coded column: CDB90's codes (the codebook of jrnold/CDB90, data/enum_*.csv) and what each means to the model. */
interface CodeTable<T> {
  codes: Record<string, T>;
  /** The valid codes, for messages. */
  what: string;
}

const code = <T>(codes: Record<string, T>, what: string): CodeTable<T> => ({ codes, what });

/** Every code of every coded column. `null` marks a code that means "not recorded". */
export const CDB90_CODES = {
  defender_posture: code<DefenderPosture>({ HD: 'HD', PD: 'PD', FD: 'FD', DL: 'DL', WD: 'WD' }, 'HD, PD, FD, DL or WD'),
  terrain1: code<'F' | 'R' | 'G'>({ F: 'F', R: 'R', G: 'G' }, 'F, R or G'),
  terrain2: code<'B' | 'M' | 'D' | 'W' | null>({ B: 'B', M: 'M', D: 'D', W: 'W', '0': null }, 'B, M, D, W, 0 or empty'),
  terrain3: code<'M' | 'U' | 'D' | null>({ M: 'M', U: 'U', D: 'D', '0': null }, 'M, U, D, 0 or empty'),
  wx_moisture: code<'dry' | 'wet'>({ D: 'dry', W: 'wet' }, 'D or W'),
  wx_precip: code<'none' | 'light' | 'heavy'>({ S: 'none', O: 'none', L: 'light', H: 'heavy' }, 'S, O, L, H or empty'),
  wx_temp: code<'hot' | 'temperate' | 'cold'>({ H: 'hot', T: 'temperate', C: 'cold' }, 'H, T or C'),
  wx_season: code<Season>({ W: 'winter', $: 'spring', S: 'summer', F: 'autumn' }, 'W, $, S or F'),
  wx_climate: code<'temperate' | 'tropical' | 'desert'>({ T: 'temperate', E: 'tropical', D: 'desert' }, 'T, E, D or empty'),
  // 9 is not in the codebook's table (enum_aeroa: -1, 0, 1) but is what the 1940 rows of the tidy
  // edition carry where the original leaves air superiority blank: read as not recorded.
  air_superiority: code<-1 | 0 | 1 | null>({ '1': 1, '0': 0, '-1': -1, '9': null }, '1, 0, -1 (9 or empty: not recorded)'),
  surprise: code<number>({ '0': 0, '1': 1, '2': 2, '3': 3, '-1': -1, '-2': -2, '-3': -3 }, '-3 to 3 (negative: surprise achieved by the defender)'),
  attacker_won: code<-1 | 0 | 1>({ '1': 1, '-1': -1, '0': 0 }, '1, -1, 0 or empty'),
  river: code<'none' | 'fordable' | 'unfordable'>({ none: 'none', fordable: 'fordable', unfordable: 'unfordable' }, 'none, fordable or unfordable'),
  flag: code<boolean>({ '1': true, '0': false, true: true, false: false }, '1 or 0'),
};

/**
 * What a value can be, from what it means: no engagement of CDB90 had more than about 2.5
 * million men on a side (Berlin 1945), 50,000 guns, 20,000 tanks, a front of 3,000 km or lasted
 * a year. A value beyond these is a typing error, not an engagement, and running it would not
 * end (1e9 days is 2e9 turns).
 */
export const CDB90_LIMITS = {
  men: { max: 5_000_000, what: 'men, 1 to 5,000,000' },
  tanks: { max: 100_000, what: 'tanks, 0 to 100,000' },
  artillery: { max: 100_000, what: 'guns, 0 to 100,000' },
  airSorties: { max: 1_000_000, what: 'sorties, 0 to 1,000,000' },
  days: { max: 366, what: 'days, more than 0 and at most 366' },
  frontKm: { max: 5_000, what: 'km, more than 0 and at most 5,000' },
  cev: { max: 10, what: 'a combat effectiveness value, more than 0 and at most 10' },
} as const;

// CDB90 writes plain decimals: an exponent (1e3), hex (0x10) or Infinity is no value it holds.
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** One record's cells by column name, collecting errors and treatments as it is read. */
class RowReader {
  readonly isqno: string;
  readonly errors: Cdb90RowError[] = [];
  readonly treatments: Cdb90Treatment[] = [];
  constructor(private readonly col: Map<string, number>, readonly rec: CsvRecord) {
    this.isqno = this.get('isqno') || `line ${rec.line}`;
  }
  get(c: string): string {
    const i = this.col.get(c);
    return i === undefined ? '' : (this.rec.fields[i] ?? '').trim();
  }
  fail(column: string, message: string): void {
    this.errors.push({ isqno: this.isqno, line: this.rec.line, column, message });
  }
  treat(column: string, note: string): void {
    this.treatments.push({ column, note });
  }
  /** A coded cell: its meaning, `undefined` when empty, `null` for a "not recorded" code; an unknown code is an error. */
  code<T>(c: string, table: CodeTable<T>): T | null | undefined {
    const s = this.get(c);
    if (s === '') return undefined;
    if (!Object.prototype.hasOwnProperty.call(table.codes, s)) { this.fail(c, `has unknown code "${s}" (expected ${table.what})`); return undefined; }
    return table.codes[s];
  }
  /** A number cell in [min, max] (min exclusive when `positive`); `undefined` when empty or bad. */
  number(c: string, limit: { max: number; what: string }, positive: boolean): number | undefined {
    const s = this.get(c);
    if (s === '') return undefined;
    const v = NUMBER.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(v)) { this.fail(c, `is "${s}", not a number (expected ${limit.what})`); return undefined; }
    if ((positive ? !(v > 0) : v < 0) || v > limit.max) { this.fail(c, `is ${s} (expected ${limit.what})`); return undefined; }
    return v;
  }
  /** A date cell (YYYY-MM-DD or YYYY-MM-DDTHH:MM) in days since 1970; `undefined` when empty or bad. */
  date(c: string): number | undefined {
    const s = this.get(c);
    if (s === '') return undefined;
    const m = DATE.exec(s);
    const [y, mo, d, h, mi] = m ? m.slice(1, 6).map((x) => Number(x ?? 0)) : [];
    if (!m || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59) {
      this.fail(c, `is "${s}" (expected a date YYYY-MM-DD or YYYY-MM-DDTHH:MM)`);
      return undefined;
    }
    return Date.UTC(y, mo - 1, d, h, mi) / 86_400_000;
  }
}

/** CDB90 terrain codes → map terrain type. */
export function cdb90Terrain(t1: string, t2: string, t3: string): TerrainType | null {
  if (t3 === 'U') return 'town';
  if (t3 === 'M') return 'marsh';
  if (t1 === 'F') return 'flat';
  if (t1 === 'R') return 'rolling';
  if (t1 === 'G') return t2 === 'B' || t2 === 'D' ? 'rugged-bare' : t2 === 'W' ? 'rugged-wooded' : 'rugged-mixed';
  return null;
}

/** One row of a CDB90 table as an EngagementInput, a row the model cannot be run on, or the errors that stop it (each naming the column). */
export function rowToEngagement(header: string[], rec: CsvRecord): Cdb90RowResult {
  const col = new Map<string, number>();
  header.forEach((h, i) => col.set(h, i));
  const r = new RowReader(col, rec);
  const ground = readGround(r);
  const conditions = readConditions(r);
  const duration = readDuration(r);
  const attacker = readForce(r, 'att');
  const defender = readForce(r, 'def');
  const actual = readActual(r, attacker?.men, defender?.men);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const base: Cdb90RowBase = {
    isqno: r.isqno, name: r.get('name'), line: rec.line, campaign: r.get('campaign'),
    theatre: theatreOf(r.get('campaign'), r.get('war')), actual, treatments: r.treatments,
  };
  const missing = [attacker ? '' : 'att_strength', defender ? '' : 'def_strength', duration === null ? 'duration_days' : ''].filter(Boolean);
  if (!attacker || !defender || duration === null) {
    return { ok: true, unscored: { ...base, reason: `not run: no ${missing.join(', ')} (CDB90 records none${duration === null ? ', and no dates to take a duration from' : ''})` } };
  }
  const input: EngagementInput = { attacker, defender, ...ground, ...conditions.input, durationDays: duration };
  return { ok: true, engagement: { ...base, input, surpriseCode: conditions.surpriseCode } };
}

/** Posture, terrain and weather. Missing codes: the treatment is recorded. */
function readGround(r: RowReader): Pick<EngagementInput, 'defenderPosture' | 'terrain' | 'weather' | 'season'> {
  let posture = r.code('defender_posture', CDB90_CODES.defender_posture);
  if (posture === undefined && r.get('defender_posture') === '') {
    // The least prepared defence: a preparation the record does not show is not assumed.
    r.treat('defender_posture', 'not recorded: read as HD (hasty defence)');
  }
  posture ??= 'HD';
  let t1 = r.code('terrain1', CDB90_CODES.terrain1);
  if (t1 === undefined && r.get('terrain1') === '') r.treat('terrain1', 'not recorded: read as R (rolling)');
  t1 ??= 'R';
  const t2 = r.code('terrain2', CDB90_CODES.terrain2);
  if (t2 == null && t1 === 'G') r.treat('terrain2', 'not recorded: rugged ground read as mixed cover');
  const t3 = r.code('terrain3', CDB90_CODES.terrain3) ?? '';
  const terrain = cdb90Terrain(t1, t2 ?? '', t3) ?? 'rolling';
  const moisture = r.code('wx_moisture', CDB90_CODES.wx_moisture) ?? 'dry';
  const precipitation = r.code('wx_precip', CDB90_CODES.wx_precip) ?? 'none';
  const temperature = r.code('wx_temp', CDB90_CODES.wx_temp) ?? 'temperate';
  const season = r.code('wx_season', CDB90_CODES.wx_season) ?? 'summer';
  r.code('wx_climate', CDB90_CODES.wx_climate);
  return { defenderPosture: posture, terrain, weather: { moisture, precipitation, temperature }, season };
}

type ConditionFields = Pick<EngagementInput, 'river' | 'armourAcross' | 'night' | 'airSuperiority' | 'surprise' | 'attackerObserved' | 'staticLine' | 'frontKm'>;

/** Air superiority, surprise and the project's condition columns. */
function readConditions(r: RowReader): { input: ConditionFields; surpriseCode: number } {
  const air = r.code('air_superiority', CDB90_CODES.air_superiority);
  if (air === null) r.treat('air_superiority', `"${r.get('air_superiority')}" (not recorded): read as neither side`);
  const surpriseCode = r.code('surprise', CDB90_CODES.surprise) ?? 0;
  if (surpriseCode < 0) r.treat('surprise', `${surpriseCode}: surprise achieved by the defender; the model has no factor for it and fights the row as no surprise (the QJM-style baseline reads it)`);
  const flag = (c: string, def: boolean): boolean => r.code(c, CDB90_CODES.flag) ?? def;
  const input: ConditionFields = {
    river: r.code('river', CDB90_CODES.river) ?? 'none',
    armourAcross: flag('armour_across', true),
    night: flag('night', false),
    airSuperiority: air ?? 0,
    surprise: Math.max(0, surpriseCode) as 0 | 1 | 2 | 3,
    attackerObserved: flag('attacker_observed', false),
    staticLine: flag('static_line', false),
  };
  const frontKm = r.number('front_km_attacker', CDB90_LIMITS.frontKm, true);
  if (frontKm !== undefined) input.frontKm = frontKm;
  return { input, surpriseCode };
}

/** duration_days, or where it is empty the span from start to end (CDB90's active duration is at most that span). `null`: neither. */
function readDuration(r: RowReader): number | null {
  const days = r.number('duration_days', CDB90_LIMITS.days, true);
  const start = r.date('start');
  const end = r.date('end');
  if (start !== undefined && end !== undefined && end < start) r.fail('end', `is ${r.get('end')}, before start ${r.get('start')} (expected a date at or after the start)`);
  if (days !== undefined || r.get('duration_days') !== '') return days ?? null;
  if (start === undefined || end === undefined) return null;
  // Same start and end: an engagement within one day, counted as a 12-hour turn.
  const span = Math.min(CDB90_LIMITS.days.max, Math.max(0.5, end - start));
  r.treat('duration_days', `not recorded: ${span} days, from start to end`);
  return span;
}

/** One side's force; `null` when CDB90 records no strength for it (tanks, guns and sorties not recorded count as none). */
function readForce(r: RowReader, p: 'att' | 'def'): CombatForce | null {
  const men = r.number(`${p}_strength`, CDB90_LIMITS.men, true);
  const count = (c: string, limit: { max: number; what: string }): number => {
    const v = r.number(c, limit, false);
    if (v === undefined && r.get(c) === '') r.treat(c, 'not recorded: none counted');
    return v ?? 0;
  };
  const force: CombatForce = {
    men: men ?? 0,
    tanks: count(`${p}_tanks`, CDB90_LIMITS.tanks),
    artillery: count(`${p}_artillery`, CDB90_LIMITS.artillery),
    airSorties: count(`${p}_air_sorties`, CDB90_LIMITS.airSorties),
    cohesion: 1,
    fatigue: 0,
    supply: 1,
    quality: r.number(`${p}_cev`, CDB90_LIMITS.cev, true) ?? 1,
  };
  return men === undefined ? null : force;
}

/** Recorded losses (each at most the side's strength) and winner; empty cells are not scored. */
function readActual(r: RowReader, attMen: number | undefined, defMen: number | undefined): Cdb90RowBase['actual'] {
  const loss = (c: string, men: number | undefined): number | null => {
    const v = r.number(c, CDB90_LIMITS.men, false);
    if (v === undefined) return null;
    if (men !== undefined && v > men) { r.fail(c, `is ${v}, more than the side's strength ${men} (expected 0 to ${men})`); return null; }
    return v;
  };
  return {
    attLosses: loss('att_losses', attMen),
    defLosses: loss('def_losses', defMen),
    attackerWon: r.code('attacker_won', CDB90_CODES.attacker_won) ?? null,
  };
}

/** Columns of a conditions sidecar (data/cdb90/italy-1943-44-conditions.csv): isqno, then any of these. */
export const CONDITION_COLUMNS = ['river', 'armour_across', 'night', 'attacker_observed', 'static_line'] as const;
/** Columns a conditions sidecar may carry besides isqno and the conditions: notes, not read by the model. */
export const CONDITION_NOTE_COLUMNS = ['source', 'note'] as const;

export interface ConditionsRow {
  isqno: string;
  /** 1-based line of the sidecar on which the row starts. */
  line: number;
  /** The non-empty condition fields of the row (empty fields leave the main file's value). */
  values: Partial<Record<(typeof CONDITION_COLUMNS)[number], string>>;
}

/** Which file a row error comes from, where it is not the main CDB90 file. */
export interface Cdb90SidecarError extends Cdb90RowError { file: 'conditions' }

const CONDITION_CODES: Record<(typeof CONDITION_COLUMNS)[number], { ok: readonly string[]; what: string }> = {
  river: { ok: ['none', 'fordable', 'unfordable'], what: 'none, fordable or unfordable' },
  armour_across: { ok: ['1', '0', 'true', 'false'], what: '1 or 0' },
  night: { ok: ['1', '0', 'true', 'false'], what: '1 or 0' },
  attacker_observed: { ok: ['1', '0', 'true', 'false'], what: '1 or 0' },
  static_line: { ok: ['1', '0', 'true', 'false'], what: '1 or 0' },
};

/**
 * Parses a conditions sidecar: one row per isqno with the project's condition columns (river,
 * armour_across, night, attacker_observed; empty = not stated) and a free-text source. Bad values,
 * a missing isqno and a repeated isqno are row errors; a file without an isqno column, without any
 * condition column or with a column of another name throws.
 */
export function parseConditionsCsv(text: string, file = 'the conditions file'): { rows: Map<string, ConditionsRow>; errors: Cdb90SidecarError[] } {
  const table = parseCsv(text, file);
  if (table.header.length === 0) throw new Error('the file is empty (expected a header line: isqno, river, armour_across, night, attacker_observed, source)');
  if (!table.header.includes('isqno')) throw new Error('the header lacks the column isqno');
  const known = new Set<string>(['isqno', ...CONDITION_COLUMNS, ...CONDITION_NOTE_COLUMNS]);
  const unknown = table.header.filter((h) => !known.has(h));
  if (unknown.length > 0) {
    throw new Error(`the header has the unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expected isqno, ${CONDITION_COLUMNS.join(', ')}, ${CONDITION_NOTE_COLUMNS.join(', ')})`);
  }
  if (!CONDITION_COLUMNS.some((c) => table.header.includes(c))) {
    throw new Error(`the header has none of the condition columns ${CONDITION_COLUMNS.join(', ')}`);
  }
  const col = new Map<string, number>();
  table.header.forEach((h, i) => col.set(h, i));
  const rows = new Map<string, ConditionsRow>();
  const errors: Cdb90SidecarError[] = [];
  for (const rec of table.records) {
    const get = (c: string): string => {
      const i = col.get(c);
      return i === undefined ? '' : (rec.fields[i] ?? '').trim();
    };
    const isqno = get('isqno');
    if (isqno === '') {
      errors.push({ file: 'conditions', isqno: `line ${rec.line}`, line: rec.line, column: 'isqno', message: 'is missing (the row of the CDB90 file it annotates)' });
      continue;
    }
    const rowErrors: Cdb90SidecarError[] = [];
    const prior = rows.get(isqno);
    if (prior) {
      rowErrors.push({ file: 'conditions', isqno, line: rec.line, column: 'isqno', message: `repeats the row of line ${prior.line}` });
    }
    const values: ConditionsRow['values'] = {};
    for (const c of CONDITION_COLUMNS) {
      const v = get(c);
      if (v === '') continue;
      if (!CONDITION_CODES[c].ok.includes(v)) {
        rowErrors.push({ file: 'conditions', isqno, line: rec.line, column: c, message: `has unknown code "${v}" (expected ${CONDITION_CODES[c].what} or empty)` });
      } else values[c] = v;
    }
    if (rowErrors.length > 0) { errors.push(...rowErrors); continue; }
    rows.set(isqno, { isqno, line: rec.line, values });
  }
  return { rows, errors };
}

/** The rows of one or more CDB90 files, in file order. */
export interface Cdb90Parsed {
  engagements: Cdb90Engagement[];
  unscored: Cdb90Unscored[];
  errors: Cdb90RowError[];
  order: Array<Cdb90Engagement | Cdb90Unscored | Cdb90RowError[]>;
}

export interface Cdb90Conditions {
  rows: Map<string, ConditionsRow>;
  /** isqnos whose sidecar row was bad, with its line. */
  rejected?: Map<string, number>;
}

/**
 * Parses a CDB90 CSV text into engagements, rows the model cannot be run on, and per-row errors
 * (file-level problems throw). With `conditions` (a parsed sidecar), each row whose isqno the
 * sidecar lists takes the sidecar's non-empty condition fields in place of its own; a sidecar row
 * for an isqno the file does not have is an error naming the sidecar's line. `rejected` lists
 * isqnos whose sidecar row was bad: those rows are skipped (their conditions are unknown) with an
 * error. A repeated isqno is an error. `seen` (isqno → where it was first read) is shared by the
 * files of one run: then a repeat across files is an error too, and the caller checks the
 * sidecar's rows against all the files (unmatchedConditions).
 */
export function parseCdb90Csv(text: string, conditions?: Cdb90Conditions, seen?: Map<string, string>, file = 'the CDB90 file'): Cdb90Parsed {
  const table = parseCsv(text, file);
  if (table.header.length === 0) throw new Error('the file is empty (expected a CDB90 header line)');
  const missing = missingCdb90Columns(table.header);
  if (missing.length > 0) throw new Error(`the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const header = [...table.header];
  const isqnoCol = header.indexOf('isqno');
  if (conditions) for (const c of CONDITION_COLUMNS) if (!header.includes(c)) header.push(c);
  const out: Cdb90Parsed = { engagements: [], unscored: [], errors: [], order: [] };
  const fail = (e: Cdb90RowError[]) => { out.errors.push(...e); out.order.push(e); };
  const ids = seen ?? new Map<string, string>();
  for (const rec0 of table.records) {
    const isqno = (rec0.fields[isqnoCol] ?? '').trim();
    const first = ids.get(isqno);
    if (isqno !== '' && first !== undefined) {
      fail([{ isqno, line: rec0.line, column: 'isqno', message: `repeats the row of ${first} (expected each isqno once)` }]);
      continue;
    }
    if (isqno !== '') ids.set(isqno, `line ${rec0.line}`);
    const bad = conditions?.rejected?.get(isqno);
    if (bad !== undefined) {
      fail([{ isqno, line: rec0.line, column: 'conditions', message: `has a bad row in the conditions file (line ${bad}); skipped` }]);
      continue;
    }
    const r = rowToEngagement(header, withConditions(header, rec0, conditions?.rows.get(isqno)));
    if (!r.ok) fail(r.errors);
    else if ('engagement' in r) { out.engagements.push(r.engagement); out.order.push(r.engagement); }
    else { out.unscored.push(r.unscored); out.order.push(r.unscored); }
  }
  const unmatched = conditions && !seen ? unmatchedConditions(conditions.rows, ids) : [];
  if (unmatched.length > 0) fail(unmatched);
  return out;
}

/** The record with the sidecar's non-empty condition fields in place of its own. */
function withConditions(header: string[], rec: CsvRecord, side: ConditionsRow | undefined): CsvRecord {
  if (!side) return rec;
  const fields = [...rec.fields];
  while (fields.length < header.length) fields.push('');
  for (const [c, v] of Object.entries(side.values)) fields[header.indexOf(c)] = v;
  return { line: rec.line, fields };
}

/** Sidecar rows for an isqno no CDB90 file of the run has: each an error naming the sidecar's line. */
export function unmatchedConditions(rows: Map<string, ConditionsRow>, seen: Map<string, string>): Cdb90SidecarError[] {
  return [...rows.values()].filter((row) => !seen.has(row.isqno)).map((row) => (
    { file: 'conditions', isqno: row.isqno, line: row.line, column: 'isqno', message: 'names a row that is not in the CDB90 file' }
  ));
}
