// batch.json, the manifest of an output folder: which scenario (id, version) on which map and
// which seed range the batch is for, so that --resume can refuse to mix runs of another batch.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DataError, zodIssues } from '../../core/data-error.ts';
import { displayPath } from '../files.ts';
import { type BatchLine, compareSeeds } from './record.ts';

export const MANIFEST_FORMAT = 'cassino-batch';

const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  scenario: z.strictObject({ id: z.string(), version: z.string(), file: z.string() }),
  map: z.strictObject({ id: z.string(), version: z.string() }),
  seeds: z.strictObject({ first: z.string().regex(/^\d+$/), count: z.number().int().positive() }),
  /** The what-if applied to every run, if any. */
  whatIf: z.strictObject({ id: z.string(), name: z.string(), file: z.string() }).optional(),
});

export type BatchManifest = z.infer<typeof manifestSchema>;

export function readManifest(file: string): BatchManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(displayPath(file), [{ path: '', message: `not a readable batch manifest (${(e as Error).message.split('\n')[0]})` }]);
  }
  const r = manifestSchema.safeParse(raw);
  if (!r.success) throw new DataError(displayPath(file), zodIssues(r.error.issues));
  return r.data;
}

export function seedRange(first: string, count: number): string[] {
  const b = BigInt(first);
  return Array.from({ length: count }, (_, i) => String(b + BigInt(i)));
}

/**
 * Reads runs.jsonl. A last line cut short (the process was killed while writing it) is dropped;
 * any other bad line, or a line whose seed is not in the batch, is an error naming the line.
 */
/** A line of runs.jsonl as written (text) and parsed. */
export interface StoredLine { seed: string; text: string; line: BatchLine }

export function readRunLines(file: string, seeds: Set<string>): { lines: StoredLine[]; droppedPartial: boolean } {
  if (!existsSync(file)) return { lines: [], droppedPartial: false };
  const text = readFileSync(file, 'utf8');
  const rows = text.split('\n');
  const lines: StoredLine[] = [];
  let droppedPartial = false;
  const shown = displayPath(file);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(row);
    } catch {
      if (i === rows.length - 1) { droppedPartial = true; continue; }
      throw new DataError(shown, [{ path: `line ${i + 1}`, message: 'not valid JSON (expected one run per line)' }]);
    }
    const seed = (obj as { seed?: unknown })?.seed;
    if (typeof seed !== 'string' || !seeds.has(seed)) {
      throw new DataError(shown, [{ path: `line ${i + 1}`, message: `seed ${JSON.stringify(seed)} is not one of this batch's seeds` }]);
    }
    lines.push({ seed, text: row, line: obj as BatchLine });
  }
  return { lines, droppedPartial };
}

/** Lines sorted by seed (numeric), one per seed (the first written wins). */
export function sortLines(lines: StoredLine[]): StoredLine[] {
  const seen = new Set<string>();
  const out: StoredLine[] = [];
  for (const l of lines) if (!seen.has(l.seed)) { seen.add(l.seed); out.push(l); }
  return out.sort((a, b) => compareSeeds(a.seed, b.seed));
}
