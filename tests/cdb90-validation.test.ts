// The bar: the combat model against 24 real engagements of Italy 1943-44 (CDB90), fixed seed.
// "The calibration file" is the verbatim CDB90 extract plus the documented conditions sidecar
// (river, armour across, night, observed approach: data/cdb90/italy-1943-44-conditions.csv).
// Fails when the model slips below the documented figures (see VALIDATION.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCdb90Csv, parseConditionsCsv, type Cdb90Engagement } from '../engine/core/models/cdb90.ts';
import { engageCommand, runEngagement, type EngageRowResult } from '../engine/node/engage.ts';
import { cli } from './cli-helpers.ts';

const FILE = 'data/cdb90/italy-1943-44-calibration.csv';
const CONDITIONS = 'data/cdb90/italy-1943-44-conditions.csv';
const RUNS = 201;
const SEED = '1';

const sidecar = parseConditionsCsv(readFileSync(CONDITIONS, 'utf8'));
const withConditions = parseCdb90Csv(readFileSync(FILE, 'utf8'), { rows: sidecar.rows });
const verbatim = parseCdb90Csv(readFileSync(FILE, 'utf8'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
const err = (pred: number, act: number) => Math.abs(Math.log10(pred / act));

interface Figures { att: number; def: number; attWithin2: number; defWithin2: number; winnerRight: number; decided: number; results: Map<string, EngageRowResult> }

function figures(engagements: Cdb90Engagement[]): Figures {
  const results = new Map<string, EngageRowResult>(engagements.map((e) => [e.isqno, runEngagement(e, RUNS, SEED)]));
  const ea = engagements.map((e) => err(results.get(e.isqno)!.attLosses, e.actual.attLosses!));
  const ed = engagements.map((e) => err(results.get(e.isqno)!.defLosses, e.actual.defLosses!));
  const within = (xs: number[]) => xs.filter((x) => x <= Math.log10(2)).length / xs.length;
  const decided = engagements.filter((e) => e.actual.attackerWon === 1 || e.actual.attackerWon === -1);
  const right = decided.filter((e) => (results.get(e.isqno)!.attackerWins > 0.5) === (e.actual.attackerWon === 1));
  return {
    att: median(ea), def: median(ed), attWithin2: within(ea), defWithin2: within(ed),
    winnerRight: right.length, decided: decided.length, results,
  };
}

describe('CDB90 calibration (Italy 1943-44) with the conditions sidecar, seed 1, 201 runs', () => {
  const { engagements, errors } = withConditions;
  const f = figures(engagements);

  it('reads all 24 rows and the sidecar without errors; the sidecar annotates the Volturno crossings, the Rapido and the static lines', () => {
    expect(sidecar.errors).toEqual([]);
    expect(errors).toEqual([]);
    expect(engagements.length).toBe(24);
    // Every row: the German static lines of 1943-44 (static_line), 418 a British defence (0).
    expect(sidecar.rows.size).toBe(24);
    expect(engagements.filter((e) => e.input.staticLine).map((e) => e.isqno)).not.toContain('418');
    expect(engagements.filter((e) => e.input.staticLine).length).toBe(23);
    const rapido = engagements.find((e) => e.isqno === '605')!.input;
    expect([rapido.river, rapido.armourAcross, rapido.night, rapido.attackerObserved]).toEqual(['fordable', false, true, true]);
  });

  for (const side of ['att', 'def'] as const) {
    const name = side === 'att' ? 'attacker' : 'defender';
    it(`${name} losses: median |log10(predicted/actual)| ≤ 0.20 and ≥ 70% of rows within a factor of 2`, () => {
      expect(f[side]).toBeLessThanOrEqual(0.2);
      expect(side === 'att' ? f.attWithin2 : f.defWithin2).toBeGreaterThanOrEqual(0.7);
    });
  }

  it('predicts the winner in ≥ 80% of the rows with a decided outcome', () => {
    expect(f.decided).toBe(23);
    expect(f.winnerRight / f.decided).toBeGreaterThanOrEqual(0.8);
  });

  it('the Rapido crossing (rows 605-608): the attacker loses, with many times the defender’s losses', () => {
    for (const id of ['605', '606', '607', '608']) {
      const r = f.results.get(id)!;
      expect(r.attLosses).toBeGreaterThanOrEqual(5 * r.defLosses);
      expect(r.attackerWins).toBeLessThan(0.5);
    }
  });
});

// The verbatim file alone (CDB90's columns only: no river, night, armour or observation) does not
// meet the bar: the Rapido rows look like an ordinary 4:1 attack. Measured with seed 1,
// 201 runs: attacker 0.164, defender 0.187, within ×2 16/24 and 18/24, winner 15/23 (the four Rapido
// rows and 405, 409, 418, 422 wrong). A regression guard: fails if any figure gets worse.
describe('CDB90 calibration, verbatim file without the sidecar (regression guard)', () => {
  const { engagements, errors } = verbatim;
  const f = figures(engagements);

  it('parses with no row errors', () => {
    expect(errors).toEqual([]);
    expect(engagements.length).toBe(24);
    for (const e of engagements) {
      expect(e.input.river).toBe('none');
      expect(e.input.night).toBe(false);
    }
  });

  it('is no worse than measured: attacker 0.164, defender 0.187, 16/24 and 18/24 within ×2, winner 15/23', () => {
    expect(f.att).toBeLessThanOrEqual(0.165);
    expect(f.def).toBeLessThanOrEqual(0.188);
    expect(f.attWithin2 * 24).toBeGreaterThanOrEqual(16);
    expect(f.defWithin2 * 24).toBeGreaterThanOrEqual(18);
    expect(f.winnerRight).toBeGreaterThanOrEqual(15);
  });
});

describe('conditions sidecar', () => {
  const header = readFileSync(FILE, 'utf8').split(/\r?\n/)[0];
  const row403 = readFileSync(FILE, 'utf8').split(/\r?\n/).find((l) => l.startsWith('403,'))!;

  it('replaces the row’s own condition columns with its non-empty fields', () => {
    const main = `${header},river,night\n${row403},unfordable,0\n`;
    const side = parseConditionsCsv('isqno,river,night,source\n403,fordable,,a note\n');
    const e = parseCdb90Csv(main, { rows: side.rows }).engagements[0].input;
    expect(e.river).toBe('fordable');
    expect(e.night).toBe(false);
    expect(parseCdb90Csv(main).engagements[0].input.river).toBe('unfordable');
  });

  it('reports bad values and unknown isqnos by line', () => {
    const side = parseConditionsCsv('isqno,river,night\n403,deep,1\n999,fordable,1\n');
    expect(side.errors).toEqual([expect.objectContaining({ file: 'conditions', isqno: '403', line: 2, column: 'river' })]);
    const parsed = parseCdb90Csv(`${header}\n${row403}\n`, { rows: side.rows });
    expect(parsed.errors).toEqual([expect.objectContaining({ file: 'conditions', isqno: '999', line: 3 })]);
    expect(() => parseConditionsCsv('isqno,rivers\n403,fordable\n')).toThrow(/unknown column rivers/);
    expect(() => parseConditionsCsv('river\nfordable\n')).toThrow(/isqno/);
  });
});

describe('cassino engage on a broken file', () => {
  let out: string[];
  let errs: string[];
  beforeEach(() => {
    out = [];
    errs = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { errs.push(a.join(' ')); });
  });
  afterEach(() => { vi.restoreAllMocks(); });

  const lines = readFileSync(FILE, 'utf8').trim().split(/\r?\n/);
  const header = lines[0];
  const cols = header.split(',');
  const row = (isqno: string) => lines.find((l) => l.startsWith(`${isqno},`))!;
  const setField = (line: string, column: string, value: string) => {
    // Rows with quoted names: rebuild through the parser-independent column index of the simple fields.
    // (The pattern also matches the empty string at the end of the line: not a field.)
    const parts = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((p) => p.replace(/,$/, '')).slice(0, cols.length);
    parts[cols.indexOf(column)] = value;
    return parts.join(',');
  };

  it('names the row and column of each bad value, still prints the other rows, and returns 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassino-engage-'));
    const file = join(dir, 'broken.csv');
    writeFileSync(file, [
      header,
      row('403'),
      setField(row('404'), 'att_strength', 'many'),
      setField(row('605'), 'duration_days', '-1'),
      setField(row('410'), 'defender_posture', 'XX'),
      row('606'),
      setField(row('607'), 'att_strength', '1e3'),
    ].join('\n') + '\n');
    const code = await engageCommand([file, '--runs', '11', '--seed', '3']);
    expect(code).toBe(1);
    const e = errs.join('\n');
    expect(e).toMatch(/broken\.csv: row 404 \(line 3\), column att_strength: is "many", not a number \(expected men, 1 to 5,000,000\)/);
    expect(e).toMatch(/605.*line 4.*duration_days/);
    expect(e).toMatch(/410.*line 5.*defender_posture/);
    // CDB90 writes plain decimals: an exponent is no value it holds.
    expect(e).toMatch(/broken\.csv: row 607 \(line 7\), column att_strength: is "1e3", not a number/);
    const o = out.join('\n');
    expect(o).toMatch(/^403 /m);
    expect(o).toMatch(/^606 /m);
    expect(o).not.toMatch(/^404 /m);
  });

  it('--json prints only a JSON array; a missing file is a usage error (2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassino-engage-'));
    const file = join(dir, 'ok.csv');
    writeFileSync(file, [header, row('607'), row('403')].join('\r\n'));
    expect(await engageCommand([file, '--json', '--runs', '5'])).toBe(0);
    const parsed = JSON.parse(out.join('\n'));
    expect(parsed.map((r: EngageRowResult) => r.isqno)).toEqual(['607', '403']);
    expect(Object.keys(parsed[0]).sort()).toEqual(['attLosses', 'attackerWins', 'defLosses', 'isqno']);
    // Rows are independent of order: the same row gives the same figures alone.
    out = [];
    writeFileSync(file, [header, row('403')].join('\n'));
    await engageCommand([file, '--json', '--runs', '5']);
    expect(JSON.parse(out.join('\n'))[0]).toEqual(parsed[1]);
    expect(await engageCommand([join(dir, 'nope.csv')])).toBe(2);
    expect(errs.join('\n')).toMatch(/cannot read .*nope\.csv/);
    expect(await engageCommand([file, '--runs', 'x'])).toBe(2);
    const help = await cli(['engage', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cassino engage FILE\.csv/);
    expect(help.out).toMatch(/--cv MODE/);
  });

  it('--conditions merges a sidecar; a sidecar row for an isqno not in the file is an error naming its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassino-engage-'));
    const file = join(dir, 'ok.csv');
    const side = join(dir, 'cond.csv');
    writeFileSync(file, [header, row('605'), row('403')].join('\n'));
    writeFileSync(side, 'isqno,river,armour_across,night,attacker_observed,source\n605,fordable,0,1,1,history\n');
    expect(await engageCommand([file, '--conditions', side, '--json', '--runs', '5'])).toBe(0);
    const merged = JSON.parse(out.join('\n'));
    out = [];
    expect(await engageCommand([file, '--json', '--runs', '5'])).toBe(0);
    const plain = JSON.parse(out.join('\n'));
    expect(merged[1]).toEqual(plain[1]);
    expect(merged[0].attackerWins).toBeLessThan(plain[0].attackerWins);
    writeFileSync(side, 'isqno,river,night,source\n605,fordable,1,history\n777,fordable,1,typo\n403,wide,1,bad\n');
    out = [];
    errs = [];
    expect(await engageCommand([file, '--conditions', side, '--runs', '5'])).toBe(1);
    const e = errs.join('\n');
    expect(e).toMatch(/cond\.csv: row 777 \(line 3\), column isqno: names a row that is not in the CDB90 file/);
    expect(e).toMatch(/cond\.csv: row 403 \(line 4\), column river/);
    expect(out.join('\n')).toMatch(/^605 /m);
    expect(out.join('\n')).not.toMatch(/^403 /m);
    expect(await engageCommand([file, '--conditions', join(dir, 'none.csv')])).toBe(2);
    expect(await engageCommand([file, '--conditions'])).toBe(2);
  });
});
