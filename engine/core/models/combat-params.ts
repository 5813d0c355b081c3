// Schema of engine/params/combat.json and its compilation into the flat, number-only form the
// combat model reads in its hot path. Every parameter in the file carries its value and a note of
// its source (`{ "value": ..., "source": "..." }`); the compiled form keeps the values only.
import { z } from 'zod';
import { DataError, zodIssues } from '../data-error.ts';
import { TERRAIN_TYPES, type TerrainType } from '../map.ts';
import type { DefenderPosture, Season } from './combat-types.ts';

const source = z.string().min(10, 'a note of where the value comes from (at least 10 characters)');
// Bounded as every parameter is (params.ts MAX_PARAMETER: no parameter measures more than 1e7).
const pos = z.number().positive().max(10_000_000, 'expected a value of at most 10,000,000 (no parameter measures more)');
const nonneg = z.number().nonnegative().max(10_000_000, 'expected a value of at most 10,000,000 (no parameter measures more)');
const frac = z.number().min(0).max(1);

function param<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source });
}

/** [x, y] pairs, x strictly increasing, all positive (looked up with log-log interpolation). */
const table = z
  .array(z.tuple([pos, pos]))
  .min(2, 'at least two [x, y] points')
  .refine((t) => t.every((p, i) => i === 0 || p[0] > t[i - 1][0]), 'x values in strictly increasing order');

/** [x, y] pairs for linear interpolation, x strictly increasing and ≥ 0, y > 0. */
const linearTable = z
  .array(z.tuple([nonneg, pos]))
  .min(2, 'at least two [x, y] points')
  .refine((t) => t.every((p, i) => i === 0 || p[0] > t[i - 1][0]), 'x values in strictly increasing order');

const terrainRow = z.strictObject({
  mobility: pos, defence: pos, infantry: pos, artillery: pos, air: pos, tanks: nonneg, casualties: pos,
});
const weatherRow = z.strictObject({ mobility: pos, attack: pos, artillery: pos, air: pos, tanks: pos, casualties: pos });

const terrainShape = Object.fromEntries(TERRAIN_TYPES.map((t) => [t, terrainRow])) as Record<TerrainType, typeof terrainRow>;

const postureRow = z.strictObject({ strength: pos, vulnerability: pos, attackerCasualties: pos });

export const combatParamsSchema = z.strictObject({
  about: z.string().optional(),
  weights: param(z.strictObject({ man: pos, tank: nonneg, artillery: nonneg, airSortiePerDay: nonneg })),
  terrain: param(z.strictObject(terrainShape)),
  weatherMoisture: param(z.strictObject({ dry: weatherRow, wet: weatherRow })),
  weatherPrecipitation: param(z.strictObject({ none: weatherRow, light: weatherRow, heavy: weatherRow })),
  weatherTemperature: param(z.strictObject({ hot: weatherRow, temperate: weatherRow, cold: weatherRow })),
  season: param(z.strictObject({
    winter: z.strictObject({ attack: pos, air: pos }),
    spring: z.strictObject({ attack: pos, air: pos }),
    summer: z.strictObject({ attack: pos, air: pos }),
    autumn: z.strictObject({ attack: pos, air: pos }),
  })),
  mobilityExponent: param(nonneg),
  frontage: param(z.strictObject({ menPerKm: nonneg })),
  posture: param(z.strictObject({ HD: postureRow, PD: postureRow, FD: postureRow, DL: postureRow, WD: postureRow })),
  airSuperiority: param(z.strictObject({ fire: pos, vulnerability: pos })),
  airCasualtiesPerSortie: param(nonneg),
  surprise: param(z.strictObject({
    power: z.tuple([pos, pos, pos, pos]),
    vulnerability: z.tuple([pos, pos, pos, pos]),
    decayDays: pos,
  })),
  riverFire: param(z.strictObject({
    fordable: z.strictObject({ smallArms: pos, artillery: pos }),
    unfordable: z.strictObject({ smallArms: pos, artillery: pos }),
  })),
  armourNotAcross: param(z.strictObject({ attackerVulnerability: pos })),
  observedApproach: param(z.strictObject({ defenderArtillery: pos, attackerVulnerability: pos, nightRetained: frac })),
  night: param(z.strictObject({ attackerPower: pos, casualties: pos, assaultDays: pos })),
  morale: param(linearTable),
  fatigue: param(z.strictObject({ power: frac, intensity: frac, perDayAttacking: nonneg, perDayDefending: nonneg })),
  supplyFloor: param(frac),
  baseRate: param(z.strictObject({ attacker: pos, defender: pos })),
  rateCap: param(z.strictObject({ attacker: pos, defender: pos, referenceMen: pos })),
  sizeFactor: param(table),
  opposition: param(table),
  loser: param(z.strictObject({ casualties: pos, cohesion: frac })),
  cohesionPerLoss: param(nonneg),
  tankLossMultiplier: param(z.strictObject({ attacker: nonneg, defender: nonneg })),
  winThreshold: param(pos),
  noise: param(z.strictObject({ power: nonneg, lossCommon: nonneg, lossSide: nonneg })),
  hopelessOdds: param(z.strictObject({ ratio: nonneg })),
  overrun: param(z.strictObject({ share: frac, plannedRetreat: frac })),
  staticLine: param(z.strictObject({ attackerRate: pos, defenderLosses: pos })),
});

export type CombatParamsFile = z.infer<typeof combatParamsSchema>;

/** A looked-up table, flattened to logs for log-log interpolation. */
export interface LogTable { lx: Float64Array; ly: Float64Array }

/** A table for linear interpolation. */
export interface LinTable { x: Float64Array; y: Float64Array }

export interface TerrainFactors { mobility: number; defence: number; infantry: number; artillery: number; air: number; tanks: number; casualties: number }
export interface WeatherFactors { mobility: number; attack: number; artillery: number; air: number; tanks: number; casualties: number }

/** The compiled, number-only parameters the model reads, with the validated file they came from. */
export interface CombatParams {
  /** The file form (values with their sources): later overrides merge onto it, not onto the shipped file. */
  source: CombatParamsFile;
  weights: { man: number; tank: number; artillery: number; airSortiePerDay: number };
  terrain: Record<TerrainType, TerrainFactors>;
  weatherMoisture: Record<'dry' | 'wet', WeatherFactors>;
  weatherPrecipitation: Record<'none' | 'light' | 'heavy', WeatherFactors>;
  weatherTemperature: Record<'hot' | 'temperate' | 'cold', WeatherFactors>;
  season: Record<Season, { attack: number; air: number }>;
  mobilityExponent: number;
  frontage: { menPerKm: number };
  posture: Record<DefenderPosture, { strength: number; vulnerability: number; attackerCasualties: number }>;
  airSuperiority: { fire: number; vulnerability: number };
  airCasualtiesPerSortie: number;
  surprise: { power: number[]; vulnerability: number[]; decayDays: number };
  riverFire: Record<'fordable' | 'unfordable', { smallArms: number; artillery: number }>;
  armourNotAcross: { attackerVulnerability: number };
  observedApproach: { defenderArtillery: number; attackerVulnerability: number; nightRetained: number };
  night: { attackerPower: number; casualties: number; assaultDays: number };
  morale: LinTable;
  fatigue: { power: number; intensity: number; perDayAttacking: number; perDayDefending: number };
  supplyFloor: number;
  baseRate: { attacker: number; defender: number };
  rateCap: { attacker: number; defender: number; referenceMen: number };
  sizeFactor: LogTable;
  opposition: LogTable;
  loser: { casualties: number; cohesion: number };
  cohesionPerLoss: number;
  tankLossMultiplier: { attacker: number; defender: number };
  winThreshold: number;
  noise: { power: number; lossCommon: number; lossSide: number };
  hopelessOdds: { ratio: number };
  overrun: { share: number; plannedRetreat: number };
  staticLine: { attackerRate: number; defenderLosses: number };
}

function logTable(t: Array<[number, number]>): LogTable {
  const lx = new Float64Array(t.length);
  const ly = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    lx[i] = Math.log(t[i][0]);
    ly[i] = Math.log(t[i][1]);
  }
  return { lx, ly };
}

/** Turns a validated file into the compiled parameters. */
export function compileCombatParams(f: CombatParamsFile): CombatParams {
  return {
    source: f,
    weights: { ...f.weights.value },
    terrain: f.terrain.value,
    weatherMoisture: f.weatherMoisture.value,
    weatherPrecipitation: f.weatherPrecipitation.value,
    weatherTemperature: f.weatherTemperature.value,
    season: f.season.value,
    mobilityExponent: f.mobilityExponent.value,
    frontage: f.frontage.value,
    posture: f.posture.value,
    airSuperiority: f.airSuperiority.value,
    airCasualtiesPerSortie: f.airCasualtiesPerSortie.value,
    surprise: {
      power: [...f.surprise.value.power],
      vulnerability: [...f.surprise.value.vulnerability],
      decayDays: f.surprise.value.decayDays,
    },
    riverFire: f.riverFire.value,
    armourNotAcross: f.armourNotAcross.value,
    observedApproach: f.observedApproach.value,
    night: f.night.value,
    morale: { x: Float64Array.from(f.morale.value, (p) => p[0]), y: Float64Array.from(f.morale.value, (p) => p[1]) },
    fatigue: f.fatigue.value,
    supplyFloor: f.supplyFloor.value,
    baseRate: f.baseRate.value,
    rateCap: f.rateCap.value,
    sizeFactor: logTable(f.sizeFactor.value),
    opposition: logTable(f.opposition.value),
    loser: f.loser.value,
    cohesionPerLoss: f.cohesionPerLoss.value,
    tankLossMultiplier: f.tankLossMultiplier.value,
    winThreshold: f.winThreshold.value,
    noise: f.noise.value,
    hopelessOdds: f.hopelessOdds.value,
    overrun: f.overrun.value,
    staticLine: f.staticLine.value,
  };
}

/**
 * Validates a parsed combat parameter file and compiles it. Throws a DataError naming the file,
 * the path inside it and what was expected.
 */
export function parseCombatParams(obj: unknown, fileName: string): CombatParams {
  const r = combatParamsSchema.safeParse(obj);
  if (!r.success) throw new DataError(fileName, zodIssues(r.error.issues));
  return compileCombatParams(r.data);
}
