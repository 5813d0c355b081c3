// Reading every CDB90 value (issue 21, item 1) and the measuring instrument of `cassino engage
// --report` (item 2): the QJM-style and null baselines, scores, and the cross-validation harness.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CDB90_CODES, parseCdb90Csv, type Cdb90Engagement } from '../engine/core/models/cdb90.ts';
import { crossValidate, fitNull, logError, median, nullModel, predictAll, scoreRows } from '../engine/core/models/engagement-scores.ts';
import { qjmPredict } from '../engine/core/models/qjm-baseline.ts';
import { cli } from './cli-helpers.ts';

const ITALY = 'data/cdb90/italy-1943-44-calibration.csv';
const OTHERS = 'data/cdb90/wwii-other-theatres.csv';
const CONDITIONS = 'data/cdb90/italy-1943-44-conditions.csv';

const lines = readFileSync(ITALY, 'utf8').trim().split(/\r?\n/);
const header = lines[0];
const cols = header.split(',');
const row = (isqno: string) => lines.find((l) => l.startsWith(`${isqno},`))!;
const setFields = (line: string, values: Record<string, string>) => {
  const parts = line.split(',');
  for (const [c, v] of Object.entries(values)) parts[cols.indexOf(c)] = v;
  return parts.join(',');
};
const parseOne = (values: Record<string, string>) => parseCdb90Csv(`${header}\n${setFields(row('403'), values)}\n`);

function tmpFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cassino-cdb90-')), name);
  writeFileSync(file, text);
  return file;
}

describe('every CDB90 value is read', () => {
  it('every code of every coded column parses, and the shipped 145 rows give no error', () => {
    const columns = ['defender_posture', 'terrain1', 'terrain2', 'terrain3', 'wx_moisture', 'wx_precip', 'wx_temp', 'wx_season', 'wx_climate', 'air_superiority', 'surprise', 'attacker_won'] as const;
    for (const c of columns) {
      for (const v of Object.keys(CDB90_CODES[c].codes)) {
        const p = parseOne({ [c]: v });
        expect(p.errors, `${c} = ${v}`).toEqual([]);
        expect(p.engagements.length, `${c} = ${v}`).toBe(1);
      }
    }
    for (const file of [ITALY, OTHERS]) expect(parseCdb90Csv(readFileSync(file, 'utf8')).errors).toEqual([]);
    const others = parseCdb90Csv(readFileSync(OTHERS, 'utf8'));
    expect(others.engagements.length + others.unscored.length).toBe(121);
  });

  it('surprise by the defender is valid: fought as none by the model, kept for the QJM-style baseline, and said so', () => {
    const e = parseOne({ surprise: '-2' }).engagements[0];
    expect(e.input.surprise).toBe(0);
    expect(e.surpriseCode).toBe(-2);
    expect(e.treatments).toEqual([expect.objectContaining({ column: 'surprise' })]);
    // The defender's surprise makes the attacker's losses larger in the baseline.
    const none = parseOne({ surprise: '0' }).engagements[0];
    expect(qjmPredict(e.input, -2).attLosses).toBeGreaterThan(qjmPredict(none.input, 0).attLosses);
  });

  it('a missing duration is imputed from the dates; without dates the row is read and not run', () => {
    const e = parseOne({ duration_days: '', start: '1943-10-12T00:00', end: '1943-10-15T12:00' }).engagements[0];
    expect(e.input.durationDays).toBe(3.5);
    expect(e.treatments).toEqual([expect.objectContaining({ column: 'duration_days', note: expect.stringMatching(/from start to end/) })]);
    const p = parseOne({ duration_days: '', start: '', end: '' });
    expect(p.errors).toEqual([]);
    expect(p.unscored[0].reason).toMatch(/no duration_days/);
  });

  it('a missing strength, posture or air superiority is a treatment, not a refusal', () => {
    expect(parseOne({ att_strength: '' }).unscored[0].reason).toMatch(/no att_strength/);
    const e = parseOne({ defender_posture: '', air_superiority: '9', att_tanks: '' }).engagements[0];
    expect(e.input.defenderPosture).toBe('HD');
    expect(e.input.airSuperiority).toBe(0);
    expect(e.input.attacker.tanks).toBe(0);
    expect(e.treatments.map((t) => t.column).sort()).toEqual(['air_superiority', 'att_tanks', 'defender_posture']);
  });

  it('refuses values CDB90 cannot hold, naming the column and the values expected', () => {
    const msg = (values: Record<string, string>) => parseOne(values).errors.map((e) => `${e.column}: ${e.message}`);
    expect(msg({ att_strength: '90000000' })).toEqual(['att_strength: is 90000000 (expected men, 1 to 5,000,000)']);
    expect(msg({ att_strength: '1e308' })).toEqual(['att_strength: is "1e308", not a number (expected men, 1 to 5,000,000)']);
    expect(msg({ duration_days: '1000000000' })).toEqual(['duration_days: is 1000000000 (expected days, more than 0 and at most 366)']);
    expect(msg({ surprise: '4' })).toEqual(['surprise: has unknown code "4" (expected -3 to 3 (negative: surprise achieved by the defender))']);
    expect(msg({ end: '1943-10-01T00:00' })).toEqual(['end: is 1943-10-01T00:00, before start 1943-10-12T00:00 (expected a date at or after the start)']);
    expect(msg({ att_losses: '20000' })).toEqual(["att_losses: is 20000, more than the side's strength 14557 (expected 0 to 14557)"]);
    const dup = parseCdb90Csv(`${header}\n${row('403')}\n${row('404')}\n${row('403')}\n`);
    expect(dup.errors).toEqual([{ isqno: '403', line: 4, column: 'isqno', message: 'repeats the row of line 2 (expected each isqno once)' }]);
  });

  it('engage names the file, row, column and expected values of a bad cell, and plays no row of 1e9 days', async () => {
    const file = tmpFile('bad.csv', `${header}\n${setFields(row('403'), { duration_days: '1000000000' })}\n${setFields(row('404'), { wx_temp: 'X' })}\n${row('405')}\n`);
    const r = await cli(['engage', file, '--runs', '3']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv: row 403 \(line 2\), column duration_days: is 1000000000 \(expected days, more than 0 and at most 366\)\./);
    expect(r.err).toMatch(/bad\.csv: row 404 \(line 3\), column wx_temp: has unknown code "X" \(expected H, T or C\)\./);
    expect(r.out).toMatch(/^405 /m);
    const noId = await cli(['engage', tmpFile('noid.csv', `${header}\n${setFields(row('403'), { isqno: '', wx_season: 'Q' })}\n`)]);
    expect(noId.err).toMatch(/noid\.csv: line 2, column wx_season: has unknown code "Q" \(expected W, \$, S or F\)\./);
    const notCsv = await cli(['engage', tmpFile('x.csv', 'a,b\n1,2\n')]);
    expect(notCsv.code).toBe(2);
    expect(notCsv.err).toMatch(/x\.csv is not a CDB90 table: the header lacks the columns isqno/);
  });
});

/** Three Italian rows, by hand. */
const three = parseCdb90Csv(`${header}\n${row('403')}\n${row('404')}\n${row('405')}\n`).engagements;

describe('the baselines score as the report says', () => {
  it('the null model on 3 rows, computed by hand', () => {
    // 403: 14557 att, 370 lost, 8068 def, 80 lost, 2 days; 404: 18210/140, 6435/52, 1.1875 days; 405: 16857/420, 8000/94, 0.6 days.
    const attRates = [370 / (14557 * 2), 140 / (18210 * 1.1875), 420 / (16857 * 0.6)];
    const defRates = [80 / (8068 * 2), 52 / (6435 * 1.1875), 94 / (8000 * 0.6)];
    const ra = [...attRates].sort((a, b) => a - b)[1];
    const rd = [...defRates].sort((a, b) => a - b)[1];
    expect(fitNull(three)).toEqual({ attackerRate: ra, defenderRate: rd, attackerWins: 1 });
    const attErr = [Math.abs(Math.log10((14557 * ra * 2) / 370)), Math.abs(Math.log10((18210 * ra * 1.1875) / 140)), Math.abs(Math.log10((16857 * ra * 0.6) / 420))];
    const s = scoreRows(three, predictAll(nullModel, three, three));
    expect(s.attacker.medianLog10).toBeCloseTo([...attErr].sort((a, b) => a - b)[1], 12);
    expect(s.attacker.within2).toBeCloseTo(attErr.filter((x) => x <= Math.log10(2)).length / 3, 12);
    // 403 and 404 attacker won, 405 lost: the null model always picks the attacker.
    expect(s.winner).toEqual({ n: 3, right: 2, share: 2 / 3 });
  });

  it('--report --json on the same 3 rows reports those figures (the null model fitted on the first file)', async () => {
    const file = tmpFile('three.csv', `${header}\n${row('403')}\n${row('404')}\n${row('405')}\n`);
    const r = await cli(['engage', file, '--report', '--json', '--runs', '5']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const all = report.groups.find((g: { by: string }) => g.by === 'all');
    const byHand = scoreRows(three, predictAll(nullModel, three, three));
    expect(all.scores.null).toEqual(JSON.parse(JSON.stringify(byHand)));
    const qjm = scoreRows(three, new Map(three.map((e) => [e.isqno, qjmPredict(e.input, e.surpriseCode)])));
    expect(all.scores.qjm).toEqual(JSON.parse(JSON.stringify(qjm)));
  });

  it('--report runs on the shipped CSVs: every theatre, posture and outcome scored for the three models', async () => {
    const r = await cli(['engage', ITALY, OTHERS, '--conditions', CONDITIONS, '--report', '--json', '--runs', '5']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.rows + report.unscored.length).toBe(145);
    const groups = report.groups.map((g: { group: string }) => g.group);
    for (const g of ['all rows', 'Italy', 'other European', 'Pacific and Asia', 'FD', 'attacker won', 'defender won']) expect(groups).toContain(g);
    for (const g of report.groups) for (const k of ['model', 'qjm', 'null']) expect(g.scores[k].rows).toBe(g.rows);
    const text = await cli(['engage', ITALY, OTHERS, '--report', '--cv', 'campaign', '--runs', '5']);
    expect(text.out).toMatch(/Null model fitted on the rows outside each campaign/);
    expect(text.out).toMatch(/^theatre: Italy +24 +Cassino model/m);
  });
});

describe('cross-validation', () => {
  const withRate = (e: Cdb90Engagement, campaign: string, rate: number): Cdb90Engagement => ({
    ...e, isqno: `${e.isqno}-${campaign}`, campaign,
    actual: { ...e.actual, attLosses: Math.round(e.input.attacker.men * rate * e.input.durationDays), defLosses: Math.round(e.input.defender.men * rate * e.input.durationDays) },
  });

  it("the null model's fitted median comes only from the training folds", () => {
    const rows = [...three.map((e) => withRate(e, 'A', 0.001)), ...three.map((e) => withRate(e, 'B', 0.05))];
    const cv = crossValidate(nullModel, rows, (e) => e.campaign);
    for (const e of rows) {
      const p = cv.get(e.isqno)!;
      const other = e.campaign === 'A' ? rows.filter((r) => r.campaign === 'B') : rows.filter((r) => r.campaign === 'A');
      expect(p.attLosses).toBe(predictAll(nullModel, other, [e]).get(e.isqno)!.attLosses);
    }
  });

  it('a row\'s cross-validated prediction does not depend on the losses of its own fold', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 1e-4, max: 0.1, noNaN: true }), { minLength: 3, maxLength: 3 }), (rates) => {
      const base = [...three.map((e) => withRate(e, 'A', 0.01)), ...three.map((e) => withRate(e, 'B', 0.02)), ...three.map((e) => withRate(e, 'C', 0.03))];
      const changed = base.map((e, i) => (e.campaign === 'A' ? withRate(three[i], 'A', rates[i]) : e));
      const a = crossValidate(nullModel, base, (e) => e.campaign);
      const b = crossValidate(nullModel, changed, (e) => e.campaign);
      for (const e of base.filter((r) => r.campaign === 'A')) expect(b.get(e.isqno)).toEqual(a.get(e.isqno));
    }), { numRuns: 50 });
  });

  it('scores count a loss under one man as one man', () => {
    expect(logError(0, 0)).toBe(0);
    expect(logError(0.2, 10)).toBe(1);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
