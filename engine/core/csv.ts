// A strict RFC 4180 CSV reader for tables people exchange (CDB90 engagements, conditions
// sidecars). Strict because a lenient reader turns a stray quote into a silently swallowed rest of
// file, or a repeated header into a column that quietly replaces another: every such file is
// refused with the file, the line and what was expected. Pure: the caller reads the file.
import { DataError } from './data-error.ts';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

function fail(file: string, line: number, message: string): never {
  throw new DataError(file, [{ path: `line ${line}`, message }]);
}

/** Splits the text into records; blank lines are skipped. Quoting errors name their line. */
function splitRecords(text: string, file: string): CsvRecord[] {
  const rows: CsvRecord[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let closed = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && field.trim() === '' && !closed)) rows.push({ line: start, fields });
    field = '';
    fields = [];
    closed = false;
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') { quoted = false; closed = true; } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === ',') { fields.push(field); field = ''; closed = false; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else if (closed) fail(file, line, `text after the closing quote of field ${fields.length + 1} (expected a comma or the end of the line)`);
    else if (c === '"') {
      if (field.trim() !== '') fail(file, line, `a quote inside field ${fields.length + 1}, which is not quoted (quote the whole field and double the quotes inside it)`);
      field = '';
      quoted = true;
      quoteLine = line;
    } else field += c;
  }
  if (quoted) fail(file, quoteLine, `a quote opened in field ${fields.length + 1} is never closed (expected a closing ")`);
  if (field !== '' || fields.length > 0 || closed) endRecord();
  return rows;
}

/**
 * Parses a CSV table with a header line. An empty text gives an empty header (the caller says what
 * header it expected); a repeated or empty column name, a row with more or fewer fields than the
 * header, and a header without rows are errors naming `file` and the line.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const [head, ...records] = splitRecords(text, file);
  if (!head) return { header: [], records: [] };
  const header = head.fields.map((h) => h.trim());
  header.forEach((h, i) => {
    if (h === '') fail(file, head.line, `column ${i + 1} of the header has no name`);
    const first = header.indexOf(h);
    if (first < i) fail(file, head.line, `the header names the column "${h}" twice (columns ${first + 1} and ${i + 1})`);
  });
  if (records.length === 0) throw new DataError(file, [{ path: '', message: 'no rows (the file has a header line only)' }]);
  for (const r of records) {
    if (r.fields.length !== header.length) {
      fail(file, r.line, `the row has ${r.fields.length} field${r.fields.length === 1 ? '' : 's'}, the header ${header.length} (a comma too many or too few, or a field with a comma that is not quoted)`);
    }
  }
  return { header, records };
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A CSV field as a number, strictly: plain decimal notation only, so that `0x10`, `1e3`, `Infinity`
 * or `1_000` (which JavaScript's Number() accepts) are refused rather than read as something the
 * file's author did not write. Returns null for text that is not such a number.
 */
export function csvNumber(text: string, kind: 'integer' | 'decimal' = 'decimal'): number | null {
  const s = text.trim();
  if (!(kind === 'integer' ? INTEGER : DECIMAL).test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}
