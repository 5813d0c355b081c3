// runs.parquet (one row per run: the columns of runs.csv, typed) and two long tables keyed by
// seed, runs-formations.parquet (seed, formation, men) and runs-turns.parquet (seed, turn, side,
// men), for DuckDB, pandas, polars or R. Written by hyparquet-writer (pure JavaScript, no native
// build) a row group of 10,000 runs at a time, so memory does not grow with the batch; the
// fingerprint goes into each file's key-value metadata ("cassino.fingerprint").
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { BatchLine, Fingerprint } from '../../core/batch-files.ts';
import { isErrorLine } from '../../core/batch-files.ts';
import { SIDES } from '../../core/types.ts';
import { type BatchMeta, figureValue } from './figures.ts';
import { cannot, liveTemp } from './output.ts';

export const PARQUET_FILES = ['runs.parquet', 'runs-formations.parquet', 'runs-turns.parquet'] as const;
const ROWS_PER_GROUP = 10_000;

type Kind = 'STRING' | 'DOUBLE' | 'INT32' | 'BOOLEAN';
type Cell = string | number | boolean | null;

const ELEMENT: Record<Kind, Record<string, unknown>> = {
  STRING: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  DOUBLE: { type: 'DOUBLE' },
  INT32: { type: 'INT32' },
  BOOLEAN: { type: 'BOOLEAN' },
};

/** One Parquet file being written: rows gathered by column, a row group at a time. */
class Table {
  private readonly tmp: string;
  private readonly writer: ParquetWriter;
  private cols: Cell[][];
  private rows = 0;

  constructor(readonly file: string, private readonly columns: Array<[string, Kind]>, meta: Array<{ key: string; value: string }>) {
    this.tmp = liveTemp.create(file);
    const schema = [{ name: 'root', num_children: columns.length }, ...columns.map(([name, k]) => ({ name, repetition_type: 'OPTIONAL', ...ELEMENT[k] }))];
    try {
      this.writer = new ParquetWriter({ writer: fileWriter(this.tmp), schema: schema as never, kvMetadata: meta, createdBy: 'cassino batch (hyparquet-writer)' });
    } catch (e) {
      liveTemp.discard(this.tmp);
      throw cannot('write', file, e);
    }
    this.cols = columns.map(() => []);
  }

  add(row: Cell[]): void {
    row.forEach((v, i) => this.cols[i].push(v));
    if (++this.rows >= ROWS_PER_GROUP) this.flush();
  }

  private flush(): void {
    if (!this.rows) return;
    const columnData = this.columns.map(([name, type], i) => ({ name, data: this.cols[i], type }));
    try {
      void this.writer.write({ columnData: columnData as never, rowGroupSize: this.rows });
    } catch (e) {
      this.abort();
      throw cannot('write', this.file, e);
    }
    this.cols = this.columns.map(() => []);
    this.rows = 0;
  }

  commit(): void {
    this.flush();
    try {
      void this.writer.finish();
      renameSync(this.tmp, this.file);
      liveTemp.done(this.tmp);
    } catch (e) {
      this.abort();
      throw cannot('write', this.file, e);
    }
  }

  abort(): void { liveTemp.discard(this.tmp); }
}

/** The three Parquet files of a batch, fed one run at a time. */
export class ParquetOutput {
  private readonly tables: Table[];

  constructor(private readonly dir: string, private readonly meta: BatchMeta, fingerprint: Fingerprint | undefined) {
    const kv = [
      { key: 'cassino.scenario', value: JSON.stringify(meta.scenario) },
      ...(meta.whatIf ? [{ key: 'cassino.whatIf', value: JSON.stringify(meta.whatIf) }] : []),
      ...(fingerprint ? [{ key: 'cassino.fingerprint', value: JSON.stringify(fingerprint) }] : []),
    ];
    const runs: Array<[string, Kind]> = [
      ['seed', 'STRING'], ['stateHash', 'STRING'], ['turns', 'INT32'], ['error', 'STRING'],
      ...meta.objectives.map((o): [string, Kind] => [`holder.${o.id}`, 'STRING']),
      ...meta.documentedOutcomes.map((o): [string, Kind] => [`check.${o.id}`, 'BOOLEAN']),
      ...meta.figures.map((f): [string, Kind] => [f.key, 'DOUBLE']),
    ];
    this.tables = [
      new Table(join(dir, PARQUET_FILES[0]), runs, kv),
      new Table(join(dir, PARQUET_FILES[1]), [['seed', 'STRING'], ['formation', 'STRING'], ['men', 'DOUBLE']], kv),
      new Table(join(dir, PARQUET_FILES[2]), [['seed', 'STRING'], ['turn', 'INT32'], ['side', 'STRING'], ['men', 'DOUBLE']], kv),
    ];
  }

  add(l: BatchLine): void {
    const [runs, formations, turns] = this.tables;
    const m = this.meta;
    if (isErrorLine(l)) {
      runs.add([l.seed, null, null, l.error, ...m.objectives.map(() => null), ...m.documentedOutcomes.map(() => null), ...m.figures.map(() => null)]);
      return;
    }
    runs.add([
      l.seed, l.stateHash, l.turns, null, ...m.objectives.map((o) => l.outcome[o.id]?.holder ?? null),
      ...m.documentedOutcomes.map((o) => l.checks?.[o.id] === true), ...m.figures.map((f) => figureValue(l, f)),
    ]);
    for (const [id, men] of Object.entries(l.formations)) formations.add([l.seed, id, men]);
    for (const side of SIDES) l.perTurn[side].forEach((men, t) => turns.add([l.seed, t, side, men]));
  }

  commit(): void { for (const t of this.tables) t.commit(); }

  abort(): void { for (const t of this.tables) t.abort(); }
}
