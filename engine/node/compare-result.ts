// compare.json: the paired comparison of a historical and a what-if arm, as `cassino compare` and
// `cassino batch --whatif --baseline` write it, and the rows of it worth showing to a person.
import type { FigureDef, Fingerprint } from '../core/batch-files.ts';
import { WHATIF_TREE } from './compare-tree.ts';
import type { Explanation } from './compare-explain.ts';
import type { FigureComparison, ObjectiveComparison, ShareChange } from './compare-stats.ts';

export interface CompareResult {
  format: 'cassino-compare';
  version: 1;
  scenario: { id: string; version: string; name: string };
  whatIf: { id: string; name: string; file: string; note: string; source: string };
  seeds: { first: string; last: string; count: number };
  /** Seeds whose runs succeeded in both arms (the pairs compared). */
  paired: number;
  failed: { historical: string[]; whatIf: string[] };
  method: { pairing: string; interval: string; percentile: string };
  figures: Record<string, Omit<FigureDef, 'key'> & FigureComparison>;
  objectives: Record<string, ObjectiveComparison>;
  /** Per documented outcome of the scenario: the share of runs its check held in, per arm. */
  documentedOutcomes: Record<string, { holds: string; share: number } & ShareChange>;
  /** compare --explain: the causes of the largest differences outside the what-if's sector. */
  explain?: Explanation;
  /** What made each arm's runs. */
  provenance?: { historical: Fingerprint; whatIf: Fingerprint };
}

const headline = (f: CompareResult['figures'][string]): boolean => (f.level === 'corps' || f.level === 'division') && (f.historical.mean > 0 || f.whatIf.mean > 0);

/**
 * Rows worth showing to a person: sides, documented targets, corps and divisions that lost men
 * (formations on the historical tree in both arms).
 */
export function headlineFigures(r: CompareResult): string[] {
  return Object.entries(r.figures)
    .filter(([, f]) => f.kind !== 'formation' || (!f.id.startsWith(WHATIF_TREE) && headline(f)))
    .map(([k]) => k);
}

/** The formations the what-if's own tree changes (their units differ), summed on that tree in both arms. */
export function whatIfTreeFigures(r: CompareResult): string[] {
  return Object.entries(r.figures).filter(([, f]) => f.kind === 'formation' && f.id.startsWith(WHATIF_TREE) && (f.historical.mean > 0 || f.whatIf.mean > 0)).map(([k]) => k);
}

