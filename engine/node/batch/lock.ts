// One batch per output folder: batch.lock holds the pid, host and start time of the batch writing
// the folder. A second batch, or a --resume, while that process lives is refused with a sentence;
// the lock of a process that is gone (killed with SIGKILL, the machine restarted) is taken over,
// saying so. The lock is released on every exit of the process that holds it.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { displayPath } from '../files.ts';
import { cannot } from './output.ts';

export const LOCK_FILE = 'batch.lock';

interface LockInfo { pid: number; host: string; started: string }

/** A folder held by another live batch. */
export class FolderLockedError extends Error {}

export interface HeldLock {
  release(): void;
  /** Set when the lock of a batch that is no longer running was taken over. */
  tookOver?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number' ? { pid: v.pid, host: String(v.host ?? ''), started: String(v.started ?? '?') } : undefined;
  } catch {
    return undefined; // being written, or cut short: treated as stale below
  }
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return false;
    throw cannot('write', file, e);
  }
  try { writeSync(fd, JSON.stringify(info) + '\n'); } finally { closeSync(fd); }
  return true;
}

/** Takes the folder's lock for this process, or throws FolderLockedError naming its holder. */
export function lockFolder(dir: string): HeldLock {
  const file = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  let tookOver: string | undefined;
  for (let attempt = 0; !tryCreate(file, mine); attempt++) {
    const held = readLock(file);
    const live = held && (held.host !== mine.host || alive(held.pid));
    if (live) {
      throw new FolderLockedError(`${displayPath(dir)} is being written by another batch (pid ${held.pid}${held.host !== mine.host ? ` on ${held.host}` : ''}, started ${held.started}); wait for it to finish or stop it, or choose another --out`);
    }
    if (attempt > 2) throw new FolderLockedError(`cannot take the lock ${displayPath(file)}: another process keeps replacing it`);
    tookOver = held
      ? `took over the lock of ${displayPath(dir)} from batch pid ${held.pid} (started ${held.started}), which is no longer running`
      : `took over the unreadable lock of ${displayPath(dir)}`;
    rmSync(file, { force: true });
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: a batch that took it over after we were presumed dead keeps its own.
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { release, ...(tookOver ? { tookOver } : {}) };
}
