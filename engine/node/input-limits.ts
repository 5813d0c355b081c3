// Limits on every input file, checked before it is parsed, so that a file someone sent cannot hang
// the program (a device, a pipe), eat its memory (a huge file, a YAML alias bomb) or overflow its
// stack (deep nesting): each is refused with one sentence naming the file and the limit.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { DataError } from '../core/data-error.ts';
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_YAML_ALIASES, checkJsonDepth, checkValueDepth, checkYamlFlowDepth } from '../core/input-limits.ts';

export { MAX_DEPTH, MAX_FILE_BYTES, MAX_YAML_ALIASES, checkJsonDepth, checkValueDepth, checkYamlFlowDepth };

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

