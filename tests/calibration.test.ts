// Calibration in CI: the historical plans of the four battles, 30 seeds each (fewer leave the
// 10th-90th band to two or three runs), held against the
// documented targets (`cassino calibrate` at a run count that fits CI; the full check is
// `npx cassino calibrate --runs 1000`, figures in README.md). A target listed in NOT_YET_MET is one
// the model does not reproduce yet (issue 5 stays open for them); every other target must pass.
import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationReport } from '../engine/node/calibrate.ts';

const RUNS = 30;

/** Targets the calibrated model misses today, with what it does instead (README, "Calibration"). */
const NOT_YET_MET: Record<string, string> = {
  'b1.belvedere': 'the French do not take Monte Belvedere: the German guns answering the summit assault outweigh the attack (odds 0.25-0.6)',
  'b23.2nd-nz': 'median about 70% above the documented 1,600: each New Zealand assault in the town is answered by the corps and army guns in range, two missions each',
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
