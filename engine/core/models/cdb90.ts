// Rows of the CDB90 engagement database (the tidy edition, jrnold/CDB90, one row per engagement
// with attacker and defender side by side, as in data/cdb90/) mapped onto the combat model's
// EngagementInput. Pure: the caller reads the file. The mapping is documented in VALIDATION.md
// ("How engagement inputs map onto the model's factors").
import type { TerrainType } from '../map.ts';
import type { CombatForce, DefenderPosture, EngagementInput, Season } from './combat-types.ts';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
  const rows: CsvRecord[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const endRecord = () => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0].trim() === '')) rows.push({ line: start, fields });
    fields = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') inQuotes = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...records] = rows;
  return { header: head ? head.fields.map((h) => h.trim()) : [], records };
}

/** Columns a CDB90 file must have (the format of data/cdb90/). */
export const CDB90_REQUIRED_COLUMNS = [
  'isqno', 'duration_days', 'defender_posture', 'terrain1', 'att_strength', 'def_strength',
] as const;

/**
 * Optional columns: the CDB90 ones (absent or empty → the default noted) and four extensions of
 * this project for conditions CDB90 does not record: river (none | fordable | unfordable),
 * armour_across (1/0, default 1), night (1/0, default 0: 1 = a night assault, its first half day
 * dark), attacker_observed (1/0, default 0) — also mergeable from a sidecar (parseConditionsCsv) —
 * and att_cev / def_cev (combat effectiveness value, default 1).
 */
export const CDB90_OPTIONAL_COLUMNS = [
  'name', 'terrain2', 'terrain3', 'wx_moisture', 'wx_precip', 'wx_temp', 'wx_season', 'front_km_attacker',
  'air_superiority', 'surprise', 'attacker_won', 'att_losses', 'def_losses', 'att_tanks', 'def_tanks',
  'att_artillery', 'def_artillery', 'att_air_sorties', 'def_air_sorties',
  'river', 'armour_across', 'night', 'attacker_observed', 'att_cev', 'def_cev',
] as const;

/** The columns of `header` that a CDB90 file needs but lacks. */
export function missingCdb90Columns(header: string[]): string[] {
  return CDB90_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
}

export interface Cdb90Engagement {
  isqno: string;
  name: string;
  line: number;
  input: EngagementInput;
  /** The recorded outcome, where the row gives it. */
  actual: { attLosses: number | null; defLosses: number | null; attackerWon: -1 | 0 | 1 | null };
}

export interface Cdb90RowError {
  isqno: string;
  line: number;
  column: string;
  message: string;
  /** Set when the error is in the conditions sidecar (line is then the sidecar's). */
  file?: 'conditions';
}

export type Cdb90RowResult = { ok: true; engagement: Cdb90Engagement } | { ok: false; errors: Cdb90RowError[] };

const POSTURES: Record<string, DefenderPosture> = { HD: 'HD', PD: 'PD', FD: 'FD', DL: 'DL', WD: 'WD' };
const SEASONS: Record<string, Season> = { W: 'winter', $: 'spring', S: 'summer', F: 'autumn' };

/** CDB90 terrain codes → map terrain type. */
export function cdb90Terrain(t1: string, t2: string, t3: string): TerrainType | null {
  if (t3 === 'U') return 'town';
  if (t3 === 'M') return 'marsh';
  if (t1 === 'F') return 'flat';
  if (t1 === 'R') return 'rolling';
  if (t1 === 'G') return t2 === 'B' || t2 === 'D' ? 'rugged-bare' : t2 === 'W' ? 'rugged-wooded' : 'rugged-mixed';
  return null;
}

/** One row of a CDB90 table as an EngagementInput, or the errors that stop it (each naming the column). */
export function rowToEngagement(header: string[], rec: CsvRecord): Cdb90RowResult {
  const col = new Map<string, number>();
  header.forEach((h, i) => col.set(h, i));
  const get = (c: string): string => {
    const i = col.get(c);
    return i === undefined ? '' : (rec.fields[i] ?? '').trim();
  };
  const isqno = get('isqno') || `line ${rec.line}`;
  const errors: Cdb90RowError[] = [];
  const fail = (column: string, message: string) => errors.push({ isqno, line: rec.line, column, message });

  const num = (c: string, opts: { required?: boolean; min?: number; positive?: boolean; def?: number }): number => {
    const s = get(c);
    if (s === '') {
      if (opts.required) fail(c, 'is missing (a number is needed)');
      return opts.def ?? 0;
    }
    const v = Number(s);
    if (!Number.isFinite(v)) { fail(c, `is "${s}", not a number`); return opts.def ?? 0; }
    if (opts.positive && !(v > 0)) { fail(c, `is ${s}, but must be greater than 0`); return opts.def ?? 0; }
    if (opts.min !== undefined && v < opts.min) { fail(c, `is ${s}, but must be at least ${opts.min}`); return opts.def ?? 0; }
    return v;
  };
  const code = <T>(c: string, table: Record<string, T>, def: T | null, what: string): T => {
    const s = get(c);
    if (s === '') {
      if (def === null) fail(c, `is missing (expected ${what})`);
      return def as T;
    }
    if (!Object.prototype.hasOwnProperty.call(table, s)) { fail(c, `has unknown code "${s}" (expected ${what})`); return def as T; }
    return table[s];
  };
  const flag = (c: string, def: boolean): boolean => code(c, { '1': true, '0': false, true: true, false: false }, def, '1 or 0');

  const duration = num('duration_days', { required: true, positive: true });
  const posture = code('defender_posture', POSTURES, null, 'HD, PD, FD, DL or WD');
  const t1 = get('terrain1');
  const t2 = get('terrain2');
  const t3 = get('terrain3');
  if (!['F', 'R', 'G'].includes(t1)) fail('terrain1', t1 === '' ? 'is missing (expected F, R or G)' : `has unknown code "${t1}" (expected F, R or G)`);
  if (!['', '0', 'B', 'M', 'D', 'W'].includes(t2)) fail('terrain2', `has unknown code "${t2}" (expected B, M, D, W or empty)`);
  if (!['', '0', 'M', 'U', 'D'].includes(t3)) fail('terrain3', `has unknown code "${t3}" (expected M, U, D or empty)`);
  const terrain = cdb90Terrain(t1, t2, t3) ?? 'flat';
  const moisture = code('wx_moisture', { D: 'dry', W: 'wet' } as const, 'dry', 'D or W');
  const precipitation = code('wx_precip', { S: 'none', O: 'none', L: 'light', H: 'heavy' } as const, 'none', 'S, O, L, H or empty');
  const temperature = code('wx_temp', { H: 'hot', T: 'temperate', C: 'cold' } as const, 'temperate', 'H, T or C');
  const season = code('wx_season', SEASONS, 'summer', 'W, $, S or F');
  const airSuperiority = code('air_superiority', { '1': 1, '-1': -1, '0': 0 } as const, 0, '1, -1 or 0');
  const surprise = code('surprise', { '0': 0, '1': 1, '2': 2, '3': 3 } as const, 0, '0, 1, 2 or 3');
  const attackerWonStr = get('attacker_won');
  const attackerWon = attackerWonStr === '' ? null : code('attacker_won', { '1': 1, '-1': -1, '0': 0 } as const, null, '1, -1, 0 or empty');
  const river = code('river', { none: 'none', fordable: 'fordable', unfordable: 'unfordable' } as const, 'none', 'none, fordable or unfordable');
  const armourAcross = flag('armour_across', true);
  const night = flag('night', false);
  const attackerObserved = flag('attacker_observed', false);
  const frontStr = get('front_km_attacker');
  const frontKm = frontStr === '' ? undefined : num('front_km_attacker', { positive: true });

  const side = (p: 'att' | 'def'): CombatForce => ({
    men: num(`${p}_strength`, { required: true, positive: true }),
    tanks: num(`${p}_tanks`, { min: 0 }),
    artillery: num(`${p}_artillery`, { min: 0 }),
    airSorties: num(`${p}_air_sorties`, { min: 0 }),
    cohesion: 1,
    fatigue: 0,
    supply: 1,
    quality: num(`${p}_cev`, { positive: true, def: 1 }),
  });
  const attacker = side('att');
  const defender = side('def');
  const loss = (c: string, men: number): number | null => {
    if (get(c) === '') return null;
    const v = num(c, { min: 0 });
    if (men > 0 && v > men) fail(c, `is ${v}, more than the side's strength ${men}`);
    return v;
  };
  const attLosses = loss('att_losses', attacker.men);
  const defLosses = loss('def_losses', defender.men);

  if (errors.length > 0) return { ok: false, errors };
  const input: EngagementInput = {
    attacker, defender, defenderPosture: posture, terrain,
    weather: { moisture, precipitation, temperature }, season,
    river, armourAcross, night, airSuperiority, surprise, attackerObserved,
    durationDays: duration,
  };
  if (frontKm !== undefined) input.frontKm = frontKm;
  return {
    ok: true,
    engagement: {
      isqno, name: get('name'), line: rec.line, input,
      actual: { attLosses, defLosses, attackerWon: attackerWon as -1 | 0 | 1 | null },
    },
  };
}

/** Columns of a conditions sidecar (data/cdb90/italy-1943-44-conditions.csv): isqno, then any of these. */
export const CONDITION_COLUMNS = ['river', 'armour_across', 'night', 'attacker_observed'] as const;
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
};

/**
 * Parses a conditions sidecar: one row per isqno with the project's condition columns (river,
 * armour_across, night, attacker_observed; empty = not stated) and a free-text source. Bad values,
 * a missing isqno and a repeated isqno are row errors; a file without an isqno column, without any
 * condition column or with a column of another name throws.
 */
export function parseConditionsCsv(text: string): { rows: Map<string, ConditionsRow>; errors: Cdb90SidecarError[] } {
  const table = parseCsv(text);
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

/**
 * Parses a CDB90 CSV text into engagements and per-row errors (file-level problems throw). With
 * `conditions` (a parsed sidecar), each row whose isqno the sidecar lists takes the sidecar's
 * non-empty condition fields in place of its own; a sidecar row for an isqno the file does not
 * have is an error naming the sidecar's line. `rejected` lists isqnos whose sidecar row was bad:
 * those rows are skipped (their conditions are unknown) with an error.
 */
export function parseCdb90Csv(
  text: string,
  conditions?: { rows: Map<string, ConditionsRow>; rejected?: Map<string, number> },
): { engagements: Cdb90Engagement[]; errors: Cdb90RowError[]; order: Array<Cdb90Engagement | Cdb90RowError[]> } {
  const table = parseCsv(text);
  if (table.header.length === 0) throw new Error('the file is empty (expected a CDB90 header line)');
  const missing = missingCdb90Columns(table.header);
  if (missing.length > 0) throw new Error(`the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const header = [...table.header];
  const isqnoCol = header.indexOf('isqno');
  if (conditions) for (const c of CONDITION_COLUMNS) if (!header.includes(c)) header.push(c);
  const engagements: Cdb90Engagement[] = [];
  const errors: Cdb90RowError[] = [];
  const order: Array<Cdb90Engagement | Cdb90RowError[]> = [];
  const seen = new Set<string>();
  for (const rec0 of table.records) {
    let rec = rec0;
    const isqno = (rec0.fields[isqnoCol] ?? '').trim();
    seen.add(isqno);
    if (conditions) {
      const bad = conditions.rejected?.get(isqno);
      if (bad !== undefined) {
        const e: Cdb90RowError[] = [{ isqno, line: rec0.line, column: 'conditions', message: `has a bad row in the conditions file (line ${bad}); skipped` }];
        errors.push(...e);
        order.push(e);
        continue;
      }
      const side = conditions.rows.get(isqno);
      if (side) {
        const fields = [...rec0.fields];
        while (fields.length < header.length) fields.push('');
        for (const [c, v] of Object.entries(side.values)) fields[header.indexOf(c)] = v;
        rec = { line: rec0.line, fields };
      }
    }
    const r = rowToEngagement(header, rec);
    if (r.ok) { engagements.push(r.engagement); order.push(r.engagement); } else { errors.push(...r.errors); order.push(r.errors); }
  }
  if (conditions) {
    for (const row of conditions.rows.values()) {
      if (seen.has(row.isqno)) continue;
      const e: Cdb90SidecarError[] = [{ file: 'conditions', isqno: row.isqno, line: row.line, column: 'isqno', message: 'names a row that is not in the CDB90 file' }];
      errors.push(...e);
      order.push(e);
    }
  }
  return { engagements, errors, order };
}
