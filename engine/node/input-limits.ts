// Limits on every input file, checked before it is parsed, so that a file someone sent cannot hang
// the program (a device, a pipe), eat its memory (a huge file, a YAML alias bomb) or overflow its
// stack (deep nesting): each is refused with one sentence naming the file and the limit.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { DataError } from '../core/data-error.ts';

/** Largest input file read (the campaign, the biggest shipped file, is 0.6 MiB; its replay 2.3 MiB). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays (the shipped files nest 8 deep at most). */
export const MAX_DEPTH = 32;
/** YAML aliases (`*name`) one file may resolve: the yaml library's guard against alias bombs. */
export const MAX_YAML_ALIASES = 100;

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;

function readError(shown: string, code: string | undefined): DataError {
  const why: Record<string, string> = {
    ENOENT: 'file not found',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'file not found (a part of the path is not a folder)',
    EACCES: 'cannot be read: permission denied',
    EPERM: 'cannot be read: permission denied',
    ELOOP: 'cannot be read: too many levels of symbolic links',
    ENAMETOOLONG: 'cannot be read: the path is too long',
  };
  return new DataError(shown, [{ path: '', message: why[code ?? ''] ?? `cannot be read (${code ?? 'unknown error'})` }]);
}

/** Refuses what is not a regular file of at most MAX_FILE_BYTES, from its stat alone. */
function checkStat(shown: string, st: { isFile(): boolean; isDirectory(): boolean; size: number }): void {
  if (st.isDirectory()) throw new DataError(shown, [{ path: '', message: 'is a folder, not a file' }]);
  if (!st.isFile()) throw new DataError(shown, [{ path: '', message: 'is not a regular file (a device, pipe or socket is never read)' }]);
  if (st.size > MAX_FILE_BYTES) throw tooLarge(shown);
}

function tooLarge(shown: string): DataError {
  return new DataError(shown, [{ path: '', message: `is larger than the limit of ${MiB(MAX_FILE_BYTES)} for an input file` }]);
}

/**
 * Reads a text file within the limits: a regular file (stat before opening, so a FIFO or /dev/zero
 * is never opened), at most MAX_FILE_BYTES (also while reading: /proc files report size 0), UTF-8
 * with a leading byte-order mark dropped.
 */
export function readTextFile(file: string, shown: string): string {
  let fd: number;
  try {
    checkStat(shown, statSync(file));
    // O_NONBLOCK: should the file be swapped for a FIFO between stat and open, open does not wait.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw readError(shown, (e as NodeJS.ErrnoException).code);
  }
  try {
    checkStat(shown, fstatSync(fd));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_FILE_BYTES) throw tooLarge(shown);
      chunks.push(buf.subarray(0, n));
    }
    const text = Buffer.concat(chunks, total).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw readError(shown, (e as NodeJS.ErrnoException).code);
  } finally {
    closeSync(fd);
  }
}

function tooDeep(shown: string, where: string): DataError {
  return new DataError(shown, [{ path: '', message: `nests objects and lists deeper than the limit of ${MAX_DEPTH} levels (${where})` }]);
}

/** Refuses a JSON text nested deeper than MAX_DEPTH, by a scan of its brackets outside strings. */
export function checkJsonDepth(text: string, shown: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_DEPTH) throw tooDeep(shown, `at line ${line}`);
    } else if (c === '}' || c === ']') depth--;
  }
}

/**
 * Refuses a YAML text whose flow brackets ([ {) nest deeper than MAX_DEPTH before parsing it: the
 * yaml library composes flow collections recursively, and overflows the stack on a few thousand.
 * Block nesting costs at least one column of indentation a level, so it is bounded by the line
 * length; the parsed value is measured as well (checkValueDepth).
 */
export function checkYamlFlowDepth(text: string, shown: string): void {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') { line++; quote = ''; continue; }
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) { while (i + 1 < text.length && text[i + 1] !== '\n') i++; }
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) throw tooDeep(shown, `at line ${line}`);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}

/** Refuses a parsed value nested deeper than MAX_DEPTH (iteratively: the check cannot overflow). */
export function checkValueDepth(value: unknown, shown: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_DEPTH) throw tooDeep(shown, 'after reading it');
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
}
