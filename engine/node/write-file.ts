// Writing output files (replays, batch results, reports) so that a failure is one sentence naming
// the file and the folder, and leaves nothing behind: not a half-written file, not a temp file.
import { accessSync, constants, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A file that could not be written, as one sentence ("cannot write r.json into /x/y: permission denied"). */
export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'the folder cannot be created there',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file of that name is in the way',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return REASONS[code ?? ''] ?? `the system refused (${code ?? String(e)})`;
}

/** Missing folders of `dir`, outermost first, up to the nearest one that exists. */
function missingFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (!statSync(d).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      accessSync(d, constants.W_OK);
      return missing.reverse();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(d) === d) throw e;
      missing.push(d);
    }
  }
}

/**
 * Makes sure `dir` is a writable folder, creating the missing ones one level at a time: Node's
 * recursive mkdir loops for ever under /proc, where every mkdir fails with ENOENT.
 */
export function ensureFolder(dir: string, what: string): void {
  try {
    for (const d of missingFolders(resolve(dir))) mkdirSync(d);
  } catch (e) {
    throw new WriteError(`cannot write ${what} into ${dir}: ${reason(e)}`);
  }
}

/** Writes a file atomically: a reader sees the old file or the whole new one, never a part. */
export function writeFileAtomic(file: string, text: string): void {
  const target = resolve(file);
  const dir = dirname(target);
  const name = basename(target);
  ensureFolder(dir, name);
  let isFolder = false;
  try { isFolder = statSync(target).isDirectory(); } catch { /* absent: written below */ }
  if (isFolder) throw new WriteError(`cannot write ${name} into ${dir}: ${REASONS.EISDIR}`);
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* never created, or already renamed */ }
    throw new WriteError(`cannot write ${name} into ${dir}: ${reason(e)}`);
  }
}
