// Calibration in CI: the historical plans of the four battles, 50 seeds each (at 30 the 10th-90th
// band rests on three runs, and X Corps's lower edge fell on the wrong side of its documented
// 4,000 while 1,000 runs put it at 3,763), held against the
// documented targets (`cassino calibrate` at a run count that fits CI; the full check is
// `npx cassino calibrate --runs 1000`, figures in README.md). A target listed in NOT_YET_MET is one
// the model does not reproduce yet (issue 5 stays open for them); every other target must pass.
import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationReport } from '../engine/node/calibrate.ts';

const RUNS = 50;

/** Targets the calibrated model misses today, with what it does instead (README, "Calibration"). */
const NOT_YET_MET: Record<string, string> = {
  'b1.belvedere': 'the French take Monte Belvedere in about a third of runs: the German guns answering the summit assaults (118) weigh in the defenders\' power, and the assaults go in at odds of 0.4-1.0',
  'b23.2nd-nz': 'median about 40% above the documented 1,600: each New Zealand assault round the town is answered by the corps and army guns in range, two missions each, whatever the odds',
  'b4.polish-first-assault': 'median 3,131 at 1,000 runs (within tolerance) but the documented 3,784 lies above the 10th-90th band (2,642-3,618): the Poles make the plan\'s assaults only, since the doctrine weighs the German batteries it cannot see and no longer adds attacks at true odds below 1',
};

describe(`calibration of the four battles (${RUNS} seeds each)`, () => {
  let report: CalibrationReport;
  it('plays every run without a failure', async () => {
    report = await calibrate({ scenarios: ['battle-1', 'battle-2', 'battle-3', 'battle-4'], runs: RUNS, seed: '1', workers: 2 });
    expect(report.scenarios.flatMap((s) => s.failedRuns)).toEqual([]);
    expect(report.verdicts.length).toBe(20);
  }, 300_000);

  it('meets every documented target not listed as not yet met', () => {
    const failing = report.verdicts.filter((v) => !v.pass && !(v.id in NOT_YET_MET)).map((v) => `${v.id}: ${v.reason}`);
    expect(failing).toEqual([]);
  });

  for (const [id, what] of Object.entries(NOT_YET_MET)) it.todo(`${id} (not yet met: ${what})`);
});
