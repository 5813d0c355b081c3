// A QJM-style engagement calculation with fixed published constants: the yardstick `cassino
// engage --report` holds the project's combat model against. Nothing here is fitted; every figure
// is Dupuy's as transcribed in /work/shared/history/combat-model-references.md ("refs" below:
// Dupuy, Numbers, Predictions and War, pp. 208-210, via HerrTom/OPORD-QJM; The Dupuy Institute's
// "How Attrition is Calculated in the QJM vs the TNDM" and "Time and the TNDM"). Deterministic.
//
// Simplified where the references give no figure: strength is the side's men (no weapon OLIs are
// published there, and the project's weights are fitted, so using them would not be a baseline);
// terrain and weather mobility slow the attacker only, through the QJM's square root; surprise
// fades linearly to none over 3 days, averaged over the engagement.
import type { TerrainType } from '../map.ts';
import type { DefenderPosture, EngagementInput } from './combat-types.ts';

export interface LossPrediction {
  attLosses: number;
  defLosses: number;
  /** Share of runs (or 0/1 for a deterministic model) in which the attacker wins. */
  attackerWins: number;
}

/** refs, terrain table: mobility rm, defence ru, casualties rc. The map's terrain types by their QJM row. */
const TERRAIN: Partial<Record<TerrainType, { rm: number; ru: number; rc: number }>> = {
  'rugged-wooded': { rm: 0.4, ru: 1.5, rc: 0.3 },
  'rugged-mixed': { rm: 0.5, ru: 1.55, rc: 0.4 },
  'rugged-bare': { rm: 0.6, ru: 1.45, rc: 0.5 },
  rolling: { rm: 0.8, ru: 1.3, rc: 0.7 },
  flat: { rm: 0.9, ru: 1.2, rc: 0.8 },
  marsh: { rm: 0.4, ru: 1.3, rc: 0.4 },
  town: { rm: 0.7, ru: 1.4, rc: 0.5 },
};

/** refs, weather table: mobility hm, attack hua, casualties hc (dry; wet-light; wet-heavy; each temperate / extreme cold). */
const WEATHER = {
  dry: { hm: 1, hua: 1, hc: 1 },
  light: { hm: 0.8, hua: 0.9, hc: 0.7 },
  lightCold: { hm: 0.8, hua: 0.9, hc: 0.4 },
  heavy: { hm: 0.6, hua: 0.7, hc: 0.5 },
  heavyCold: { hm: 0.5, hua: 0.6, hc: 0.3 },
};

/** refs, "Other factors": defender posture strength / vulnerability. */
const POSTURE: Record<DefenderPosture, { strength: number; vulnerability: number }> = {
  HD: { strength: 1.3, vulnerability: 0.7 },
  PD: { strength: 1.5, vulnerability: 0.6 },
  FD: { strength: 1.6, vulnerability: 0.5 },
  DL: { strength: 1.2, vulnerability: 0.65 },
  WD: { strength: 1.15, vulnerability: 0.85 },
};

/** refs: season (temperate), spring and autumn attack ×1.1. */
const SEASON_ATTACK = { spring: 1.1, autumn: 1.1, winter: 1, summer: 1 } as const;
/** refs: air superiority, power ×1.1 and vulnerability ×0.9 (inferiority: the reverse). */
const AIR = { power: 1.1, vulnerability: 0.9 };
/** refs: surprise minor / substantial / complete: mobility of the side achieving it, vulnerability of the other; fades over about 3 days. */
const SURPRISE = { mobility: [1, 1.3, 3, 5], vulnerability: [1, 1.2, 2, 3], fadeDays: 3 };
/** refs, Structure (QJM): daily casualty rates, attacker 2.8 %, defender 1.5 %; caps 13.44 % and 5.76 %. */
const BASE_RATE = { attacker: 0.028, defender: 0.015 };
const RATE_CAP = { attacker: 0.1344, defender: 0.0576 };
/** refs: the size factor by headcount (relative to the base rates). */
const SIZE: Array<[number, number]> = [[500, 21], [1000, 8], [2000, 5], [4000, 2.5], [8000, 1.4], [10000, 1.2], [25000, 1.0], [100000, 0.4]];
/** refs: the opposition factor by power ratio (≥ 6: 0.4). */
const OPPOSITION: Array<[number, number]> = [[0.1, 2.5], [0.5, 1.35], [1, 0.95], [1.5, 0.85], [2, 0.75], [3, 0.62], [5, 0.5], [6, 0.4]];
/** VALIDATION.md parameter table: the QJM's mobility enters power as a square root. */
const MOBILITY_EXPONENT = 0.5;

/** Log-log interpolation in a table sorted by x; flat beyond its ends. */
export function logLogInterp(table: Array<[number, number]>, x: number): number {
  if (x <= table[0][0]) return table[0][1];
  const last = table[table.length - 1];
  if (x >= last[0]) return last[1];
  let i = 1;
  while (table[i][0] < x) i++;
  const [x0, y0] = table[i - 1];
  const [x1, y1] = table[i];
  const t = Math.log(x / x0) / Math.log(x1 / x0);
  return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
}

function weatherRow(w: EngagementInput['weather']): { hm: number; hua: number; hc: number } {
  const cold = w.temperature === 'cold';
  if (w.precipitation === 'heavy') return cold ? WEATHER.heavyCold : WEATHER.heavy;
  if (w.moisture === 'wet' || w.precipitation === 'light') return cold ? WEATHER.lightCold : WEATHER.light;
  return WEATHER.dry;
}

/** A surprise factor averaged over the engagement as it fades to none over fadeDays. */
function fading(factor: number, days: number): number {
  const share = days <= SURPRISE.fadeDays ? 1 - days / (2 * SURPRISE.fadeDays) : SURPRISE.fadeDays / (2 * days);
  return 1 + (factor - 1) * share;
}

/** `surpriseCode`: CDB90's -3..3 (negative: achieved by the defender). */
export function qjmPredict(input: EngagementInput, surpriseCode: number): LossPrediction {
  const days = input.durationDays;
  const terrain = TERRAIN[input.terrain] ?? TERRAIN.rolling!;
  const weather = weatherRow(input.weather);
  const posture = POSTURE[input.defenderPosture];
  const air = input.airSuperiority;
  const byAttacker = Math.max(0, surpriseCode);
  const byDefender = Math.max(0, -surpriseCode);
  const attPower = input.attacker.men * weather.hua * SEASON_ATTACK[input.season] * AIR.power ** air
    * (terrain.rm * weather.hm * fading(SURPRISE.mobility[byAttacker], days)) ** MOBILITY_EXPONENT;
  const defPower = input.defender.men * posture.strength * terrain.ru * AIR.power ** -air
    * fading(SURPRISE.mobility[byDefender], days) ** MOBILITY_EXPONENT;
  const ratio = attPower / defPower;
  // As the project's model reads the QJM: the caps bound base × size × opposition; terrain,
  // weather, posture, air and surprise scale the capped rate.
  const attRate = Math.min(RATE_CAP.attacker, BASE_RATE.attacker * logLogInterp(SIZE, input.attacker.men) * logLogInterp(OPPOSITION, ratio))
    * terrain.rc * weather.hc * AIR.vulnerability ** air * fading(SURPRISE.vulnerability[byDefender], days);
  const defRate = Math.min(RATE_CAP.defender, BASE_RATE.defender * logLogInterp(SIZE, input.defender.men) * logLogInterp(OPPOSITION, 1 / ratio))
    * terrain.rc * weather.hc * posture.vulnerability * AIR.vulnerability ** -air * fading(SURPRISE.vulnerability[byAttacker], days);
  return {
    attLosses: Math.min(input.attacker.men, input.attacker.men * attRate * days),
    defLosses: Math.min(input.defender.men, input.defender.men * defRate * days),
    attackerWins: ratio > 1 ? 1 : 0,
  };
}
