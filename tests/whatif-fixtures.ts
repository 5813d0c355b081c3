// Shared by the what-if tests: what-if files for the test scenario written to temporary folders,
// and the message of the DataError a load throws.
import { afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../engine/core/data-error.ts';

const made: string[] = [];
export const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'cassino-whatif-test-')); made.push(d); return d; };
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** Writes a what-if (by default for test-skirmish) with the given changes and overrides of its header. */
export function whatIf(changes: unknown[], header: Record<string, unknown> = {}, ext = 'json'): string {
  const file = join(tmp(), `w.${ext}`);
  const w = { id: 'w', name: 'test', note: 'test', source: 'test', scenario: { id: 'test-skirmish', version: '1' }, changes, ...header };
  writeFileSync(file, JSON.stringify(w));
  return file;
}

export function errorOf(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DataError) return e.message; throw e; }
  throw new Error('expected a DataError');
}
