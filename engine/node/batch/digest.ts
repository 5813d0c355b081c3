// One pass over a settled runs.jsonl (in seed order, one line per seed): each line is checked by
// the batch-files schema and handed to the consumers (the columns of the summary, runs.csv,
// runs.parquet), so that no output needs the lines in memory. It is also the batch's last check
// that the file holds each seed of its range at most once, in order.
import { existsSync } from 'node:fs';
import { type BatchLine, parseRunLine } from '../../core/batch-files.ts';
import { DataError } from '../../core/data-error.ts';
import { displayPath } from '../files.ts';
import { forEachLine, slotOf } from './lines.ts';

/** Calls `each` with the slot and checked line of every run in runs.jsonl; returns the runs seen. */
export function digestRuns(file: string, seeds: { first: string; count: number }, each: (slot: number, line: BatchLine) => void): number {
  if (!existsSync(file)) return 0;
  const shown = displayPath(file);
  const first = BigInt(seeds.first);
  let last = -1;
  let runs = 0;
  forEachLine(file, (text, lineNo, _offset, _bytes, complete) => {
    if (text.trim() === '') return;
    if (!complete) throw new DataError(shown, [{ path: `line ${lineNo}`, message: 'cut short (no newline at the end): the file was written by another process after the batch settled it' }]);
    const line = parseRunLine(text, shown, lineNo);
    const slot = slotOf(line.seed, first, seeds.count);
    if (slot < 0) throw new DataError(shown, [{ path: `line ${lineNo}`, message: `seed ${line.seed} is not one of this batch's seeds` }]);
    if (slot <= last) throw new DataError(shown, [{ path: `line ${lineNo}`, message: `seed ${line.seed} ${slot === last ? 'has a second line' : 'is out of order'}: another process wrote into the folder` }]);
    last = slot;
    runs++;
    each(slot, line);
  });
  return runs;
}
