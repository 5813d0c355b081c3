// The files `cassino batch` writes and the front end reads, as zod schemas: one line of runs.jsonl
// and summary.json, with the provenance fingerprint both carry. Pure, so that the command line
// (engine/node/batch) and the browser (ui/batch.ts) read one definition: a change of format is a
// type error on both sides rather than a silent misreading on one.
import { z } from 'zod';
import { DataError, zodIssues } from './data-error.ts';

const holderSchema = z.enum(['allied', 'german', 'none']);
const seedSchema = z.string().regex(/^\d+$/, 'expected a seed (a whole number as a string)');
const bySide = <T extends z.ZodType>(t: T) => z.object({ allied: t, german: t });

export type Holder = z.infer<typeof holderSchema>;

export const runLineSchema = z.object({
  seed: seedSchema,
  stateHash: z.string(),
  turns: z.number().int().nonnegative(),
  /** Per objective: who holds it at the end, and each change of hands (end of `turn`, at `at`). */
  outcome: z.record(z.string(), z.object({ holder: holderSchema, changes: z.array(z.object({ turn: z.number().int(), at: z.string(), holder: holderSchema })) })),
  /** Per documented outcome target: whether its check held in this run. */
  checks: z.record(z.string(), z.boolean()),
  /** Men lost (killed, wounded, missing) per side over the run. */
  losses: bySide(z.number()),
  /** Men lost per formation of level corps, division, brigade or regiment (scenario order). */
  formations: z.record(z.string(), z.number()),
  /**
   * The formation and target figures summed on another formation tree (`cassino compare`: the
   * other arm's, so that both arms' figures are summed on one tree); absent in batches.
   */
  onTree: z.object({ formations: z.record(z.string(), z.number()), targets: z.record(z.string(), z.number()) }).optional(),
  /** Men lost per documented target (documented.losses) within its from/to dates. */
  targets: z.record(z.string(), z.number()),
  /** Men lost per side in each turn played (index = turn). */
  perTurn: bySide(z.array(z.number())),
});

export const errorLineSchema = z.object({ seed: seedSchema, error: z.string() });

export type BatchRunLine = z.infer<typeof runLineSchema>;
export type BatchErrorLine = z.infer<typeof errorLineSchema>;
export type BatchLine = BatchRunLine | BatchErrorLine;

export function isErrorLine(l: BatchLine): l is BatchErrorLine {
  return typeof (l as BatchErrorLine).error === 'string';
}

/**
 * One line of runs.jsonl, checked: an error names the file and the line. The error form is tried
 * first (it is what a line with "error" means); any other line must be a whole run.
 */
export function parseRunLine(text: string, file: string, lineNo: number): BatchLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DataError(file, [{ path: `line ${lineNo}`, message: 'not valid JSON (expected one run per line, as cassino batch writes runs.jsonl)' }]);
  }
  const asError = errorLineSchema.safeParse(raw);
  if (asError.success) return asError.data;
  const r = runLineSchema.safeParse(raw);
  if (!r.success) {
    const first = zodIssues(r.error.issues)[0];
    throw new DataError(file, [{ path: `line ${lineNo}${first.path ? `: ${first.path}` : ''}`, message: first.message }]);
  }
  return r.data;
}

/** What made a result: a digest of each part, kept so that a mismatch can say what changed. */
export const fingerprintSchema = z.object({
  format: z.literal('cassino-fingerprint'),
  version: z.literal(1),
  /** Digest of all the parts below. */
  digest: z.string(),
  parts: z.object({
    /** The engine code the workers run (the sources their bundle is built from). */
    engine: z.string(),
    /** The resolved scenario and its map, before any what-if. */
    scenario: z.string(),
    /** The resolved model parameters (shipped, what-if's and --params file's together). */
    params: z.string(),
    /** The what-if file's content (canonical JSON), or "none". */
    whatIf: z.string(),
    /** "historical" (the plan runs) or "none" (--no-plan: the doctrine AI for both sides). */
    plan: z.enum(['historical', 'none']),
    /** Node's major version ("20"). */
    node: z.string(),
  }),
  /** Digest of each parameter file that went in (engine/params/*.json, the --params file), by name. */
  paramFiles: z.record(z.string(), z.string()),
  /** The what-if and --params files as given (for the sentences; not part of the digest). */
  files: z.object({ whatIf: z.string().optional(), params: z.string().optional() }),
});

export type Fingerprint = z.infer<typeof fingerprintSchema>;

export const figureDefSchema = z.object({
  /** "losses.<side>", "formation.<id>" or "target.<id>": the figure's column in runs.csv. */
  key: z.string(),
  kind: z.enum(['side', 'formation', 'target']),
  id: z.string(),
  label: z.string(),
  side: z.enum(['allied', 'german']).optional(),
  level: z.string().optional(),
  /** Documented figure (targets only), with its relative tolerance, window and note. */
  documented: z.number().optional(),
  tolerance: z.number().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  note: z.string().optional(),
});

export type FigureDef = z.infer<typeof figureDefSchema>;

const stat = z.number().nullable();
export const roundedStatsSchema = z.object({ n: stat, mean: stat, median: stat, p10: stat, p90: stat, min: stat, max: stat });
export type RoundedStats = z.infer<typeof roundedStatsSchema>;

const band = z.object({ median: z.array(z.number()), p10: z.array(z.number()), p90: z.array(z.number()) });

export const SUMMARY_FORMAT = 'cassino-batch-summary';

export const summarySchema = z.object({
  format: z.literal(SUMMARY_FORMAT),
  version: z.literal(1),
  scenario: z.object({ id: z.string(), version: z.string(), name: z.string() }),
  /** The what-if applied to every run (absent for the historical plan). */
  whatIf: z.object({ id: z.string(), name: z.string() }).optional(),
  /** What made the runs (absent in files written before fingerprints). */
  provenance: fingerprintSchema.optional(),
  seeds: z.object({ first: z.string(), last: z.string(), count: z.number().int() }),
  /** Runs finished (including failed ones); equals seeds.count when the batch is complete. */
  runs: z.number().int(),
  complete: z.boolean(),
  failed: z.number().int(),
  failedSeeds: z.array(z.string()),
  percentileMethod: z.string(),
  turns: roundedStatsSchema,
  figures: z.record(z.string(), figureDefSchema.omit({ key: true }).extend(roundedStatsSchema.shape)),
  /** Per objective, the share of successful runs in which each side holds it at the end. */
  objectives: z.record(z.string(), z.object({ name: z.string(), held: z.object({ allied: z.number(), german: z.number(), none: z.number() }) })),
  /** Per side, per turn: median, 10th and 90th percentile of the men lost in that turn. */
  lossesOverTime: z.object({ turnStarts: z.array(z.string()), allied: band, german: band }),
  documentedSource: z.string().optional(),
  /** Each documented outcome with `observed`: the share of successful runs in which its check held. */
  documentedOutcomes: z.array(z.object({ id: z.string(), share: z.number(), holds: z.string(), observed: z.number() })),
});

export type BatchSummary = z.infer<typeof summarySchema>;
