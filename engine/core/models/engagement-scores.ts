// Scoring predicted engagement losses and winners against CDB90's records, and the
// cross-validation harness: the measuring instrument of `cassino engage --report`. Pure.
import type { Cdb90Engagement } from './cdb90.ts';
import type { LossPrediction } from './qjm-baseline.ts';

export type Predictor = (e: Cdb90Engagement) => LossPrediction;

/**
 * A model as the report sees it: `fit` takes the rows it may learn from and returns the
 * predictor for the others. A model with nothing fitted ignores its training rows.
 */
export interface EngagementModel {
  name: string;
  fit(training: Cdb90Engagement[]): Predictor;
}

export interface SideScore {
  /** Rows with a recorded loss for the side. */
  n: number;
  /** Median |log10(predicted / actual)|, losses under one man counted as one. */
  medianLog10: number | null;
  /** Share of those rows predicted within a factor of 2. */
  within2: number | null;
}

export interface Scores {
  rows: number;
  attacker: SideScore;
  defender: SideScore;
  /** Rows with a decided outcome (attacker_won 1 or -1), and the share whose winner the model picks (attacker wins in more than half the runs). */
  winner: { n: number; right: number; share: number | null };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** |log10(predicted / actual)|, a loss under one man counted as one man (CDB90 records whole men; a zero would be infinitely wrong). */
export function logError(predicted: number, actual: number): number {
  return Math.abs(Math.log10(Math.max(1, predicted) / Math.max(1, actual)));
}

function sideScore(errors: number[]): SideScore {
  if (errors.length === 0) return { n: 0, medianLog10: null, within2: null };
  return { n: errors.length, medianLog10: median(errors), within2: errors.filter((x) => x <= Math.log10(2)).length / errors.length };
}

/** Scores of `predictions` (by isqno) on `rows`. */
export function scoreRows(rows: readonly Cdb90Engagement[], predictions: ReadonlyMap<string, LossPrediction>): Scores {
  const att: number[] = [];
  const def: number[] = [];
  let decided = 0;
  let right = 0;
  for (const e of rows) {
    const p = predictions.get(e.isqno);
    if (!p) throw new Error(`no prediction for row ${e.isqno}`);
    if (e.actual.attLosses !== null) att.push(logError(p.attLosses, e.actual.attLosses));
    if (e.actual.defLosses !== null) def.push(logError(p.defLosses, e.actual.defLosses));
    if (e.actual.attackerWon === 1 || e.actual.attackerWon === -1) {
      decided++;
      if ((p.attackerWins > 0.5) === (e.actual.attackerWon === 1)) right++;
    }
  }
  return { rows: rows.length, attacker: sideScore(att), defender: sideScore(def), winner: { n: decided, right, share: decided ? right / decided : null } };
}

/** Predictions of a model fitted once on `training`, for every row of `rows`. */
export function predictAll(model: EngagementModel, training: Cdb90Engagement[], rows: readonly Cdb90Engagement[]): Map<string, LossPrediction> {
  const predict = model.fit(training);
  return new Map(rows.map((e) => [e.isqno, predict(e)]));
}

/**
 * Cross-validation that leaves out whole folds (a theatre, a campaign): each row is predicted by
 * the model fitted on the rows of the other folds only, never on a row of its own fold.
 */
export function crossValidate(model: EngagementModel, rows: readonly Cdb90Engagement[], foldOf: (e: Cdb90Engagement) => string): Map<string, LossPrediction> {
  const folds = new Map<string, Cdb90Engagement[]>();
  for (const e of rows) folds.set(foldOf(e), [...(folds.get(foldOf(e)) ?? []), e]);
  const out = new Map<string, LossPrediction>();
  for (const [key, held] of folds) {
    const predict = model.fit(rows.filter((e) => foldOf(e) !== key));
    for (const e of held) out.set(e.isqno, predict(e));
  }
  return out;
}

/** Daily loss rate of one side of a row, where it has a recorded loss. */
function dailyRate(e: Cdb90Engagement, side: 'attacker' | 'defender'): number | null {
  const loss = side === 'attacker' ? e.actual.attLosses : e.actual.defLosses;
  return loss === null ? null : loss / (e.input[side].men * e.input.durationDays);
}

export interface NullFit {
  attackerRate: number;
  defenderRate: number;
  /** The training rows' majority outcome (ties to the attacker). */
  attackerWins: 0 | 1;
}

/** The null model's fit: median daily loss rates of the training rows and their majority winner. */
export function fitNull(training: readonly Cdb90Engagement[]): NullFit {
  const att = training.map((e) => dailyRate(e, 'attacker')).filter((r): r is number => r !== null);
  const def = training.map((e) => dailyRate(e, 'defender')).filter((r): r is number => r !== null);
  if (att.length === 0 || def.length === 0) throw new Error('the null model needs training rows with recorded losses on both sides');
  const won = training.filter((e) => e.actual.attackerWon === 1).length;
  const lost = training.filter((e) => e.actual.attackerWon === -1).length;
  return { attackerRate: median(att), defenderRate: median(def), attackerWins: won >= lost ? 1 : 0 };
}

/** Null model: every side loses its median daily rate of the training rows; the majority outcome wins. */
export const nullModel: EngagementModel = {
  name: 'null (median daily rates)',
  fit(training) {
    const f = fitNull(training);
    return (e) => ({
      attLosses: Math.min(e.input.attacker.men, e.input.attacker.men * f.attackerRate * e.input.durationDays),
      defLosses: Math.min(e.input.defender.men, e.input.defender.men * f.defenderRate * e.input.durationDays),
      attackerWins: f.attackerWins,
    });
  },
};
