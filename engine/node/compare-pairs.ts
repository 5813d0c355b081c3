// The paired comparison of two arms' runs held as columns (slot k = seed k of the range): per
// figure, objective and documented outcome, the two arms and their difference with a 95 %
// bootstrap interval. Used by `compare` (both arms played), `batch --whatif --baseline` and
// `compare --saved` (arms read from disk).
import type { ColumnLayout, RunColumns } from './batch/columns.ts';
import { HOLDER_CODES } from './batch/columns.ts';
import type { BatchMeta } from './batch/figures.ts';
import { PERCENTILE_METHOD } from './batch/stats.ts';
import type { CompareResult } from './compare-result.ts';
import { CI_METHOD, type ObjectiveComparison, type Paired, bootstrapCis, figureComparison, paired, shareChange } from './compare-stats.ts';

/** What both arms' columns hold: the figures and objectives of both (the what-if may add some), historical order first. */
export function compareLayout(a: BatchMeta, b: BatchMeta): ColumnLayout {
  const seen = new Set(a.figures.map((f) => f.key));
  const objectives = [...new Set([...a.objectives, ...b.objectives].map((o) => o.id))];
  return { figures: [...a.figures, ...b.figures.filter((f) => !seen.has(f.key))], objectives, checks: a.documentedOutcomes.map((d) => d.id) };
}

/** The values of a column at the paired slots. */
function atPairs(col: ArrayLike<number>, pairs: Uint32Array, f: (v: number) => number = (v) => v): Float64Array {
  const out = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) out[k] = f(col[pairs[k]]);
  return out;
}

/**
 * The paired comparison of two arms' runs (columns with the layout of compareLayout, slot k =
 * seed k of `seeds`): used by `compare`, which plays both arms, and by `batch --whatif --baseline
 * DIR`, which reads the historical arm from disk.
 */
export function compareFromColumns(
  metaA: BatchMeta, metaB: BatchMeta, whatIf: CompareResult['whatIf'], seeds: string[],
  a: RunColumns, b: RunColumns, provenance?: CompareResult['provenance'],
): CompareResult {
  const failedA = seeds.filter((_, i) => a.state[i] !== 1);
  const failedB = seeds.filter((_, i) => b.state[i] !== 1);
  const pairs = Uint32Array.from(seeds.keys()).filter((i) => a.state[i] === 1 && b.state[i] === 1);
  const series: Array<{ set: (ci: [number, number]) => void; p: Paired }> = [];
  const figures: CompareResult['figures'] = {};
  for (const f of a.layout.figures) {
    const { key, ...def } = f;
    const p = paired(atPairs(a.figures.get(key)!, pairs), atPairs(b.figures.get(key)!, pairs));
    series.push({ p, set: (ci) => { figures[key] = { ...def, ...figureComparison(p, ci) }; } });
  }
  const objectives: CompareResult['objectives'] = {};
  const names = new Map([...metaB.objectives, ...metaA.objectives].map((o) => [o.id, o.name]));
  for (const id of a.layout.objectives) {
    objectives[id] = { name: names.get(id) ?? id, held: {} as ObjectiveComparison['held'] };
    HOLDER_CODES.forEach((h, code) => {
      const is = (v: number): number => (v === code ? 1 : 0);
      const p = paired(atPairs(a.holders.get(id)!, pairs, is), atPairs(b.holders.get(id)!, pairs, is));
      series.push({ p, set: (ci) => { objectives[id].held[h] = shareChange(p, ci); } });
    });
  }
  const documentedOutcomes: CompareResult['documentedOutcomes'] = {};
  for (const d of metaA.documentedOutcomes) {
    const p = paired(atPairs(a.checks.get(d.id)!, pairs), atPairs(b.checks.get(d.id)!, pairs));
    series.push({ p, set: (ci) => { documentedOutcomes[d.id] = { holds: d.holds, share: d.share, ...shareChange(p, ci) }; } });
  }
  const cis = bootstrapCis(series.map((x) => x.p.d));
  series.forEach((x, i) => x.set(cis[i]));
  return {
    format: 'cassino-compare', version: 1,
    scenario: metaA.scenario,
    whatIf,
    seeds: { first: seeds[0], last: seeds[seeds.length - 1], count: seeds.length },
    paired: pairs.length,
    failed: { historical: failedA, whatIf: failedB },
    method: {
      pairing: 'common random numbers: run k of both arms is played with seed k; differences are what-if minus historical, seed by seed',
      interval: CI_METHOD,
      percentile: PERCENTILE_METHOD,
    },
    figures,
    objectives,
    documentedOutcomes,
    ...(provenance ? { provenance } : {}),
  };
}

