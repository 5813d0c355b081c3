// Per-formation figures of a comparison on one formation tree in both arms. A what-if that moves a
// unit or a formation (unit.reassign) changes its own arm's tree: were each arm's losses summed on
// its own tree, a formation's figure would mix the move (the moved unit's losses change sides) with
// its effect. So every run also sums its losses on the other arm's tree (the worker is given it),
// and the comparison reports each formation (and documented target) on the historical tree in both arms, with the
// formations the what-if's tree changes (different units, or new) beside them on that tree.
import type { BatchRunLine, FigureDef } from '../core/batch-files.ts';
import { type Scenario, unitFormations } from '../core/scenario.ts';
import { recordedFormations } from './batch/record.ts';

export { lossesOnTree } from './batch/record.ts';

/** The id prefix of a formation figure summed on the what-if's tree. */
export const WHATIF_TREE = 'whatif-tree:';

/** The units of each recorded formation of a scenario, as a sorted list joined (a comparable key). */
function membership(s: Scenario): Map<string, string> {
  const units = new Map<string, string[]>();
  for (const u of s.units) for (const f of unitFormations(s, u.id)) units.set(f, [...(units.get(f) ?? []), u.id]);
  return new Map(recordedFormations(s).map((f) => [f.id, (units.get(f.id) ?? []).sort().join(',')]));
}

/**
 * The figures of the what-if's own tree worth showing beside the historical tree's: its recorded
 * formations whose units differ from the historical tree's (a reassigned unit or formation, a new
 * formation). Empty when the what-if moves nothing.
 */
export function whatIfTreeFigures(hist: Scenario, what: Scenario): FigureDef[] {
  const before = membership(hist);
  const after = membership(what);
  return recordedFormations(what)
    .filter((f) => before.get(f.id) !== after.get(f.id))
    .map((f) => ({ key: `formation.${WHATIF_TREE}${f.id}`, kind: 'formation' as const, id: `${WHATIF_TREE}${f.id}`, label: `${f.name} (what-if's tree)`, side: f.side, level: f.level }));
}

/**
 * A run's line with its formation and target figures on the trees the comparison reports: the
 * historical tree's under the formation and target ids, the what-if's tree's formations under
 * WHATIF_TREE + id. `arm` says which tree the run's own figures are on; `onTree` (the other tree's)
 * comes from the worker.
 */
export function onBothTrees(line: BatchRunLine, arm: 'historical' | 'whatIf'): BatchRunLine {
  const own = { formations: line.formations, targets: line.targets };
  const other = line.onTree ?? own;
  const [hist, what] = arm === 'historical' ? [own, other] : [other, own];
  const formations: Record<string, number> = { ...hist.formations };
  for (const [id, men] of Object.entries(what.formations)) formations[`${WHATIF_TREE}${id}`] = men;
  return { ...line, formations, targets: hist.targets };
}
