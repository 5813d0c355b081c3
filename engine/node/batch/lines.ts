// runs.jsonl line by line: read in chunks of a megabyte, never as one string (a million campaign
// runs are about 11 GB), and put in seed order by an index of where each line lies (8 bytes of
// offset and 4 of length a seed) rather than by sorting the lines in memory.
import { closeSync, existsSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { DataError } from '../../core/data-error.ts';
import { displayPath } from '../files.ts';
import { cannot, liveTemp } from './output.ts';

const CHUNK = 1 << 20;

/**
 * Calls `each` with every line of `file` (without its newline), its number from 1, byte offset
 * and length; `complete` is false for a last line with no newline after it.
 */
export function forEachLine(file: string, each: (text: string, lineNo: number, offset: number, bytes: number, complete: boolean) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let start = 0; // file offset of the line being gathered
    let lineNo = 0;
    let pos = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, CHUNK, pos);
      if (got === 0) break;
      pos += got;
      let from = 0;
      for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < got; nl = buf.indexOf(10, from)) {
        const part = buf.subarray(from, nl);
        const bytes = carryBytes + part.length;
        const text = carryBytes ? Buffer.concat([...carry, part]).toString('utf8') : part.toString('utf8');
        each(text, ++lineNo, start, bytes, true);
        start += bytes + 1;
        carry = [];
        carryBytes = 0;
        from = nl + 1;
      }
      if (from < got) {
        carry.push(Buffer.from(buf.subarray(from, got)));
        carryBytes += got - from;
      }
    }
    if (carryBytes) each(Buffer.concat(carry).toString('utf8'), ++lineNo, start, carryBytes, false);
  } finally {
    closeSync(fd);
  }
}

/** Where each seed's line lies in runs.jsonl (slot = seed - first seed). */
export interface RunsIndex {
  offsets: Float64Array;
  lengths: Uint32Array;
  /** Seeds with a line. */
  count: number;
  /** Of which failed runs (error lines). */
  failed: number;
  droppedPartial: boolean;
  /** The lines are in seed order, one per seed, nothing dropped: the file needs no rewriting. */
  inOrder: boolean;
}

/** The slot of a seed in the batch's range, or -1. */
export function slotOf(seed: unknown, first: bigint, count: number): number {
  if (typeof seed !== 'string' || !/^\d+$/.test(seed)) return -1;
  const d = BigInt(seed) - first;
  return d >= 0n && d < BigInt(count) ? Number(d) : -1;
}

/**
 * Indexes runs.jsonl: a last line cut short (the process was killed while writing it) is dropped;
 * any other line that is not JSON or whose seed is not in the batch is an error naming the line. A
 * seed written twice keeps its first line.
 */
export function indexRuns(file: string, seeds: { first: string; count: number }): RunsIndex {
  const idx: RunsIndex = { offsets: new Float64Array(seeds.count).fill(-1), lengths: new Uint32Array(seeds.count), count: 0, failed: 0, droppedPartial: false, inOrder: true };
  if (!existsSync(file)) return idx;
  const first = BigInt(seeds.first);
  const shown = displayPath(file);
  let last = -1;
  forEachLine(file, (text, lineNo, offset, bytes, complete) => {
    if (text.trim() === '') { idx.inOrder = false; return; }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      if (!complete) { idx.droppedPartial = true; idx.inOrder = false; return; }
      throw new DataError(shown, [{ path: `line ${lineNo}`, message: 'not valid JSON (expected one run per line)' }]);
    }
    if (!complete) idx.inOrder = false; // kept, but the newline must be written
    const seed = (obj as { seed?: unknown })?.seed;
    const slot = slotOf(seed, first, seeds.count);
    if (slot < 0) throw new DataError(shown, [{ path: `line ${lineNo}`, message: `seed ${JSON.stringify(seed)} is not one of this batch's seeds` }]);
    if (idx.offsets[slot] >= 0 || slot < last) { idx.inOrder = false; if (idx.offsets[slot] >= 0) return; }
    last = slot;
    idx.offsets[slot] = offset;
    idx.lengths[slot] = bytes;
    idx.count++;
    if (typeof (obj as { error?: unknown }).error === 'string') idx.failed++;
  });
  return idx;
}

/**
 * Puts runs.jsonl in seed order, one line per seed, dropping a cut-short last line: rewritten line
 * by line into a temporary file renamed over it (a reader sees the old file or the new one).
 */
export function settleRuns(file: string, seeds: { first: string; count: number }): RunsIndex {
  const idx = indexRuns(file, seeds);
  if (idx.inOrder) return idx;
  const tmp = liveTemp.create(file);
  const src = openSync(file, 'r');
  let dst: number | undefined;
  try {
    dst = openSync(tmp, 'w');
    let buf = Buffer.alloc(64 * 1024);
    for (let slot = 0; slot < seeds.count; slot++) {
      if (idx.offsets[slot] < 0) continue;
      const len = idx.lengths[slot];
      if (len + 1 > buf.length) buf = Buffer.alloc(len + 1);
      readSync(src, buf, 0, len, idx.offsets[slot]);
      buf[len] = 10;
      writeSync(dst, buf, 0, len + 1);
    }
    closeSync(dst);
    dst = undefined;
    renameSync(tmp, file);
    liveTemp.done(tmp);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw cannot('write', file, e);
  } finally {
    closeSync(src);
    if (dst !== undefined) closeSync(dst);
    liveTemp.discard(tmp);
  }
  return indexRuns(file, seeds);
}
