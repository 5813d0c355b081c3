// Calibration in CI: the historical plans of the four battles and the campaign, 100 seeds each,
// held against the documented targets (`cassino calibrate` at a run count that fits CI; the full check is
// `npx cassino calibrate --runs 1000`, figures in README.md). Two edges are close: the documented
// Polish 3,784 lies at the top of the simulated band (3,818 at 1,000 runs) and the X Corps 4,000 at
// its bottom (3,945); at 50 seeds the Polish band's top fell below 3,784, at 100 it is 3,791 (at 30
// seeds, earlier, X Corps's bottom edge fell on the wrong side). A target listed in NOT_YET_MET is
// one the model does not reproduce yet; every other target must pass.
import { describe, expect, it } from 'vitest';
import { calibrate, type CalibrationReport } from '../engine/node/calibrate.ts';

const RUNS = 100;

/**
 * Plays the historical plans of `scenarios` at RUNS seeds and holds them against their documented
 * targets: all `targets` of them must be there, and every one not in `notYetMet` (targets the
 * calibrated model misses today, with what it does instead: README, "Calibration") must pass.
 */
function calibrationSuite(title: string, scenarios: string[], targets: number, notYetMet: Record<string, string>): void {
  describe(title, () => {
    let report: CalibrationReport;
    it('plays every run without a failure', async () => {
      report = await calibrate({ scenarios, runs: RUNS, seed: '1', workers: 2 });
      expect(report.scenarios.flatMap((s) => s.failedRuns)).toEqual([]);
      expect(report.verdicts.length).toBe(targets);
    });

    it('meets every documented target not listed as not yet met', () => {
      const failing = report.verdicts.filter((v) => !v.pass && !(v.id in notYetMet)).map((v) => `${v.id}: ${v.reason}`);
      expect(failing).toEqual([]);
    });

    for (const [id, what] of Object.entries(notYetMet)) it.todo(`${id} (not yet met: ${what})`);
  });
}

calibrationSuite(`calibration of the four battles (${RUNS} seeds each)`, ['battle-1', 'battle-2', 'battle-3', 'battle-4'], 20, {});

// The campaign, 100 seeds (about 95 s on two workers): one game from 17 January to 18 May, whose
// later battles start from what the earlier ones left.
calibrationSuite(`calibration of the campaign (${RUNS} seeds)`, ['campaign'], 22, {
  'campaign.allied': '39,033 against 55,000; the formations no target names lose too little, or the quiet weeks cost too little',
  'campaign.german': '15,537, within the 30 % tolerance, but 20,000 lies above the band (14,697-16,265)',
});
