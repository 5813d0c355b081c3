// Writing the outputs of batch and compare: each file is written to a temporary file next to it
// and renamed over it when whole, so a reader sees the old file or the new one; a failure is one
// sentence ("cannot write runs.csv into /x/y: permission denied"), never a raw EACCES, and leaves
// no temporary file behind (also when the process exits in the middle, e.g. a second Ctrl-C).
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { displayPath } from '../files.ts';

/** A file-system failure of an output, as one sentence. */
export class OutputError extends Error {}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is exceeded', EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a file of that name is in the way of a folder', ENOENT: 'the folder does not exist', EEXIST: 'a file of that name is in the way',
  EMFILE: 'too many open files', EIO: 'an input/output error', ENAMETOOLONG: 'the name is too long',
};

/** "cannot write runs.csv into /x/y: permission denied" for a file-system error `e`. */
export function cannot(verb: string, file: string, e: unknown): OutputError {
  const code = (e as { code?: string }).code ?? '';
  const why = REASONS[code] ?? ((e as Error).message ?? String(e)).split('\n')[0].replace(/^[A-Z]+: /, '');
  return new OutputError(`cannot ${verb} ${basename(file)} into ${displayPath(dirname(resolve(file)))}: ${why}`);
}

/** Temporary files being written, removed if the process exits before they are renamed. */
class LiveTemp {
  private readonly files = new Set<string>();
  private hooked = false;

  create(target: string): string {
    const tmp = resolve(dirname(resolve(target)), `.${basename(target)}.${process.pid}.tmp`);
    this.files.add(tmp);
    if (!this.hooked) {
      this.hooked = true;
      process.on('exit', () => { for (const f of this.files) rmSync(f, { force: true }); });
    }
    return tmp;
  }

  /** Renamed into place: nothing to remove. */
  done(tmp: string): void { this.files.delete(tmp); }

  /** Removes the temporary file if it is still there (a failed write). */
  discard(tmp: string): void {
    if (!this.files.has(tmp)) return;
    this.files.delete(tmp);
    try { rmSync(tmp, { force: true }); } catch { /* the folder itself may be gone or unwritable */ }
  }
}

export const liveTemp = new LiveTemp();

/** Creates an output folder, or says in one sentence why it cannot. */
export function makeOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    throw new OutputError(`cannot create the folder ${displayPath(dir)}: ${REASONS[code] ?? (e as Error).message.split('\n')[0]}`);
  }
}

/** A text file written piece by piece (buffered) into a temporary file, renamed into place by commit(). */
export class StreamedFile {
  private readonly tmp: string;
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(readonly file: string) {
    this.tmp = liveTemp.create(file);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      liveTemp.discard(this.tmp);
      throw cannot('write', file, e);
    }
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.pending.length || this.fd === undefined) return;
    try {
      writeSync(this.fd, this.pending.join(''));
    } catch (e) {
      this.abort();
      throw cannot('write', this.file, e);
    }
    this.pending = [];
    this.pendingChars = 0;
  }

  commit(): void {
    this.flush();
    try {
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.file);
      liveTemp.done(this.tmp);
    } catch (e) {
      this.abort();
      throw cannot('write', this.file, e);
    }
  }

  abort(): void {
    if (this.fd !== undefined) { try { closeSync(this.fd); } catch { /* already failing */ } this.fd = undefined; }
    liveTemp.discard(this.tmp);
  }
}

/** A whole text file written atomically, with one-sentence errors. */
export function writeOutput(file: string, text: string): void {
  const f = new StreamedFile(file);
  f.write(text);
  f.commit();
}
