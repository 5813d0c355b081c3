// Per-formation figures of a comparison on one formation tree in both arms: a what-if that moves a
// unit to another formation (unit.reassign) must not move the unit's losses between formations in
// one arm only. The historical tree is reported in both arms, and the what-if's tree beside it.
import { describe, expect, it } from 'vitest';
import { runCompare } from '../engine/node/compare.ts';
import { formatCompareTable } from '../engine/node/compare.ts';
import { WHATIF_TREE } from '../engine/node/compare-tree.ts';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { summarise } from '../engine/core/report.ts';
import { runLine } from '../engine/node/batch/record.ts';
import { whatIf } from './whatif-fixtures.ts';

const move = { type: 'unit.reassign', unit: 'us-1-141', formation: 'us-143rd-inf', source: 'test: the battalion goes to the other regiment' };

describe('compare reports formations on the historical tree in both arms', () => {
  it('a run sums its losses on another arm\'s tree too: the moved battalion counts where that tree puts it', () => {
    const file = whatIf([move]);
    const ctx = loadContext('test-skirmish', { whatIf: file });
    const hist = loadContext('test-skirmish').scenario;
    const r = runGame(ctx, { seed: '3', recordActions: false });
    const summary = summarise(ctx, r.state, '3', r.objectives, r.finalHash, r.checks);
    const line = runLine(ctx, summary, hist);
    const lost = summary.losses.byUnit.find((u) => u.id === 'us-1-141')!.lost;
    expect(lost).toBeGreaterThan(0);
    // Its own (what-if) tree puts the battalion in the 143rd; the historical tree in the 141st.
    expect(line.onTree!.formations['us-141st-inf']).toBe(line.formations['us-141st-inf'] + lost);
    expect(line.onTree!.formations['us-143rd-inf']).toBe(line.formations['us-143rd-inf'] - lost);
    // Formations above both regiments are the same on either tree.
    expect(line.onTree!.formations['us-36th-div']).toBe(line.formations['us-36th-div']);
  });

  it('a move that changes nothing else differs by zero on the historical tree, and shows the move on the what-if\'s tree, with an added objective asked in both arms', async () => {
    const file = whatIf([move, { type: 'objective.add', id: 'west-hill', name: 'West hill', hex: 'hill-west' }]);
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: file, runs: 3, seed: '1', workers: 1, progress: false });
    const moved = r.figures[`formation.${WHATIF_TREE}us-1-141`];
    expect(moved).toBeUndefined(); // a battalion is no recorded formation
    for (const id of ['us-141st-inf', 'us-143rd-inf', 'us-36th-div']) {
      expect(r.figures[`formation.${id}`].difference.mean, id).toBe(0);
      expect(r.figures[`formation.${id}`].whatIf).toEqual(r.figures[`formation.${id}`].historical);
    }
    const from = r.figures[`formation.${WHATIF_TREE}us-141st-inf`];
    const to = r.figures[`formation.${WHATIF_TREE}us-143rd-inf`];
    // On the what-if's tree the 141st loses its 1st Battalion in both arms: the move, not an effect.
    expect(from.historical.mean).toBeLessThan(r.figures['formation.us-141st-inf'].historical.mean);
    expect(from.difference.mean).toBe(0);
    expect(to.difference.mean).toBe(0);
    expect(r.figures[`formation.${WHATIF_TREE}us-36th-div`]).toBeUndefined(); // its units are the same
    expect(r.objectives['west-hill'].held.german.historical).toBe(r.objectives['west-hill'].held.german.whatIf);
    const table = formatCompareTable(r);
    expect(table).toContain('On the what-if\'s formation tree');
    expect(table).toMatch(/141st Infantry Regiment \(what-if's tree\)/);
  });
});
