// batch.json, the manifest of an output folder: which scenario (id, version) on which map and
// which seed range the batch is for, so that --resume can refuse to mix runs of another batch.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { DataError, zodIssues } from '../../core/data-error.ts';
import { displayPath, readData } from '../files.ts';
import { fingerprintSchema } from '../../core/batch-files.ts';

export const MANIFEST_FORMAT = 'cassino-batch';

const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  scenario: z.strictObject({ id: z.string(), version: z.string(), file: z.string() }),
  map: z.strictObject({ id: z.string(), version: z.string() }),
  seeds: z.strictObject({ first: z.string().regex(/^\d+$/), count: z.number().int().positive() }),
  /** The what-if applied to every run, if any. */
  whatIf: z.strictObject({ id: z.string(), name: z.string(), file: z.string() }).optional(),
  /** The parameter file applied to every run (--params), if any. */
  params: z.strictObject({ file: z.string() }).optional(),
  /** "none": --no-plan, the doctrine AI plays both sides. */
  plan: z.enum(['historical', 'none']).optional(),
  /** What made the runs; --resume and --baseline refuse a folder whose fingerprint differs. */
  provenance: fingerprintSchema.optional(),
});

export type BatchManifest = z.infer<typeof manifestSchema>;

export function readManifest(file: string): BatchManifest {
  // A batch folder may come from someone else (--baseline, compare --saved): read under the input limits.
  const r = manifestSchema.safeParse(readData(file));
  if (!r.success) throw new DataError(displayPath(file), zodIssues(r.error.issues));
  return r.data;
}

// Seeds first, first + 1, ... : the one rule engine/core/stats/paired.ts gives (the browser's what-if tab uses it too).
export { seedRange } from '../../core/stats/paired.ts';

