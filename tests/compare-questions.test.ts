// Questions asked in both arms of a comparison: the objectives and outcome checks a what-if adds,
// and a --check file's dated checks, are reported by the historical arm too, which still plays
// exactly as the historical plan.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCompare } from '../engine/node/compare.ts';
import { cli } from './cli-helpers.ts';
import { tmp, whatIf } from './whatif-fixtures.ts';

const town = { type: 'objective.add', id: 'west-hill', name: 'West hill', hex: 'hill-west' };
const question = { type: 'check.add', id: 'town-german-21st', holds: 'the Germans hold the town on the evening of 21 January', check: [{ kind: 'holds', objective: 'town', side: 'german', at: '1944-01-21T18:00' }] };

describe('compare asks a what-if\'s questions in both arms', () => {
  it('reports an added objective and a dated check in the historical arm, whose play is unchanged', async () => {
    const asking = whatIf([town, question]);
    const silent = whatIf([]);
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: asking, runs: 3, seed: '1', workers: 1, progress: false });
    const base = await runCompare({ scenario: 'test-skirmish', whatIf: silent, runs: 3, seed: '1', workers: 1, progress: false });
    // Nothing but questions: both arms play the historical plan, so every figure differs by zero.
    for (const f of Object.values(r.figures)) expect(f.difference.mean).toBe(0);
    expect(r.figures['losses.allied'].historical).toEqual(base.figures['losses.allied'].historical);
    const hill = r.objectives['west-hill'];
    expect(hill.held.none.historical).toBe(0);
    expect(hill.held.german.historical).toBe(hill.held.german.whatIf);
    expect(r.documentedOutcomes['town-german-21st'].historical).toBe(r.documentedOutcomes['town-german-21st'].whatIf);
  });

  it('takes a --check file of dated checks, and refuses a bad one naming file and path', async () => {
    const dir = tmp();
    const good = join(dir, 'checks.json');
    writeFileSync(good, JSON.stringify({ checks: [{ id: 'crossing-allied-22nd', holds: 'the Allies hold the crossing on 22 January', check: [{ kind: 'holds', objective: 'crossing', side: 'allied', at: '1944-01-22T06:00' }] }] }));
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: whatIf([]), checkFile: good, runs: 2, seed: '1', workers: 1, progress: false });
    expect(Object.keys(r.documentedOutcomes)).toContain('crossing-allied-22nd');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ checks: [{ id: 'x', holds: 'x', check: [{ kind: 'holds', side: 'allied' }] }] }));
    const out = await cli(['compare', 'test-skirmish', '--whatif', whatIf([]), '--check', bad, '--runs', '1']);
    expect(out.code).toBe(2);
    expect(out.err).toContain('bad.json: checks[0].check[0]: expected either "objective" or "hex"');
  });
});
