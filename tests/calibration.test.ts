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
  'b1.belvedere': 'the French take Monte Belvedere in about two runs in three but lose it again in early February in more than half of those: the four battalions stacked on the summit are at cohesion 0 after a week of German harassing fire (fire.suppressionLastingShare 1) and a single counter-attacking battalion throws them off',
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
