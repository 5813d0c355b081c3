// `cassino engage --report`: the project's combat model scored next to a QJM-style calculation
// with fixed published constants and a null model of median daily loss rates, all three on the
// same rows, overall and per theatre, defender posture and outcome; `--cv theatre|campaign`
// scores every row with models fitted without its theatre or campaign.
import type { Cdb90Engagement, Cdb90Unscored } from '../core/models/cdb90.ts';
import { OTHER_EUROPEAN, THEATRES, THEATRE_NAMES } from '../core/models/cdb90-theatres.ts';
import { crossValidate, nullModel, predictAll, scoreRows, type EngagementModel, type Scores } from '../core/models/engagement-scores.ts';
import { qjmPredict, type LossPrediction } from '../core/models/qjm-baseline.ts';

export type CvMode = 'theatre' | 'campaign';

export interface ReportInput {
  rows: Cdb90Engagement[];
  unscored: Cdb90Unscored[];
  /** The rows the null model is fitted on without cross-validation: the calibration rows. */
  calibration: Cdb90Engagement[];
  calibrationLabel: string;
  cv: CvMode | undefined;
  /** The project's model with its shipped parameters (engine/params/combat.json). */
  predictModel(e: Cdb90Engagement): LossPrediction;
  /** With --refit: the project's model with its free parameters fitted on the training rows (engage-fit.ts). */
  refitModel?: (training: Cdb90Engagement[]) => (e: Cdb90Engagement) => LossPrediction;
}

export interface ReportGroup { by: string; group: string; rows: number; scores: Record<string, Scores> }

export interface EngageReport {
  cv: CvMode | 'none';
  fittedOn: string;
  /** Whether the Cassino model was refitted on the training rows (--refit). */
  refit: boolean;
  rows: number;
  unscored: Array<{ isqno: string; reason: string }>;
  treatments: Record<string, number>;
  groups: ReportGroup[];
  predictions: Array<{ isqno: string; theatre: string; campaign: string; actual: Cdb90Engagement['actual'] } & Record<string, unknown>>;
}

export const MODEL_KEYS = ['model', 'qjm', 'null'] as const;
const MODEL_NAMES: Record<(typeof MODEL_KEYS)[number], string> = { model: 'Cassino model', qjm: 'QJM-style', null: 'null' };

function modelsOf(input: ReportInput): Record<(typeof MODEL_KEYS)[number], EngagementModel> {
  return {
    model: { name: MODEL_NAMES.model, fit: input.refitModel ?? (() => input.predictModel) },
    qjm: { name: MODEL_NAMES.qjm, fit: () => (e) => qjmPredict(e.input, e.surpriseCode) },
    null: nullModel,
  };
}

const OUTCOMES: Array<[string, string]> = [['1', 'attacker won'], ['-1', 'defender won'], ['0', 'draw'], ['null', 'not recorded']];

/** The groups the report scores: all rows, each theatre, Europe outside Italy, each posture, each outcome. */
function groupsOf(rows: Cdb90Engagement[]): Array<{ by: string; group: string; rows: Cdb90Engagement[] }> {
  const out = [{ by: 'all', group: 'all rows', rows }];
  for (const t of THEATRES) {
    const rs = rows.filter((e) => e.theatre === t);
    if (rs.length) out.push({ by: 'theatre', group: THEATRE_NAMES[t], rows: rs });
  }
  const europe = rows.filter((e) => OTHER_EUROPEAN.includes(e.theatre));
  if (europe.length) out.push({ by: 'theatre', group: 'other European', rows: europe });
  for (const p of ['HD', 'PD', 'FD', 'DL', 'WD']) {
    const rs = rows.filter((e) => e.input.defenderPosture === p);
    if (rs.length) out.push({ by: 'posture', group: p, rows: rs });
  }
  for (const [k, name] of OUTCOMES) {
    const rs = rows.filter((e) => String(e.actual.attackerWon) === k);
    if (rs.length) out.push({ by: 'outcome', group: name, rows: rs });
  }
  return out;
}

export function buildReport(input: ReportInput): EngageReport {
  const models = modelsOf(input);
  const foldOf = input.cv === 'campaign' ? (e: Cdb90Engagement) => e.campaign : (e: Cdb90Engagement) => e.theatre;
  const predictions = Object.fromEntries(MODEL_KEYS.map((k) => [k, input.cv
    ? crossValidate(models[k], input.rows, foldOf)
    : predictAll(models[k], k === 'null' ? input.calibration : input.rows, input.rows)])) as Record<(typeof MODEL_KEYS)[number], Map<string, LossPrediction>>;
  const treatments: Record<string, number> = {};
  for (const e of [...input.rows, ...input.unscored]) for (const t of e.treatments) treatments[t.column] = (treatments[t.column] ?? 0) + 1;
  return {
    cv: input.cv ?? 'none',
    refit: input.refitModel !== undefined,
    fittedOn: input.cv ? `the rows outside each ${input.cv} (leave one ${input.cv} out)` : input.calibrationLabel,
    rows: input.rows.length,
    unscored: input.unscored.map((u) => ({ isqno: u.isqno, reason: u.reason })),
    treatments,
    groups: groupsOf(input.rows).map((g) => ({
      by: g.by, group: g.group, rows: g.rows.length,
      scores: Object.fromEntries(MODEL_KEYS.map((k) => [k, scoreRows(g.rows, predictions[k])])),
    })),
    predictions: input.rows.map((e) => ({
      isqno: e.isqno, theatre: e.theatre, campaign: e.campaign, actual: e.actual,
      ...Object.fromEntries(MODEL_KEYS.map((k) => [k, predictions[k].get(e.isqno)])),
    })),
  };
}

const fix3 = (x: number | null) => (x === null ? '-' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);

/** The report as text: one line per group and model. */
export function formatReport(r: EngageReport, files: string[]): string {
  const head = [
    `Scores on ${r.rows} rows of ${files.join(', ')}${r.unscored.length ? ` (${r.unscored.length} more read but not run: ${r.unscored.map((u) => u.isqno).join(', ')})` : ''}.`,
    `Null model fitted on ${r.fittedOn}; ${r.refit
      ? `the Cassino model's free parameters (engage-fit.ts) refitted on ${r.cv === 'none' ? 'all these rows (in-sample)' : r.fittedOn}`
      : 'the Cassino model runs with its shipped parameters'}; the QJM-style calculation fits nothing.`,
    'att/def: median |log10(predicted/actual)| of attacker/defender losses; x2: share within a factor of 2;',
    'winner: share of decided rows (attacker won or lost) whose winner the model picks.',
    `Values not recorded and how they were read: ${Object.entries(r.treatments).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'} (see VALIDATION.md).`,
    '',
    `${'group'.padEnd(26)} ${'rows'.padStart(4)}  ${'model'.padEnd(13)} ${'att'.padStart(6)} ${'def'.padStart(6)} ${'att x2'.padStart(7)} ${'def x2'.padStart(7)}  winner`,
  ];
  const lines: string[] = [];
  for (const g of r.groups) {
    MODEL_KEYS.forEach((k, i) => {
      const s = g.scores[k];
      const label = i === 0 ? `${g.by === 'all' ? '' : `${g.by}: `}${g.group}` : '';
      lines.push(`${label.padEnd(26)} ${(i === 0 ? String(g.rows) : '').padStart(4)}  ${MODEL_NAMES[k].padEnd(13)} ${fix3(s.attacker.medianLog10).padStart(6)} ${fix3(s.defender.medianLog10).padStart(6)} ${pct(s.attacker.within2).padStart(7)} ${pct(s.defender.within2).padStart(7)}  ${pct(s.winner.share)} (${s.winner.right}/${s.winner.n})`);
    });
  }
  return [...head, ...lines].join('\n');
}
