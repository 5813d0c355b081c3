// Fitting the combat model's few free physical parameters on CDB90 rows (`cassino engage --fit`,
// and the model's `fit` in `--report --cv`, so that every row is scored by parameters fitted
// without its theatre or campaign). A coarse coordinate search over stated grids: each parameter
// in turn takes the grid value that scores best on the training rows, the others held, twice over.
// The score is the sum of the attacker and defender median |log10(predicted/actual)| and the share
// of decided rows whose winner is missed (the three figures issue 21 judges the model by, equally),
// averaged over the theatres.
import type { Cdb90Engagement } from '../core/models/cdb90.ts';
import type { CombatParams } from '../core/models/combat.ts';
import { scoreRows } from '../core/models/engagement-scores.ts';
import type { LossPrediction } from '../core/models/qjm-baseline.ts';

/** One fitted parameter: how to read it from and write it into the compiled parameters, and its grid. */
interface FreeParameter {
  name: string;
  /** Where every fit starts, whatever the shipped file holds (no fold's fit starts from values fitted on it): the published value, or none. */
  prior: number;
  grid: number[];
  get(p: CombatParams): number;
  set(p: CombatParams, v: number): CombatParams;
}

/**
 * The parameters fitted, with their grids (each spans the published value, where there is one, to
 * the levels the wide set asks for): the attacker's and defender's base daily casualty rates (QJM
 * 2.8 % and 1.5 %; TNDM 4 % and 6 %), the share of a beaten defender lost with its position, the
 * power ratio that decides the outcome (QJM 1), how much a tired attacker's intensity falls
 * (the duration effect), and what a static line does to both sides' losses (none where the
 * training rows hold no static line: the fit cannot see it, and it stays at its prior, 1).
 */
export const FREE_PARAMETERS: FreeParameter[] = [
  {
    name: 'baseRate.defender', prior: 0.015, grid: [0.008, 0.012, 0.018, 0.027, 0.04, 0.06],
    get: (p) => p.baseRate.defender, set: (p, v) => ({ ...p, baseRate: { ...p.baseRate, defender: v } }),
  },
  {
    name: 'baseRate.attacker', prior: 0.028, grid: [0.028, 0.036, 0.045, 0.055, 0.07, 0.09, 0.12],
    get: (p) => p.baseRate.attacker, set: (p, v) => ({ ...p, baseRate: { ...p.baseRate, attacker: v } }),
  },
  {
    name: 'overrun.share', prior: 0, grid: [0, 0.1, 0.2, 0.3, 0.45, 0.6],
    get: (p) => p.overrun.share, set: (p, v) => ({ ...p, overrun: { ...p.overrun, share: v } }),
  },
  {
    name: 'winThreshold', prior: 1.05, grid: [0.6, 0.7, 0.8, 0.92, 1.05],
    get: (p) => p.winThreshold, set: (p, v) => ({ ...p, winThreshold: v }),
  },
  {
    name: 'fatigue.intensity', prior: 0.8, grid: [0.3, 0.55, 0.8],
    get: (p) => p.fatigue.intensity, set: (p, v) => ({ ...p, fatigue: { ...p.fatigue, intensity: v } }),
  },
  {
    name: 'staticLine.defenderLosses', prior: 1, grid: [1, 0.6, 0.4, 0.25, 0.15, 0.1, 0.06, 0.04, 0.025],
    get: (p) => p.staticLine.defenderLosses, set: (p, v) => ({ ...p, staticLine: { ...p.staticLine, defenderLosses: v } }),
  },
  {
    name: 'staticLine.attackerRate', prior: 1, grid: [1, 0.8, 0.6, 0.45, 0.3],
    get: (p) => p.staticLine.attackerRate, set: (p, v) => ({ ...p, staticLine: { ...p.staticLine, attackerRate: v } }),
  },
];

export type RowRunner = (e: Cdb90Engagement, params: CombatParams) => LossPrediction;

/**
 * The fit's score of `params` on `rows` (lower is better): the mean over the theatres present of
 * each theatre's score, so that every theatre counts alike however many rows CDB90 holds of it
 * (Italy has 24 of the 132 rows run, the Pacific 34).
 */
export function fitScore(rows: readonly Cdb90Engagement[], params: CombatParams, run: RowRunner): number {
  const predictions = new Map(rows.map((e) => [e.isqno, run(e, params)]));
  const theatres = [...new Set(rows.map((e) => e.theatre))].sort();
  let sum = 0;
  for (const t of theatres) {
    const s = scoreRows(rows.filter((e) => e.theatre === t), predictions);
    sum += (s.attacker.medianLog10 ?? 0) + (s.defender.medianLog10 ?? 0) + (1 - (s.winner.share ?? 1));
  }
  return sum / theatres.length;
}

/** Coordinate search from the priors (the rest of `shipped` held) over FREE_PARAMETERS on `rows`; returns the best parameters found and their score. */
export function fitCombatParams(
  rows: readonly Cdb90Engagement[], shipped: CombatParams, run: RowRunner, passes = 2,
): { params: CombatParams; score: number } {
  const start = FREE_PARAMETERS.reduce((p, f) => f.set(p, f.prior), shipped);
  let best = start;
  let bestScore = fitScore(rows, start, run);
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (const f of FREE_PARAMETERS) {
      for (const v of f.grid) {
        if (v === f.get(best)) continue;
        const trial = f.set(best, v);
        const score = fitScore(rows, trial, run);
        if (score < bestScore - 1e-9) { best = trial; bestScore = score; moved = true; }
      }
    }
    if (!moved) break;
  }
  return { params: best, score: bestScore };
}

/** The fitted values, one line each. */
export function describeFit(p: CombatParams): string[] {
  return FREE_PARAMETERS.map((f) => `${f.name} = ${f.get(p)}`);
}
