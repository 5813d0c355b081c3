// The strict CSV reader: RFC 4180 quoting, and every malformed table refused with the file and
// the line rather than read as something its author did not write.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvNumber, parseCsv } from '../engine/core/csv.ts';
import { DataError } from '../engine/core/data-error.ts';

const error = (text: string): string => {
  try {
    parseCsv(text, 'x.csv');
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error('expected the table to be refused');
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and blank lines', () => {
    const t = parseCsv('\ufeffa,b,c\r\n1,"x, ""y""",3\r\n\r\n2,"two\nlines",4\n', 'x.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.records).toEqual([
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['2', 'two\nlines', '4'] },
    ]);
  });

  it('an unterminated quote names the line where it opened, not the end of the file', () => {
    expect(error('a,b\n1,2\n3,"oops\n5,6\n7,8\n')).toBe('x.csv: line 3: a quote opened in field 2 is never closed (expected a closing ")');
  });

  it('a stray quote inside a field, or text after a closing quote, is refused', () => {
    expect(error('a,b\n1,2"3\n')).toBe('x.csv: line 2: a quote inside field 2, which is not quoted (quote the whole field and double the quotes inside it)');
    expect(error('a,b\n1,"2"3\n')).toBe('x.csv: line 2: text after the closing quote of field 2 (expected a comma or the end of the line)');
  });

  it('a duplicated or empty header is refused', () => {
    expect(error('a,b,a\n1,2,3\n')).toBe('x.csv: line 1: the header names the column "a" twice (columns 1 and 3)');
    expect(error('a,,c\n1,2,3\n')).toBe('x.csv: line 1: column 2 of the header has no name');
  });

  it('a row longer or shorter than the header is refused with its line', () => {
    expect(error('a,b\n1,2\n1,2,3\n')).toMatch(/^x\.csv: line 3: the row has 3 fields, the header 2 /);
    expect(error('a,b\n1,2\n\n1\n')).toMatch(/^x\.csv: line 4: the row has 1 field, the header 2 /);
  });

  it('a header without rows is refused; an empty file has an empty header (the caller says what it expected)', () => {
    expect(error('a,b\n')).toBe('x.csv: no rows (the file has a header line only)');
    expect(parseCsv('', 'x.csv')).toEqual({ header: [], records: [] });
  });

  it('any table written by the RFC 4180 rules reads back as written', () => {
    const cell = fc.string({ maxLength: 8 }).filter((s) => !s.includes('\r'));
    const quote = (s: string) => (/[",\n]/.test(s) || s.trim() !== s || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (n, rows) => {
      const header = Array.from({ length: n }, (_, i) => `c${i}`);
      const body = rows.map((r) => r.slice(0, n));
      const t = parseCsv([header.join(','), ...body.map((r) => r.map(quote).join(','))].join('\n'), 'x.csv');
      expect(t.header).toEqual(header);
      expect(t.records.map((r) => r.fields)).toEqual(body);
    }), { seed: 4180, numRuns: 300 });
  });
});

describe('csvNumber', () => {
  it('reads plain decimal notation only', () => {
    expect(csvNumber('42', 'integer')).toBe(42);
    expect(csvNumber(' -3 ', 'integer')).toBe(-3);
    expect(csvNumber('1.1875')).toBe(1.1875);
    expect(csvNumber('.5')).toBe(0.5);
    for (const s of ['0x10', '1e3', 'Infinity', '-Infinity', 'NaN', '1_000', '', ' ', '0b1', '1,5', '+', '.']) expect(csvNumber(s)).toBeNull();
    expect(csvNumber('1.5', 'integer')).toBeNull();
    expect(csvNumber('9'.repeat(400))).toBeNull();
  });

  it('reads back every integer and every decimal written in fixed notation', () => {
    fc.assert(fc.property(fc.integer(), (n) => { expect(csvNumber(String(n), 'integer')).toBe(n); }), { seed: 1, numRuns: 200 });
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
      const s = x.toFixed(6);
      expect(csvNumber(s)).toBe(Number(s));
    }), { seed: 2, numRuns: 200 });
  });
});
